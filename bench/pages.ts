/**
 * Visitor pages: how many requests per second the product answers and what a visitor downloads.
 *
 *   node bench/pages.ts [--seconds 10] [--paths /programmes,/people,/fr/programmes]
 *
 * Starts the product as `npm start` does on its own data folder (.data/bench/pages, the demo
 * world), then for each path: GET at 10 concurrent requests for the given seconds, as a visitor
 * (no cookie) asking for compressed pages as Chrome does, from Node's HTTP client; requests per
 * second, p50/p95 latency; and the page's HTML and JavaScript, compressed as served. Run it on two
 * commits to compare them (the languages issue asks that /programmes and /people lose no more
 * than 5%).
 */
import { request } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';

const { values } = parseArgs({
	options: {
		seconds: { type: 'string', default: '10' },
		paths: { type: 'string', default: '/programmes,/people' }
	}
});
const SECONDS = Number(values.seconds);
const PATHS = values.paths.split(',');
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

type Answer = { status: number; bytes: number; body: string };

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				resolve({ status: res.statusCode ?? 0, bytes: raw.length, body: raw.toString('latin1') });
			});
		});
		req.on('error', reject);
		req.end();
	});
}

async function load(url: string) {
	const ms: number[] = [];
	let failures = 0;
	const end = performance.now() + SECONDS * 1000;
	const worker = async () => {
		while (performance.now() < end) {
			const t = performance.now();
			const res = await get(url, { 'accept-encoding': ACCEPT_ENCODING });
			if (res.status !== 200) failures++;
			ms.push(performance.now() - t);
		}
	};
	await Promise.all(Array.from({ length: 10 }, worker));
	ms.sort((a, b) => a - b);
	const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN;
	return { rps: ms.length / SECONDS, p50: at(50), p95: at(95), failures };
}

/** The page's HTML and every script it loads, each compressed as served. */
async function weight(url: string) {
	const html = await get(url, { 'accept-encoding': ACCEPT_ENCODING });
	const plain = await get(url);
	const scripts = [
		...plain.body.matchAll(/<script[^>]+src="([^"]+)"|import\("([^"]+)"\)|href="([^"]+\.js)"/g)
	]
		.map((m) => m[1] ?? m[2] ?? m[3])
		.filter((src): src is string => !!src);
	let js = 0;
	for (const src of new Set(scripts)) {
		js += (await get(new URL(src, url).href, { 'accept-encoding': ACCEPT_ENCODING })).bytes;
	}
	return { html: html.bytes, js };
}

const [port, postgresPort, supabasePort, smtpPort] = [
	await freePort(),
	await freePort(),
	await freePort(),
	await freePort()
];
const product = startProduct({
	PORT: String(port),
	POSTGRES_PORT: String(postgresPort),
	SUPABASE_PORT: String(supabasePort),
	SMTP_PORT: String(smtpPort),
	DATA_DIR: path.join(ROOT, '.data/bench/pages')
});
try {
	await ready(product, 10 * 60_000);
	// Warm up: the first requests compile and fill caches.
	for (const p of PATHS) for (let i = 0; i < 20; i++) await get(`${product.url}${p}`);
	console.log(`${SECONDS} s per page, 10 concurrent visitors, Node's HTTP client:`);
	for (const p of PATHS) {
		const url = `${product.url}${p}`;
		const r = await load(url);
		const w = await weight(url);
		console.log(
			`  ${p.padEnd(16)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  failures ${r.failures}  HTML ${(w.html / 1024).toFixed(1)} KB  JS ${(w.js / 1024).toFixed(1)} KB (compressed)`
		);
	}
} finally {
	await stopProduct(product);
}
