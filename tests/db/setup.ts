/**
 * Before each db test file: a database of its own, cloned from the migrated template, and the
 * app's data layer pointed at it. Dropped when the file is done.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { closeDb } from '$lib/server/db/client';
import { provideEnv } from '$lib/server/env';

const { adminUrl, template, timingsDir } = inject('testDatabase');
const name = `test_${randomBytes(6).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

const started = performance.now();
await admin`create database ${admin(name)} template ${admin(template)}`;
const elapsed = performance.now() - started;
await mkdir(timingsDir, { recursive: true });
await writeFile(path.join(timingsDir, name), String(elapsed));

const url = new URL(adminUrl);
url.pathname = `/${name}`;
provideEnv({ DATABASE_URL: url.toString(), DATABASE_POOL_MAX: '4' });

afterAll(async () => {
	await closeDb();
	await admin`drop database if exists ${admin(name)} with (force)`;
	await admin.end();
});
