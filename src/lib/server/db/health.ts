import { asService } from './client';

export type DatabaseStatus = { version: string | null; name: string | null };

/**
 * The newest migration the database has. The service connection reads it because the history
 * table is not exposed to the API roles, and a load balancer's probe is no person.
 */
export const status = () =>
	asService(async (sql) => {
		const [row] = await sql<DatabaseStatus[]>`
			select version, name from supabase_migrations.schema_migrations order by version desc limit 1
		`;
		return row ?? { version: null, name: null };
	});
