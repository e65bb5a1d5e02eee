/**
 * supabase/schema.sql is the schema as the migrations leave it. This fails as soon as a migration
 * changes anything the file shows and the file was not written anew (`npm run db:schema`).
 */
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseEnv } from '$lib/server/env';
import { dumpSchema, SCHEMA_FILE } from '../../supabase/local/schema-dump.ts';
import { only } from '../support/rows';

const sql = postgres(databaseEnv().DATABASE_URL, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

describe('supabase/schema.sql', () => {
	it('is the schema of a freshly migrated database (run `npm run db:schema` if not)', async () => {
		const written = await readFile(SCHEMA_FILE, 'utf8');
		const live = await dumpSchema(sql);
		expect(written, 'supabase/schema.sql is stale: run `npm run db:schema`').toBe(live);
	});

	it('shows every table, view and function of ours, with its policies and grants', async () => {
		const text = await dumpSchema(sql);
		const { tables, policies, functions } = only(
			await sql<{ tables: number; policies: number; functions: number }[]>`
			select
			  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
			   where c.relkind in ('r', 'v') and n.nspname in ('public', 'private')) as tables,
			  (select count(*)::int from pg_policy p join pg_class c on c.oid = p.polrelid
			   join pg_namespace n on n.oid = c.relnamespace
			   where n.nspname in ('public', 'private', 'realtime')) as policies,
			  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			   where n.nspname in ('public', 'private')
			     and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e'))
			   as functions
		`
		);
		expect(text.match(/^create (table|view) /gm)).toHaveLength(tables);
		expect(text.match(/^create policy /gm)).toHaveLength(policies);
		expect(text.match(/^CREATE OR REPLACE (FUNCTION|PROCEDURE) /gm)).toHaveLength(functions);
		expect(text).toContain('create policy "anyone reads cohorts" on public.cohorts');
		expect(text).toContain(
			'grant select (id, handle, display_name, visibility, created_at) on table public.profiles to anon;'
		);
	});
});
