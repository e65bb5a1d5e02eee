/**
 * Once per run: the real product, built and started as `npm start` does, on spare ports, with a
 * small demo world in a data folder of its own. The e2e tests drive it with a real Chromium.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ready, startProduct, stopProduct } from '../support/product.ts';
import { freePort, ROOT } from '../support/test-cluster.ts';

export default async function setup(project: TestProject) {
	const dataDir = path.join(ROOT, '.data/test', `e2e-${process.pid}`);
	await rm(dataDir, { recursive: true, force: true });
	const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
	const product = startProduct({
		PORT: String(port),
		POSTGRES_PORT: String(postgresPort),
		SUPABASE_PORT: String(supabasePort),
		SMTP_PORT: String(await freePort()),
		DATA_DIR: dataDir,
		SEED_SIZE: '300',
		// As behind a proxy: each test's browser says which address it comes from, so the per-IP
		// limits apply to each test separately (and can be tested).
		ADDRESS_HEADER: 'x-forwarded-for'
	});
	await ready(product);
	project.provide('product', { url: product.url, dataDir, postgresPort });

	let stopping = false;
	// The product stopping by itself is a failure of its own: say why, or the tests only see refusals.
	void product.exited.then((code) => {
		if (!stopping) {
			console.error(
				`The product stopped (exit ${code}) during the tests:\n${product.output().slice(-4000)}`
			);
		}
	});

	return async () => {
		stopping = true;
		await stopProduct(product);
		await rm(dataDir, { recursive: true, force: true });
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** postgresPort: the product's embedded PostgreSQL, for a test's setup as the service. */
		product: { url: string; dataDir: string; postgresPort: number };
	}
}
