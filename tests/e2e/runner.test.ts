/**
 * The embedded default's life cycle, as a person at a terminal lives it: start, a second start
 * on the same port, SIGTERM, a crash (SIGKILL) and the restart after it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ready, startProduct, stopProduct, type Product } from '../support/product';
import { freePort, ROOT } from '../support/test-cluster';

const dataDir = path.join(ROOT, '.data/test', `runner-${process.pid}`);
const started: Product[] = [];

/** Postgres processes serving our data folder (what an orphan would be). */
function postgresOf(folder: string): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((pid) => {
			try {
				const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
				return (
					args.some((a) => a.endsWith('/postgres')) && args.includes(path.join(folder, 'postgres'))
				);
			} catch {
				return false;
			}
		})
		.map(Number);
}

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}

afterAll(async () => {
	for (const product of started) await stopProduct(product, 'SIGKILL');
	for (const pid of postgresOf(dataDir)) process.kill(pid, 'SIGINT');
	await waitFor(() => postgresOf(dataDir).length === 0).catch(() => {});
	await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded default', async () => {
	const env = {
		PORT: String(await freePort()),
		POSTGRES_PORT: String(await freePort()),
		SUPABASE_PORT: String(await freePort()),
		SMTP_PORT: String(await freePort()),
		DATA_DIR: dataDir,
		SEED_SIZE: '50'
	};
	const run = () => {
		const product = startProduct(env);
		started.push(product);
		return product;
	};

	it('starts, and a second instance on the same port fails with one line naming the port', async () => {
		const first = run();
		await ready(first);
		expect((await fetch(first.url + '/health')).status).toBe(200);

		const second = run();
		expect(await second.exited).toBe(1);
		const lines = second.output().trim().split('\n');
		expect(lines).toEqual([
			`[capacity-commons] Port ${env.PORT} (the app) is already in use. Stop what uses it, or set PORT to another port.`
		]);

		expect(await stopProduct(first)).toBe(0);
		expect(postgresOf(dataDir)).toEqual([]);
		expect(existsSync(path.join(dataDir, 'running.pid'))).toBe(false);
	});

	it('starts again after SIGTERM, and recovers after a crash that left PostgreSQL running', async () => {
		const again = run();
		await ready(again);
		expect(again.output()).toMatch(/PostgreSQL 17 started/);

		// A crash: the runner dies without stopping anything, its PostgreSQL lives on.
		await stopProduct(again, 'SIGKILL');
		expect(postgresOf(dataDir)).toHaveLength(1);

		const afterCrash = run();
		await ready(afterCrash);
		expect((await fetch(afterCrash.url + '/health')).status).toBe(200);
		expect(await stopProduct(afterCrash)).toBe(0);
		await waitFor(() => postgresOf(dataDir).length === 0);
	});
});
