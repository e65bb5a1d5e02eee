/**
 * A throwaway PostgreSQL cluster for a test run, on a free port, in its own folder under
 * .data/test/ (removed afterwards). Durability is traded for speed: nothing here must survive.
 */
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalPostgres, type LocalPostgres } from '../../supabase/local/postgres.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function startTestCluster(
	name: string
): Promise<LocalPostgres & { dataDir: string; port: number }> {
	const dataDir = path.join(ROOT, '.data/test', `${name}-${process.pid}`);
	await rm(dataDir, { recursive: true, force: true });
	await mkdir(path.dirname(dataDir), { recursive: true });
	const port = await freePort();
	const pg = await startLocalPostgres({ dataDir, port, ephemeral: true });
	return {
		...pg,
		dataDir,
		port,
		stop: async () => {
			await pg.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}
