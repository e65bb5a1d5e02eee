/**
 * Makes plain PostgreSQL look like a Supabase database (roles, grants, `auth`, `realtime`), so the
 * same migrations run on both. Never touches a real Supabase database.
 */
import { readFile } from 'node:fs/promises';
import type { Sql } from 'postgres';

const BOOTSTRAP_SQL = new URL('./bootstrap.sql', import.meta.url);
/** Set by bootstrap.sql; tells our own bootstrap apart from a real Supabase `auth` schema. */
const MARKER = 'Capacity Commons local bootstrap';

export type BootstrapResult = 'applied' | 'supabase';

export async function bootstrap(sql: Sql): Promise<BootstrapResult> {
	const [state] = await sql<{ has_auth: boolean; ours: boolean }[]>`
		select to_regclass('auth.users') is not null as has_auth,
		       coalesce((select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = 'auth'), '')
		         like ${'%' + MARKER + '%'} as ours
	`;
	if (state?.has_auth && !state.ours) return 'supabase';

	const text = await readFile(BOOTSTRAP_SQL, 'utf8');
	// Serialised: two processes starting against one database must not race on CREATE ROLE.
	await sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('capacity-commons:bootstrap'))`;
		await tx.unsafe(text).simple();
	});
	return 'applied';
}
