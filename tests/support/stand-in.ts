/**
 * A stand-in on a free port over a freshly migrated database, for the stack tests and benchmarks.
 */
import { rm } from 'node:fs/promises';
import { bootstrap } from '../../supabase/local/bootstrap.ts';
import { serviceConnection } from '../../supabase/local/database.ts';
import { migrate } from '../../supabase/local/migrate.ts';
import {
	startStandIn,
	type StandIn,
	type StandInConfig
} from '../../supabase/local/standin/server.ts';
import { freePort, startTestCluster } from './test-cluster.ts';

export type TestStandIn = StandIn & {
	databaseUrl: string;
	/** The stand-in's data folder: outbox and signing keys. */
	dataDir: string;
	stopAll: () => Promise<void>;
};

export async function startTestStandIn(
	name: string,
	config: Partial<StandInConfig> = {}
): Promise<TestStandIn> {
	const cluster = await startTestCluster(name);
	const databaseUrl = cluster.url();
	const setup = serviceConnection(databaseUrl);
	await bootstrap(setup);
	await migrate(setup);
	await setup.end();
	const dataDir = cluster.dataDir + '-standin';
	const standIn = await startStandIn({
		databaseUrl,
		port: await freePort(),
		dataDir,
		smtpPort: await freePort(),
		config
	});
	return {
		...standIn,
		databaseUrl,
		dataDir,
		stopAll: async () => {
			await standIn.stop();
			await cluster.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
