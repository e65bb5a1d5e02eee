/**
 * Gets a database ready for the app: Supabase compatibility where it is plain Postgres, pending
 * migrations, and the demo world when it is empty.
 */
import postgres, { type Sql } from 'postgres';
import { seed, type SeedSummary } from '../seed/seed.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import { migrate, type MigrateResult } from './migrate.ts';

export type PrepareOptions = {
	/** Load the demo world with this many people when the database has no one yet; 0 skips it. */
	seedSize: number;
	/** Grow the compendium to this many programmes (generated) when seeding. */
	programmes?: number;
};

export type Prepared = {
	bootstrap: BootstrapResult;
	migrations: MigrateResult;
	seeded: SeedSummary | undefined;
};

/** A short-lived connection as the database owner: migrations and seeding bypass RLS by design. */
export function serviceConnection(url: string): Sql {
	return postgres(url, {
		max: 1,
		onnotice: () => {},
		connection: { application_name: 'capacity-commons-setup' }
	});
}

export async function prepareDatabase(url: string, options: PrepareOptions): Promise<Prepared> {
	const sql = serviceConnection(url);
	try {
		const bootstrapped = await bootstrap(sql);
		const migrations = await migrate(sql);
		const seeded =
			options.seedSize > 0 && (await isEmpty(sql))
				? await seed(sql, { size: options.seedSize, programmes: options.programmes })
				: undefined;
		return { bootstrap: bootstrapped, migrations, seeded };
	} finally {
		await sql.end({ timeout: 5 });
	}
}

async function isEmpty(sql: Sql): Promise<boolean> {
	const [row] = await sql<{ empty: boolean }[]>`
		select not exists (select 1 from auth.users) and not exists (select 1 from public.organisations) as empty
	`;
	return row?.empty ?? false;
}
