/**
 * The embedded PostgreSQL started from a private folder (a clone under a mode-0700 home, as root's
 * is in many containers). As root, PostgreSQL runs as the `postgres` user, who cannot enter such
 * a folder: the start stops with one line that names it and says what to do. As anyone else the
 * cluster runs as the caller, who owns the folder, and starts.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPostgres } from '../../supabase/local/postgres.ts';
import { freePort } from '../support/test-cluster.ts';

const privateHome = await mkdtemp(path.join(tmpdir(), 'private-home-'));
afterAll(() => rm(privateHome, { recursive: true, force: true }));

describe('the embedded PostgreSQL under a private home folder', () => {
	it(
		userInfo().uid === 0
			? 'as root: stops with one line naming the folder the postgres user cannot enter'
			: 'as a normal user: starts, since the cluster runs as the folder’s owner',
		async () => {
			await chmod(privateHome, 0o700);
			const dataDir = path.join(privateHome, 'repo/.data/postgres');
			await mkdir(path.dirname(dataDir), { recursive: true });
			const logs: string[] = [];
			const start = startLocalPostgres({
				dataDir,
				port: await freePort(),
				ephemeral: true,
				onLog: (line) => logs.push(line)
			});
			if (userInfo().uid === 0) {
				const error = await start.then(
					async (pg) => {
						await pg.stop();
						throw new Error('PostgreSQL started, yet its user cannot enter the folder');
					},
					(e: Error) => e
				);
				expect(error.message).toBe(
					`PostgreSQL will not run as root, so it runs as the system user "postgres", who cannot enter ${privateHome} (mode 0700) on the way to the data folder: run npm start as a user other than root, clone the project outside ${privateHome}, or let postgres pass with \`chmod o+x ${privateHome}\` (enter only, not list).`
				);
				expect(logs).toEqual([]);
			} else {
				const pg = await start;
				await pg.stop();
			}
		},
		120_000
	);
});
