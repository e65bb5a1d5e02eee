/**
 * supabase/schema.sql: the schema as the migrations leave it, read back from a migrated database's
 * catalogue (there is no pg_dump in the embedded PostgreSQL). One readable file instead of replaying
 * every migration: per table its columns, constraints, row level security, policies, indexes,
 * triggers and grants; then the views and the functions, each with who may call it.
 *
 * Ours are the public and private schemas, the policies we put on realtime.messages and the
 * triggers we put on auth.users; Supabase's own objects stay out. Everything is ordered by name
 * so the file changes only when the schema does. tests/db/schema.test.ts fails when it is stale;
 * `npm run db:schema` writes it anew.
 */
import type { Sql } from 'postgres';

export const SCHEMA_FILE = new URL('../schema.sql', import.meta.url);

/** insert, select, update, delete, truncate, references, trigger, maintain (PostgreSQL 17). */
const TABLE_PRIVILEGES = 8;

const OURS = `array['public', 'private']::name[]`;

/** Not the objects an extension brings (unaccent, pg_trgm). */
const NOT_EXTENSION = (oid: string) =>
	`not exists (select 1 from pg_catalog.pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

const HEADER = `-- The schema of Capacity Commons as every migration in supabase/migrations leaves it, generated
-- from a migrated database by \`npm run db:schema\`. Read it to see what is there now; change it
-- with a new migration, then run the command again (tests/db/schema.test.ts fails while this
-- file is stale). Supabase's own schemas (auth, realtime, storage) are left out, except what we
-- put on them.
`;

type Row = Record<string, string>;

export function dumpSchema(sql: Sql): Promise<string> {
	// An empty search path, so that every name in the file carries its schema.
	return sql.begin(async (tx) => {
		await tx`set local search_path = ''`;
		return dump(tx as unknown as Sql);
	});
}

async function dump(sql: Sql): Promise<string> {
	const parts = [HEADER];
	const section = (title: string, blocks: string[]) => {
		if (blocks.length === 0) return;
		parts.push(`\n-- ${'='.repeat(94)}\n-- ${title}\n\n${blocks.join('\n\n')}\n`);
	};

	section('Extensions and schemas', [
		...(await rows(
			sql,
			`select format('create extension %I with schema %I;', e.extname, n.nspname) as text
			 from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
			 where e.extname <> 'plpgsql' order by e.extname`
		)),
		...(await rows(
			sql,
			`select concat_ws(E'\\n', format('create schema if not exists %I;', n.nspname),
			   ${grants('n.nspacl', 'n.nspowner', `'schema ' || quote_ident(n.nspname)`, 2)}) as text
			 from pg_catalog.pg_namespace n where n.nspname = any(${OURS}) order by n.nspname`
		))
	]);

	section(
		'Types',
		await rows(
			sql,
			`select case t.typtype
			   when 'e' then format('create type %s as enum (%s);', t.oid::regtype,
			     (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
			      from pg_catalog.pg_enum e where e.enumtypid = t.oid))
			   when 'd' then format('create domain %s as %s%s;', t.oid::regtype,
			     pg_catalog.format_type(t.typbasetype, t.typtypmod),
			     (select coalesce(string_agg(' ' || pg_catalog.pg_get_constraintdef(k.oid, true), '' order by k.conname), '')
			      from pg_catalog.pg_constraint k where k.contypid = t.oid))
			   end as text
			 from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
			 where t.typtype in ('e', 'd') and n.nspname = any(${OURS}) and ${NOT_EXTENSION('t.oid')}
			 order by n.nspname, t.typname`
		)
	);

	const tables = await sql.unsafe<Row[]>(
		`select c.oid::text as oid, format('%I.%I', n.nspname, c.relname) as name,
		        obj_description(c.oid, 'pg_class') as comment
		 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		 where c.relkind in ('r', 'p') and n.nspname = any(${OURS}) and ${NOT_EXTENSION('c.oid')}
		 order by n.nspname, c.relname`
	);
	const tableBlocks: string[] = [];
	for (const table of tables) tableBlocks.push(await tableBlock(sql, table));
	section('Tables', tableBlocks);

	section(
		'Views',
		await rows(
			sql,
			`select concat_ws(E'\\n',
			   format('create view %I.%I%s as', n.nspname, c.relname,
			     case when c.reloptions is null then '' else ' with (' || array_to_string(c.reloptions, ', ') || ')' end),
			   rtrim(pg_catalog.pg_get_viewdef(c.oid, true), ';' || E'\\n ') || ';',
			   ${grants('c.relacl', 'c.relowner', `'table ' || c.oid::regclass::text`, TABLE_PRIVILEGES)}) as text
			 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			 where c.relkind in ('v', 'm') and n.nspname = any(${OURS}) and ${NOT_EXTENSION('c.oid')}
			 order by n.nspname, c.relname`
		)
	);

	section(
		'Functions (a grant list that does not name public means public may not call it)',
		await rows(
			sql,
			`select concat_ws(E'\\n',
			   rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\\n ') || ';',
			   ${grants('p.proacl', 'p.proowner', `'function ' || p.oid::regprocedure::text`, 0, true)}) as text
			 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = any(${OURS}) and p.prokind in ('f', 'p') and ${NOT_EXTENSION('p.oid')}
			 order by n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)`
		)
	);

	section('What we put on Supabase’s own tables', [
		...(await policies(sql, `n.nspname not in ('public', 'private')`)),
		...(await triggers(sql, `n.nspname not in ('public', 'private')`))
	]);

	return parts.join('');
}

async function tableBlock(sql: Sql, table: Row): Promise<string> {
	const oid = table.oid ?? '';
	const lines = await rows(
		sql,
		`select '  ' || format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))
		   || case a.attidentity when 'a' then ' generated always as identity'
		                         when 'd' then ' generated by default as identity' else '' end
		   || case when a.attgenerated = 's'
		        then ' generated always as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') stored'
		        when d.adbin is not null then ' default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid)
		        else '' end
		   || case when a.attnotnull then ' not null' else '' end as text
		 from pg_catalog.pg_attribute a
		 left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		 where a.attrelid = ${oid} and a.attnum > 0 and not a.attisdropped
		 order by a.attnum`
	);
	const constraints = await rows(
		sql,
		`select format('  constraint %I %s', conname, pg_catalog.pg_get_constraintdef(oid, true)) as text
		 from pg_catalog.pg_constraint where conrelid = ${oid} and contype <> 'n'
		 order by case contype when 'p' then 0 when 'u' then 1 when 'f' then 2 else 3 end, conname`
	);
	const block = [`create table ${table.name} (\n${[...lines, ...constraints].join(',\n')}\n);`];
	if (table.comment) block.push(`comment on table ${table.name} is ${literal(table.comment)};`);
	block.push(
		...(
			await rows(
				sql,
				`select concat_ws(E'\\n',
			   case when relrowsecurity then format('alter table %s enable row level security;', oid::regclass) end,
			   case when relforcerowsecurity then format('alter table %s force row level security;', oid::regclass) end)
			   as text
			 from pg_catalog.pg_class where oid = ${oid}`
			)
		).filter(Boolean),
		...(await policies(sql, `c.oid = ${oid}`)),
		...(await rows(
			sql,
			`select pg_catalog.pg_get_indexdef(i.indexrelid) || ';' as text
			 from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
			 where i.indrelid = ${oid}
			   and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = i.indexrelid)
			 order by ic.relname`
		)),
		...(await triggers(sql, `c.oid = ${oid}`)),
		...(
			await rows(
				sql,
				`select ${grants('c.relacl', 'c.relowner', `'table ' || c.oid::regclass::text`, TABLE_PRIVILEGES)} as text
			 from pg_catalog.pg_class c where c.oid = ${oid}`
			)
		).filter(Boolean),
		...(await rows(
			sql,
			`select format('grant %s (%s) on table %s to %s;', lower(x.privilege_type),
			          string_agg(quote_ident(a.attname), ', ' order by a.attnum), ${oid}::regclass,
			          case when x.grantee = 0 then 'public' else quote_ident(x.grantee::regrole::text) end) as text
			 from pg_catalog.pg_attribute a, aclexplode(a.attacl) x
			 where a.attrelid = ${oid} and a.attacl is not null
			 group by x.privilege_type, x.grantee
			 order by x.grantee::regrole::text, x.privilege_type`
		))
	);
	return block.join('\n');
}

function policies(sql: Sql, where: string): Promise<string[]> {
	return rows(
		sql,
		`select concat_ws(E'\\n  ',
		   format('create policy %I on %s', p.polname, c.oid::regclass),
		   case when not p.polpermissive then 'as restrictive' end,
		   'for ' || case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
		                           when 'd' then 'delete' else 'all' end,
		   'to ' || case when p.polroles = '{0}' then 'public'
		                 else (select string_agg(quote_ident(r.rolname), ', ' order by r.rolname)
		                       from pg_catalog.pg_roles r where r.oid = any(p.polroles)) end,
		   'using (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')',
		   'with check (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')') || ';' as text
		 from pg_catalog.pg_policy p
		 join pg_catalog.pg_class c on c.oid = p.polrelid
		 join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		 where ${where}
		 order by n.nspname, c.relname, p.polname`
	);
}

/** Triggers whose function is ours, on the given tables. */
function triggers(sql: Sql, where: string): Promise<string[]> {
	return rows(
		sql,
		`select pg_catalog.pg_get_triggerdef(t.oid, true) || ';' as text
		 from pg_catalog.pg_trigger t
		 join pg_catalog.pg_class c on c.oid = t.tgrelid
		 join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		 join pg_catalog.pg_proc f on f.oid = t.tgfoid
		 join pg_catalog.pg_namespace fn on fn.oid = f.pronamespace
		 where not t.tgisinternal and fn.nspname = any(${OURS}) and ${where}
		 order by n.nspname, c.relname, t.tgname`
	);
}

/**
 * The grants in an ACL column as `grant … to …;` lines, one per grantee, the owner left out (an
 * owner may do everything). `all` where a grantee holds every privilege the object has. A null ACL
 * is the default: nothing to say, except for functions, which everyone may call by default.
 */
function grants(acl: string, owner: string, object: string, all: number, isFunction = false) {
	const list = `(select string_agg(format('grant %s on %s to %s;',
	       case when g.count = ${all} then 'all' else g.names end, ${object},
	       case when g.grantee = 0 then 'public' else quote_ident(g.grantee::regrole::text) end),
	     E'\\n' order by g.grantee <> 0, g.grantee::regrole::text)
	   from (select x.grantee, string_agg(lower(x.privilege_type), ', ' order by x.privilege_type) as names,
	                count(*) as count
	         from aclexplode(${acl}) x where x.grantee <> ${owner} group by x.grantee) g)`;
	if (!isFunction) return list;
	return `case when ${acl} is null then 'grant execute on ' || ${object} || ' to public;'
	             else ${list} end`;
}

async function rows(sql: Sql, query: string): Promise<string[]> {
	const result = await sql.unsafe<{ text: string | null }[]>(query);
	return result.map((r) => r.text ?? '').filter((t) => t !== '');
}

function literal(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}
