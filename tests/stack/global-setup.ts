/**
 * Once per run: a database and the stand-in on free ports. The stack tests point the real
 * @supabase/supabase-js and @supabase/ssr clients at it over real HTTP and websockets.
 */
import type { TestProject } from 'vitest/node';
import { startTestStandIn } from '../support/stand-in.ts';

export default async function setup(project: TestProject) {
	const standIn = await startTestStandIn('stack', {
		siteUrl: 'http://localhost:3999',
		redirectUrls: ['http://localhost:3999/**'],
		// Tests sign in many times from one address; the rate-limit tests use a stand-in of their own.
		rateLimits: { signInSignUps: 0, tokenRefresh: 0, tokenVerifications: 0 },
		mailInterval: 0
	});
	project.provide('standIn', {
		url: standIn.url,
		databaseUrl: standIn.databaseUrl,
		smtpUrl: standIn.smtp!.url,
		dataDir: standIn.dataDir
	});
	return () => standIn.stopAll();
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** dataDir: the stand-in's data folder (its signing keys are in it). */
		standIn: { url: string; databaseUrl: string; smtpUrl: string; dataDir: string };
	}
}
