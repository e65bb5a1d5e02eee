/**
 * Time from `npm start` to the first 200 of the home page: cold (initdb + migrations + demo world,
 * with the app already built) and warm (an existing database), and where the product wrote files.
 *
 *   node bench/startup.ts            (builds first if needed; uses spare ports and .data/bench-startup)
 */
import { execFileSync, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tests/support/test-cluster.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA_DIR = path.join(ROOT, '.data/bench-startup');

async function timeToFirst200(
	env: Record<string, string>
): Promise<{ ms: number; stop: () => Promise<void> }> {
	const started = performance.now();
	const child = spawn('npm', ['start', '--silent'], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	const url = `http://127.0.0.1:${env.PORT}/`;
	for (;;) {
		const response = await fetch(url).catch(() => undefined);
		if (response?.status === 200) break;
		if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
		if (performance.now() - started > 300_000) throw new Error('no 200 within 5 minutes');
		await new Promise((r) => setTimeout(r, 50));
	}
	const ms = performance.now() - started;
	return {
		ms,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				// npm runs the runner as its child: signal the whole group, as Ctrl-C does.
				process.kill(-child.pid!, 'SIGTERM');
			})
	};
}

function filesOutsideData(): string[] {
	const status = execFileSync(
		'git',
		['status', '--porcelain', '--ignored', '--untracked-files=all'],
		// .data can hold a 100,000-person benchmark database: room for its file list.
		{ cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
	);
	return status
		.split('\n')
		.map((line) => line.slice(3))
		.filter((file) => file && !/^(\.data|node_modules|build|\.svelte-kit|\.tools)\//.test(file));
}

await rm(DATA_DIR, { recursive: true, force: true });
const before = new Set(filesOutsideData());
const env = {
	PORT: String(await freePort()),
	POSTGRES_PORT: String(await freePort()),
	SUPABASE_PORT: String(await freePort()),
	SMTP_PORT: String(await freePort()),
	HOST: '127.0.0.1',
	DATA_DIR
};

// A build first, so that "cold" measures the database and the demo world, not the bundler.
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });

const cold = await timeToFirst200(env);
await cold.stop();
const warm = await timeToFirst200(env);
await warm.stop();
const warmAgain = await timeToFirst200(env);
await warmAgain.stop();

const written = filesOutsideData().filter((f) => !before.has(f));
await rm(DATA_DIR, { recursive: true, force: true });

console.log('npm start → first 200 of /');
console.log(
	`  cold (initdb, migrations, demo world of 2,000 people): ${(cold.ms / 1000).toFixed(1)} s`
);
console.log(
	`  warm (existing database):                           ${(warm.ms / 1000).toFixed(1)} s, ${(warmAgain.ms / 1000).toFixed(1)} s`
);
console.log(`  files written outside .data/: ${written.length ? written.join(', ') : 'none'}`);
