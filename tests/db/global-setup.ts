/**
 * Once per run: a test cluster and a template database with the bootstrap and every migration
 * applied. Each test file then clones the template (tests/db/setup.ts), which is much faster
 * than migrating a database per file.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootstrap } from '../../supabase/local/bootstrap.ts';
import { serviceConnection } from '../../supabase/local/database.ts';
import { migrate } from '../../supabase/local/migrate.ts';
import { startTestCluster } from '../support/test-cluster.ts';

export const TEMPLATE = 'capacity_commons_template';

export default async function setup(project: TestProject) {
	const cluster = await startTestCluster('db');
	const timingsDir = path.join(cluster.dataDir + '-timings');
	await rm(timingsDir, { recursive: true, force: true });

	const admin = serviceConnection(cluster.url());
	await admin`create database ${admin(TEMPLATE)}`;
	await admin.end();
	const template = serviceConnection(cluster.url(TEMPLATE));
	await bootstrap(template);
	await migrate(template);
	await template.end();

	project.provide('testDatabase', {
		adminUrl: cluster.url(),
		template: TEMPLATE,
		port: cluster.port,
		timingsDir
	});

	return async () => {
		await reportCloneCost(timingsDir);
		await cluster.stop();
		await rm(timingsDir, { recursive: true, force: true });
	};
}

/** Prints what a fresh database per file cost (the issue asks for the figure). */
async function reportCloneCost(dir: string): Promise<void> {
	const files = await readdir(dir).catch(() => [] as string[]);
	const ms = await Promise.all(
		files.map(async (f) => Number(await readFile(path.join(dir, f), 'utf8')))
	);
	if (ms.length === 0) return;
	const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
	console.log(
		`db: ${ms.length} files, fresh database per file (clone of the migrated template): mean ${mean.toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`
	);
}

declare module 'vitest' {
	export interface ProvidedContext {
		testDatabase: { adminUrl: string; template: string; port: number; timingsDir: string };
	}
}
