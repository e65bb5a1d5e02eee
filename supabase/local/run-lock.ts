/**
 * One running product per data folder: a second `npm start` on the same `.data/` is refused while
 * the first lives, and a lock left by a crash is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './process.ts';

export type RunLock = { release: () => Promise<void> };

export async function acquireRunLock(dataDir: string): Promise<RunLock> {
	const file = path.join(dataDir, 'running.pid');
	await mkdir(dataDir, { recursive: true });
	const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
	if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
		throw new Error(
			`Capacity Commons is already running from ${dataDir} (process ${holder}). Stop it first, or set DATA_DIR to another folder.`
		);
	}
	await writeFile(file, String(process.pid));
	return { release: () => rm(file, { force: true }) };
}

/** The process that holds the lock on `dataDir`, if one is alive. */
export async function runningProcess(dataDir: string): Promise<number | undefined> {
	const holder = Number.parseInt(
		await readFile(path.join(dataDir, 'running.pid'), 'utf8').catch(() => ''),
		10
	);
	return Number.isInteger(holder) && isAlive(holder) ? holder : undefined;
}
