/**
 * Once per run: the product built with the pseudo-locale (tests/support/pseudo-app.ts), started
 * as `npm start` does on spare ports with a small demo world.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { preparePseudoApp } from '../support/pseudo-app.ts';
import { ready, startProduct, stopProduct } from '../support/product.ts';
import { freePort } from '../support/test-cluster.ts';

export default async function setup(project: TestProject) {
	const root = await preparePseudoApp();
	const dataDir = path.join(root, '.data/test', `pseudo-${process.pid}`);
	await rm(dataDir, { recursive: true, force: true });
	const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
	const product = startProduct(
		{
			PORT: String(port),
			POSTGRES_PORT: String(postgresPort),
			SUPABASE_PORT: String(supabasePort),
			SMTP_PORT: String(await freePort()),
			DATA_DIR: dataDir,
			SEED_SIZE: '100'
		},
		'start',
		root
	);
	await ready(product, 600_000);
	project.provide('pseudo', { url: product.url, postgresPort });
	return async () => {
		await stopProduct(product);
		await rm(dataDir, { recursive: true, force: true });
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		pseudo: { url: string; postgresPort: number };
	}
}
