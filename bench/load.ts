/**
 * What the benchmarks share: timing summaries, a signed-in session, and the load of a page at 10
 * concurrent requests from Node's HTTP client and, when it is installed, from wrk.
 */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PASSWORD } from '../supabase/seed/demo-accounts.ts';

const execFileAsync = promisify(execFile);
/** As Chrome (desktop and Android) sends it: the product answers zstd. */
export const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
export const summary = (ms: number[]) => {
	const sorted = [...ms].sort((a, b) => a - b);
	return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms (n=${ms.length})`;
};

export function get(url: string, headers: Record<string, string> = {}) {
	return new Promise<{
		status: number;
		headers: Record<string, string | string[] | undefined>;
		body: Buffer;
	}>((resolve, reject) => {
		// The product trusts X-Forwarded-For here (ADDRESS_HEADER) and requires it.
		const req = request(url, { headers: { 'x-forwarded-for': '10.9.9.9', ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })
			);
		});
		req.on('error', reject);
		req.end();
	});
}

export async function signIn(base: string, email: string): Promise<string> {
	const response = await fetch(`${base}/sign-in?/password`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': '10.9.9.9'
		},
		body: new URLSearchParams({
			email,
			password: DEMO_PASSWORD,
			redirectTo: '/'
		})
	});
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (!cookies.length) throw new Error(`sign-in failed: ${response.status}`);
	return cookies.join('; ');
}

export async function load(urls: string[], cookie: string, seconds: number) {
	const ms: number[] = [];
	let failures = 0;
	const end = performance.now() + seconds * 1000;
	let next = 0;
	const worker = async () => {
		while (performance.now() < end) {
			const url = urls[next++ % urls.length]!;
			const t = performance.now();
			const res = await get(url, {
				cookie,
				'accept-encoding': ACCEPT_ENCODING,
				'x-forwarded-for': '10.9.9.9'
			});
			if (res.status !== 200) failures++;
			ms.push(performance.now() - t);
		}
	};
	await Promise.all(Array.from({ length: 10 }, worker));
	return { ms, rps: ms.length / seconds, failures };
}

/**
 * The same load from wrk (Debian's `wrk`), when it is installed: a load generator in C takes about
 * a tenth of the CPU per request that Node's HTTP client does, and on two cores whatever the client
 * takes, the server does not get. Reported beside the Node client's figures, not instead of them.
 */
export async function wrkLoad(urls: string[], cookie: string, seconds: number) {
	const script = path.join(tmpdir(), `bench-${process.pid}.lua`);
	const paths = urls.map((u) => new URL(u).pathname + new URL(u).search);
	await writeFile(
		script,
		`local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}
local i = 0
wrk.headers["cookie"] = ${JSON.stringify(cookie)}
wrk.headers["accept-encoding"] = "${ACCEPT_ENCODING}"
wrk.headers["x-forwarded-for"] = "10.9.9.9"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
`
	);
	try {
		const { stdout } = await execFileAsync('wrk', [
			'-t1',
			'-c10',
			`-d${seconds}s`,
			'-s',
			script,
			new URL(urls[0]!).origin
		]);
		const result = /RESULT (.*)/.exec(stdout)?.[1];
		if (!result) throw new Error(`wrk said no result:\n${stdout}`);
		const [n, duration, p50, p95, p99, failures] = result.split(' ').map(Number) as [
			number,
			number,
			number,
			number,
			number,
			number
		];
		return { rps: n / duration, n, p50, p95, p99, failures };
	} finally {
		await rm(script, { force: true });
	}
}

export function hasWrk() {
	return execFileAsync('wrk', ['--version']).then(
		() => true,
		// wrk --version prints its version and exits 1.
		(error: { stdout?: string }) => /wrk/.test(error.stdout ?? '')
	);
}
