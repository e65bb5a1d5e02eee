/**
 * `npm run db:migrate`, `npm run db:reset`, `npm run db:schema` and
 * `npm run seed [-- --size N] [-- --programmes N] [-- --database-url URL]`.
 *
 * They work on the embedded database whether or not the app is running (starting PostgreSQL for
 * the duration when it is not), or on the database named by --database-url / DATABASE_URL.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localEnv } from '../../src/lib/server/env.ts';
import { DEFAULT_SIZE, seed } from '../seed/seed.ts';
import { bootstrap } from './bootstrap.ts';
import { serviceConnection } from './database.ts';
import { migrate } from './migrate.ts';
import { startLocalPostgres, SUPERUSER, SUPERUSER_PASSWORD } from './postgres.ts';
import { runningProcess } from './run-lock.ts';
import { dumpSchema, SCHEMA_FILE } from './schema-dump.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		size: { type: 'string' },
		programmes: { type: 'string' },
		'database-url': { type: 'string' }
	}
});
const command = positionals[0];
const env = localEnv();
const dataDir = path.resolve(ROOT, env.DATA_DIR);

async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
	const url = values['database-url'] ?? env.DATABASE_URL;
	if (url) return fn(url);
	if (await runningProcess(dataDir)) {
		// The running app's embedded PostgreSQL is already listening.
		return fn(
			`postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${env.POSTGRES_PORT}/postgres`
		);
	}
	const pg = await startLocalPostgres({
		dataDir: path.join(dataDir, 'postgres'),
		port: env.POSTGRES_PORT
	});
	try {
		await fn(pg.url());
	} finally {
		await pg.stop();
	}
}

async function prepare(url: string, seedSize: number, programmes?: number): Promise<void> {
	const sql = serviceConnection(url);
	try {
		if ((await bootstrap(sql)) === 'supabase') say('A Supabase database: local bootstrap skipped.');
		const { applied } = await migrate(sql);
		say(
			applied.length ? `Applied ${applied.map((m) => m.file).join(', ')}` : 'No pending migrations.'
		);
		if (seedSize > 0) {
			const s = await seed(sql, { size: seedSize, programmes });
			say(
				`Demo world ready in ${(s.ms / 1000).toFixed(1)} s: ${s.people} people, ${s.organisations} organisations, ${s.programmes} programmes, ${s.cohorts} cohorts, ${s.memberships} memberships.`
			);
		}
	} finally {
		await sql.end({ timeout: 5 });
	}
}

function programmeCount(): number | undefined {
	if (values.programmes === undefined) return undefined;
	const n = Number(values.programmes);
	if (!Number.isInteger(n) || n < 1) {
		throw new Error('--programmes takes a whole number of programmes, e.g. --programmes 5000');
	}
	return n;
}

function seedSize(): number {
	const size = Number(values.size ?? DEFAULT_SIZE);
	if (!Number.isInteger(size) || size < 1) {
		throw new Error('--size takes a whole number of people, e.g. --size 100000');
	}
	return size;
}

async function main(): Promise<void> {
	switch (command) {
		case 'migrate':
			return withDatabase((url) => prepare(url, 0));
		case 'seed':
			return withDatabase((url) => prepare(url, seedSize(), programmeCount()));
		case 'schema':
			return withDatabase(async (url) => {
				await prepare(url, 0);
				const sql = serviceConnection(url);
				try {
					await writeFile(SCHEMA_FILE, await dumpSchema(sql));
				} finally {
					await sql.end({ timeout: 5 });
				}
				say('Wrote supabase/schema.sql.');
			});
		case 'reset': {
			if (values['database-url'] ?? env.DATABASE_URL) {
				throw new Error(
					'db:reset only resets the embedded database. For a Supabase project use `supabase db reset --linked`.'
				);
			}
			const holder = await runningProcess(dataDir);
			if (holder) {
				throw new Error(
					`Capacity Commons is running (process ${holder}); stop it before resetting its database.`
				);
			}
			await rm(path.join(dataDir, 'postgres'), { recursive: true, force: true });
			say('Removed the embedded database.');
			return withDatabase((url) => prepare(url, seedSize(), programmeCount()));
		}
		default:
			throw new Error(
				'Usage: db-cli.ts migrate | reset | schema | seed [--size N] [--programmes N] [--database-url URL]'
			);
	}
}

function say(line: string): void {
	console.log(`[capacity-commons] ${line}`);
}

main().catch((error: unknown) => {
	console.error(`[capacity-commons] ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
