/**
 * Applies supabase/migrations/*.sql in filename order, each in its own transaction, and records them
 * in supabase_migrations.schema_migrations as the Supabase CLI does, so that `supabase db push`
 * later sees them as applied. A landed migration whose content changed is refused.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres, { type Sql } from 'postgres';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export type Migration = { version: string; name: string; file: string; text: string };
export type MigrateResult = { applied: Migration[]; latest: string | undefined };

/** What the CLI accepts: `<digits>_<name>.sql`. */
const FILE_NAME = /^(\d+)_(.+)\.sql$/;

export class MigrationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MigrationError';
	}
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	return Promise.all(
		files.map(async (file) => {
			const match = FILE_NAME.exec(file);
			if (!match) {
				throw new MigrationError(
					`${file}: migration files are named <timestamp>_<what_it_does>.sql, e.g. 20261122120000_profiles.sql`
				);
			}
			const [, version, name] = match as unknown as [string, string, string];
			return { version, name, file, text: await readFile(path.join(dir, file), 'utf8') };
		})
	);
}

export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
	const migrations = await readMigrations(dir);
	await locked(sql, (tx) =>
		// The CLI's own history table, created the way `supabase db push` creates it.
		tx
			.unsafe(
				`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
			alter table supabase_migrations.schema_migrations add column if not exists statements text[];
			alter table supabase_migrations.schema_migrations add column if not exists name text;
		`
			)
			.simple()
	);

	const rows = await sql<{ version: string; statements: string[] | null }[]>`
		select version, statements from supabase_migrations.schema_migrations
	`;
	const landed = new Map(rows.map((r) => [r.version, r.statements ?? []]));
	for (const migration of migrations) {
		const statements = landed.get(migration.version);
		if (statements?.length && fingerprint(statements.join('\n')) !== fingerprint(migration.text)) {
			throw new MigrationError(
				`${migration.file} was changed after it was applied. Landed migrations are never edited: ` +
					`put the change in a new migration (and restore this file from git).`
			);
		}
	}

	const applied: Migration[] = [];
	for (const migration of migrations.filter((m) => !landed.has(m.version))) {
		if (await apply(sql, migration)) applied.push(migration);
	}
	return { applied, latest: migrations.at(-1)?.version };
}

/** Runs `fn` in a transaction that holds the migrator's lock: instances starting together take turns. */
function locked<T>(sql: Sql, fn: (tx: postgres.TransactionSql) => Promise<T>) {
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('capacity-commons:migrate'))`;
		return fn(tx);
	});
}

/** Each migration in its own transaction; false when another instance applied it meanwhile. */
async function apply(sql: Sql, migration: Migration): Promise<boolean> {
	try {
		return await locked(sql, async (tx) => {
			const [done] = await tx`
				select 1 from supabase_migrations.schema_migrations where version = ${migration.version}
			`;
			if (done) return false;
			await tx.unsafe(migration.text).simple();
			// Recorded as one statement, the whole file, so `supabase migration fetch` gives it back.
			await tx`
				insert into supabase_migrations.schema_migrations (version, name, statements)
				values (${migration.version}, ${migration.name}, ${[migration.text]})
			`;
			return true;
		});
	} catch (error) {
		throw new MigrationError(describeFailure(migration, error));
	}
}

/** "20261122_x.sql: relation "foo" does not exist (line 12, column 8)" and the offending line. */
function describeFailure(migration: Migration, error: unknown): string {
	if (!(error instanceof postgres.PostgresError)) {
		return `${migration.file}: ${error instanceof Error ? error.message : String(error)}`;
	}
	const parts = [`${migration.file}: ${error.message}`];
	const position = Number(error.position);
	if (position > 0) {
		const before = migration.text.slice(0, position - 1);
		const line = before.split('\n').length;
		const column = position - before.lastIndexOf('\n') - 1;
		parts[0] += ` (line ${line}, column ${column})`;
		parts.push(`  ${migration.text.split('\n')[line - 1]?.trim() ?? ''}`);
	}
	if (error.where) parts.push(`  where: ${error.where}`);
	if (error.detail) parts.push(`  detail: ${error.detail}`);
	if (error.hint) parts.push(`  hint: ${error.hint}`);
	return parts.join('\n');
}

/**
 * Compares migration text across whitespace, semicolons and comments, because the Supabase CLI
 * records a file split into trimmed statements while we record it whole.
 */
function fingerprint(text: string): string {
	return text
		.replace(/--[^\n]*/g, '')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/[\s;]+/g, '');
}
