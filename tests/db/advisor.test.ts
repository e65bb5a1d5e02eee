/**
 * The database as the Supabase dashboard's Security Advisor sees it. The advisor runs Supabase's
 * linter, splinter (github.com/supabase/splinter, lints/*.sql), on every project; each class below
 * is one of its lints, read from the catalogue the same way, with the Data API's exposed schemas
 * (PostgREST's db_schemas, which plain Postgres does not have) spelled out. After them come the
 * rules of our own that the advisor does not check but a Supabase project needs just as much.
 * Every class must have no offender, so that each new table, view, function or policy (spaces,
 * events…) keeps the advisor clean.
 */
import { describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';

/** What PostgREST serves on a Supabase project by default (the API settings' exposed schemas). */
const EXPOSED = `array['public', 'graphql_public']::name[]`;

/** Schemas splinter leaves out: Supabase's own and the extensions'. */
const SYSTEM = `array['_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config',
  '_timescaledb_internal', 'auth', 'cron', 'extensions', 'graphql', 'graphql_public',
  'information_schema', 'net', 'pgmq', 'pgroonga', 'pgsodium', 'pgsodium_masks', 'pgtle',
  'pgbouncer', 'pg_catalog', 'realtime', 'repack', 'storage', 'supabase_functions',
  'supabase_migrations', 'tiger', 'topology', 'vault']::name[]`;

/** Objects an extension owns are the extension's business, as in splinter. */
const NOT_EXTENSION_OWNED = (oid: string) =>
	`not exists (select 1 from pg_catalog.pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

const API_SELECTS = (oid: string) =>
	`(pg_catalog.has_table_privilege('anon', ${oid}, 'SELECT')
	  or pg_catalog.has_table_privilege('authenticated', ${oid}, 'SELECT'))`;

const SECURITY_INVOKER = (c: string) =>
	`(lower(coalesce(${c}.reloptions::text, '{}'))::text[]
	  && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])`;

/** Every policy with its table, roles, command and expressions (splinter's `policies` CTE). */
const POLICIES = `
	select n.nspname as schema_name, c.relname as table_name, c.relrowsecurity as rls,
	       p.polname as policy_name, p.polpermissive as permissive, p.polroles as role_oids,
	       case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
	                     when 'd' then 'DELETE' when '*' then 'ALL' end as command,
	       pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual,
	       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check
	from pg_catalog.pg_policy p
	join pg_catalog.pg_class c on c.oid = p.polrelid
	join pg_catalog.pg_namespace n on n.oid = c.relnamespace`;

type Lint = { name: string; level: 'ERROR' | 'WARN' | 'INFO'; why: string; sql: string };

/** Splinter's lints, each a query whose rows (`offender`) are what the advisor would list. */
const SPLINTER: Lint[] = [
	{
		name: 'security_definer_view',
		level: 'ERROR',
		why: '0010: a view the API roles read runs with its owner’s rights, past RLS',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind = 'v' and ${API_SELECTS('c.oid')}
		        and n.nspname = any(${EXPOSED}) and n.nspname <> all(${SYSTEM})
		        and ${NOT_EXTENSION_OWNED('c.oid')} and not ${SECURITY_INVOKER('c')}`
	},
	{
		name: 'auth_users_exposed',
		level: 'ERROR',
		why: '0002: a view or materialized view in the API reads auth.users for anon or authenticated',
		sql: `select distinct format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class users
		      join pg_catalog.pg_namespace un on un.oid = users.relnamespace
		        and users.relname = 'users' and un.nspname = 'auth'
		      join pg_catalog.pg_depend d on d.refobjid = users.oid and d.deptype = 'n'
		      join pg_catalog.pg_rewrite r on r.oid = d.objid
		      join pg_catalog.pg_class c on c.oid = r.ev_class
		      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where ${API_SELECTS('c.oid')} and n.nspname = any(${EXPOSED})
		        and (c.relkind = 'm'
		             or (c.relkind = 'v' and not ${SECURITY_INVOKER('c')})
		             or (c.relkind = 'v' and ${SECURITY_INVOKER('c')} and not users.relrowsecurity))`
	},
	{
		name: 'rls_disabled_in_public',
		level: 'ERROR',
		why: '0013: a table the API serves without row level security',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind = 'r' and not c.relrowsecurity and ${API_SELECTS('c.oid')}
		        and n.nspname = any(${EXPOSED}) and n.nspname <> all(${SYSTEM})`
	},
	{
		name: 'policy_exists_rls_disabled',
		level: 'ERROR',
		why: '0007: policies on a table whose RLS is off do nothing',
		sql: `select distinct format('%I.%I', schema_name, table_name) as offender
		      from (${POLICIES}) p join pg_catalog.pg_class c
		        on c.relname = p.table_name and c.relnamespace = p.schema_name::regnamespace
		      where c.relkind = 'r' and not p.rls and p.schema_name <> all(${SYSTEM})
		        and ${NOT_EXTENSION_OWNED('c.oid')}`
	},
	{
		name: 'rls_references_user_metadata',
		level: 'ERROR',
		why: '0015: user_metadata is the person’s own to write, never a reason to grant',
		sql: `select format('%I.%I: %s', schema_name, table_name, policy_name) as offender
		      from (${POLICIES}) p
		      where schema_name <> all(${SYSTEM})
		        and (qual like '%auth.jwt()%user_metadata%'
		             or qual like '%current_setting(%request.jwt.claims%)%user_metadata%'
		             or with_check like '%auth.jwt()%user_metadata%'
		             or with_check like '%current_setting(%request.jwt.claims%)%user_metadata%')`
	},
	{
		name: 'sensitive_columns_exposed',
		level: 'ERROR',
		why: '0023: a table without RLS in the API has a column named like a secret',
		sql: `select format('%I.%I.%I', n.nspname, c.relname, a.attname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
		      where c.relkind = 'r' and not c.relrowsecurity and ${API_SELECTS('c.oid')}
		        and n.nspname = any(${EXPOSED}) and n.nspname <> all(${SYSTEM})
		        and replace(lower(a.attname), '-', '_') in ('password', 'passwd', 'pwd', 'passphrase',
		          'secret', 'secret_key', 'private_key', 'api_key', 'apikey', 'auth_key', 'token', 'jwt',
		          'access_token', 'refresh_token', 'oauth_token', 'session_token', 'bearer_token',
		          'auth_code', 'session_id', 'session_key', 'session_secret', 'recovery_code',
		          'backup_code', 'verification_code', 'otp', 'two_factor', '2fa_secret', '2fa_code')`
	},
	{
		name: 'function_search_path_mutable',
		level: 'WARN',
		why: '0011: a function that resolves names through the caller’s search_path can be hijacked',
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as offender
		      from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		      where n.nspname <> all(${SYSTEM}) and n.nspname not like 'pg\\_%'
		        and ${NOT_EXTENSION_OWNED('p.oid')}
		        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as config
		                        where config like 'search_path=%')`
	},
	{
		name: 'extension_in_public',
		level: 'WARN',
		why: '0014: an extension’s objects in the API schema',
		sql: `select e.extname::text as offender from pg_catalog.pg_extension e
		      where e.extname <> 'plpgsql' and e.extnamespace::regnamespace::text = 'public'`
	},
	{
		name: 'auth_rls_initplan',
		level: 'WARN',
		why: '0003: auth.<function>() or current_setting() evaluated per row, not once (select …)',
		sql: `select format('%I.%I: %s', schema_name, table_name, policy_name) as offender
		      from (${POLICIES}) p
		      where rls and schema_name <> all(array_remove(${SYSTEM}, 'realtime'))
		        and exists (
		          select 1 from unnest(array['auth.uid()', 'auth.jwt()', 'auth.role()', 'auth.email()']) as f (call),
		               unnest(array[qual, with_check]) as e (expr)
		          where (e.expr like '%' || f.call || '%' and lower(e.expr) not like '%select ' || f.call || '%')
		             or (e.expr like '%current\\_setting(%)%' and lower(e.expr) not like '%select current\\_setting(%)%'))`
	},
	{
		name: 'multiple_permissive_policies',
		level: 'WARN',
		why: '0006: two permissive policies for one role and action are both evaluated for every row',
		sql: `select format('%I.%I %s for %s: %s', p.schema_name, p.table_name, act.cmd, r.rolname,
		                     string_agg(p.policy_name, ', ' order by p.policy_name)) as offender
		      from (${POLICIES}) p
		      join pg_catalog.pg_class c on c.relname = p.table_name and c.relnamespace = p.schema_name::regnamespace
		      join pg_catalog.pg_roles r on p.role_oids @> array[r.oid] or p.role_oids = array[0::oid]
		      cross join lateral unnest(case p.command when 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
		                                 else array[p.command] end) as act (cmd)
		      where c.relkind = 'r' and p.permissive
		        and p.schema_name <> all(${SYSTEM})
		        and r.rolname not like 'pg\\_%' and r.rolname not like 'supabase%admin' and not r.rolbypassrls
		        and ${NOT_EXTENSION_OWNED('c.oid')}
		      group by p.schema_name, p.table_name, r.rolname, act.cmd
		      having count(*) > 1`
	},
	{
		name: 'materialized_view_in_api',
		level: 'WARN',
		why: '0016: materialized views have no RLS',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind = 'm' and ${API_SELECTS('c.oid')} and n.nspname = any(${EXPOSED})
		        and ${NOT_EXTENSION_OWNED('c.oid')}`
	},
	{
		name: 'foreign_table_in_api',
		level: 'WARN',
		why: '0017: foreign tables have no RLS',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind = 'f' and ${API_SELECTS('c.oid')} and n.nspname = any(${EXPOSED})
		        and ${NOT_EXTENSION_OWNED('c.oid')}`
	},
	{
		name: 'rls_policy_always_true',
		level: 'WARN',
		why: '0024: a write policy for the API roles that lets everything through',
		sql: `select format('%I.%I: %s', schema_name, table_name, policy_name) as offender
		      from (${POLICIES}) p
		      where rls and permissive and schema_name <> all(${SYSTEM})
		        and (role_oids = array[0::oid] or exists (
		          select 1 from unnest(role_oids) r where r::regrole::text in ('anon', 'authenticated')))
		        and ((command in ('UPDATE', 'DELETE', 'ALL')
		              and (replace(coalesce(qual, ''), ' ', '') in ('true', '(true)', '1=1', '(1=1)') or qual is null))
		          or replace(coalesce(with_check, ''), ' ', '') in ('true', '(true)', '1=1', '(1=1)')
		          or (with_check is null and command = 'INSERT'))`
	},
	...(['anon', 'authenticated'] as const).map((role): Lint => ({
		name: `${role}_security_definer_function_executable`,
		level: 'WARN',
		why: `${role === 'anon' ? '0028' : '0029'}: callable by ${role} through /rest/v1/rpc, running with its owner’s rights`,
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as offender
			      from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
			      where p.prosecdef and pg_catalog.has_function_privilege('${role}', p.oid, 'EXECUTE')
			        and n.nspname = any(${EXPOSED}) and n.nspname <> all(${SYSTEM})`
	})),
	{
		name: 'rls_enabled_no_policy',
		level: 'INFO',
		// Splinter reports these for information; a service-only table (the outbox) is one on
		// purpose, so it counts as an offender only while an API role still holds a privilege on it.
		why: '0008: RLS on and no policy is a service-only table, so no API role holds a privilege on it',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind = 'r' and c.relrowsecurity and n.nspname <> all(${SYSTEM})
		        and ${NOT_EXTENSION_OWNED('c.oid')}
		        and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)
		        and exists (select 1 from unnest(array['anon', 'authenticated']) as r (role),
		                    unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as k (privilege)
		                    where pg_catalog.has_table_privilege(r.role, c.oid, k.privilege))`
	}
];

/** Ours: what the advisor does not check, and a Supabase project needs as much. */
const OURS: Lint[] = [
	{
		name: 'api_role_holds_truncate_trigger_references_or_maintain',
		level: 'ERROR',
		// TRUNCATE skips RLS; TRIGGER lets a role hang its own code on a table; REFERENCES lets it
		// probe keys with foreign keys of its own; MAINTAIN lets it lock, vacuum or cluster a table.
		why: 'anon or authenticated may truncate, add triggers to, reference or maintain a table',
		sql: `select format('%I.%I: %s %s', n.nspname, c.relname, r.role, k.privilege) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace,
		           unnest(array['anon', 'authenticated']) as r (role),
		           unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES', 'MAINTAIN']) as k (privilege)
		      where c.relkind in ('r', 'p', 'v', 'm', 'f')
		        and (n.nspname = any(${EXPOSED}) or n.nspname in ('private', 'realtime'))
		        and ${NOT_EXTENSION_OWNED('c.oid')}
		        and pg_catalog.has_table_privilege(r.role, c.oid, k.privilege)`
	},
	{
		name: 'api_role_creates_in_schema',
		level: 'ERROR',
		why: 'anon or authenticated may create objects in an API or private schema',
		sql: `select format('%I: %s', s.schema_name, r.role) as offender
		      from unnest(array['public', 'graphql_public', 'private']) as s (schema_name),
		           unnest(array['anon', 'authenticated']) as r (role)
		      where to_regnamespace(s.schema_name) is not null
		        and pg_catalog.has_schema_privilege(r.role, s.schema_name, 'CREATE')`
	},
	{
		name: 'table_rls_disabled',
		level: 'ERROR',
		why: 'every table of ours has RLS on, whoever may read it today',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind in ('r', 'p') and n.nspname in ('public', 'private') and not c.relrowsecurity
		        and ${NOT_EXTENSION_OWNED('c.oid')}`
	},
	{
		name: 'table_without_comment',
		level: 'WARN',
		why: 'every table of ours says what it is for (comment on table)',
		sql: `select format('%I.%I', n.nspname, c.relname) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		      where c.relkind in ('r', 'p', 'v', 'm') and n.nspname in ('public', 'private')
		        and ${NOT_EXTENSION_OWNED('c.oid')}
		        and pg_catalog.obj_description(c.oid, 'pg_class') is null`
	},
	{
		name: 'security_definer_search_path_not_empty',
		level: 'ERROR',
		why: 'a security definer function of ours pins search_path to empty and names everything',
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as offender
		      from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		      where p.prosecdef and n.nspname in ('public', 'private')
		        and ${NOT_EXTENSION_OWNED('p.oid')}
		        and not ('search_path=""' = any(coalesce(p.proconfig, '{}')))`
	},
	{
		name: 'private_function_executable_by_public',
		level: 'ERROR',
		// A new function is executable by PUBLIC unless revoked, and the API roles use the private
		// schema (for the helpers their policies call): each function names who may run it.
		why: 'a function in the private schema that every role may execute',
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as offender
		      from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		      where n.nspname = 'private'
		        and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
		                    where a.grantee = 0 and a.privilege_type = 'EXECUTE')`
	},
	{
		name: 'private_relation_readable_by_api_roles',
		level: 'ERROR',
		why: 'a private table or view readable by anon or authenticated (masking views go through the app’s queries only)',
		sql: `select format('%I.%I: %s', n.nspname, c.relname, r.role) as offender
		      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace,
		           unnest(array['anon', 'authenticated']) as r (role)
		      where n.nspname = 'private' and c.relkind in ('r', 'p', 'm', 'f')
		        and pg_catalog.has_table_privilege(r.role, c.oid, 'SELECT, INSERT, UPDATE, DELETE')`
	},
	{
		name: 'realtime_policy_ignores_row_topic',
		level: 'ERROR',
		// realtime.topic() is a setting any API role can set for itself: a policy must also hold of
		// the row's own topic, or setting it opens every topic's messages.
		why: 'a realtime.messages policy that asks realtime.topic() and not the row’s own topic',
		sql: `select policy_name as offender
		      from (${POLICIES}) p
		      where schema_name = 'realtime' and table_name = 'messages'
		        and not (regexp_replace(coalesce(qual, '') || ' ' || coalesce(with_check, ''),
		                                'realtime\\.topic\\(\\)', '', 'g') ~ '\\mtopic\\M')`
	}
];

async function offenders(lint: Lint): Promise<string[]> {
	// Read as the service: the catalogue in full, as the advisor reads it.
	const rows = await asService((sql) => sql.unsafe<{ offender: string }[]>(lint.sql));
	return rows.map((r) => r.offender).sort();
}

describe('the Security Advisor (splinter) finds nothing', () => {
	it.each(SPLINTER)('$level $name', async (lint) => {
		const found = await offenders(lint);
		expect(found, `${lint.name} (${lint.level}, ${lint.why}): ${found.length} offender(s)`).toEqual(
			[]
		);
	});
});

describe('our own rules hold', () => {
	it.each(OURS)('$level $name', async (lint) => {
		const found = await offenders(lint);
		expect(found, `${lint.name} (${lint.level}, ${lint.why}): ${found.length} offender(s)`).toEqual(
			[]
		);
	});

	it('the API roles may not set an invitation’s expiry', async () => {
		const [row] = await asService(
			(sql) => sql<{ insert: boolean; update: boolean }[]>`
				select has_column_privilege('authenticated', 'public.membership_invitations', 'expires_at', 'INSERT') as insert,
				       has_column_privilege('authenticated', 'public.membership_invitations', 'expires_at', 'UPDATE') as update
			`
		);
		expect(row).toEqual({ insert: false, update: false });
	});
});

describe('the tally', () => {
	it('prints each class and its offenders', async () => {
		const tally = await Promise.all(
			[...SPLINTER, ...OURS].map(async (lint) => ({ lint, found: await offenders(lint) }))
		);
		const lines = tally.map(
			({ lint, found }) =>
				`${lint.level.padEnd(5)} ${lint.name.padEnd(48)} ${found.length}${found.length ? ': ' + found.join('; ') : ''}`
		);
		console.log(`advisor classes and offender counts:\n${lines.join('\n')}`);
		const count = (level: Lint['level']) =>
			tally.filter(({ lint }) => lint.level === level).reduce((n, t) => n + t.found.length, 0);
		expect({ errors: count('ERROR'), warnings: count('WARN'), info: count('INFO') }).toEqual({
			errors: 0,
			warnings: 0,
			info: 0
		});
	});
});
