/**
 * The one postgres.js client of the server, and the three ways to use it: as a signed-in person
 * (`withUser`), as a visitor (`withAnon`), or as the service (`asService`, bypasses RLS).
 *
 * Every query made for a person runs inside one transaction that sets the role and the JWT claims
 * exactly as Supabase's own API does, so the RLS policies in the migrations decide what each person
 * may see and change. Settings are transaction-local, so a pooled connection never keeps an identity.
 */
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { databaseEnv } from '../env';

/** The verified claims of a Supabase access token (the parts our policies and code read). */
export type Claims = {
	sub: string;
	role: string;
	email?: string;
	aud?: string | string[];
	exp?: number;
	iat?: number;
	session_id?: string;
	app_metadata?: Record<string, unknown>;
	user_metadata?: Record<string, unknown>;
	[claim: string]: unknown;
};

export type Tx = TransactionSql;

let client: Sql | undefined;

/** The shared client, created on first use so that builds need no database. */
export function db(): Sql {
	if (!client) {
		const env = databaseEnv();
		client = postgres(env.DATABASE_URL, {
			max: env.DATABASE_POOL_MAX,
			prepare: env.DATABASE_PREPARE,
			idle_timeout: 60,
			connect_timeout: 10,
			onnotice: () => {},
			connection: { application_name: 'capacity-commons' }
		});
	}
	return client;
}

/** Closes the pool (server shutdown, end of a test file). */
export async function closeDb(): Promise<void> {
	const current = client;
	client = undefined;
	await current?.end({ timeout: 5 });
}

// PostgREST applies the impersonated role's statement_timeout inside the transaction; SET ROLE
// alone does not, so we do the same (values as Supabase sets them on the roles).
const TIMEOUT = { authenticated: '8s', anon: '3s' } as const;

/** Runs `fn` as the signed-in person: RLS applies with their claims. */
export function withUser<T>(claims: Claims, fn: (sql: Tx) => Promise<T>): Promise<T> {
	return db().begin(async (sql) => {
		const settings = sql`
			select set_config('role', 'authenticated', true),
			       set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
			       set_config('statement_timeout', ${TIMEOUT.authenticated}, true)
		`.execute();
		return run(settings, sql, fn);
	}) as Promise<T>;
}

/**
 * Runs `fn` with the identity settings already sent but not awaited: postgres.js sends a
 * connection's queries in order, so they reach Postgres first and travel with fn's first query in
 * one write and one round trip. If they failed, the transaction is aborted and nothing of fn runs.
 */
async function run<T>(
	settings: Promise<unknown>,
	sql: Tx,
	fn: (sql: Tx) => Promise<T>
): Promise<T> {
	// Both awaited together, so neither rejection goes unhandled.
	const [, result] = await Promise.all([settings, fn(sql)]);
	return result;
}

/** The claims Supabase uses for a request with only the anon key. */
const ANON_CLAIMS = JSON.stringify({ role: 'anon' });

/** Runs `fn` as a visitor who is not signed in: RLS applies to the `anon` role. */
export function withAnon<T>(fn: (sql: Tx) => Promise<T>): Promise<T> {
	return db().begin(async (sql) => {
		const settings = sql`
			select set_config('role', 'anon', true),
			       set_config('request.jwt.claims', ${ANON_CLAIMS}, true),
			       set_config('statement_timeout', ${TIMEOUT.anon}, true)
		`.execute();
		return run(settings, sql, fn);
	}) as Promise<T>;
}

/**
 * Runs `fn` with the server's own database role, which bypasses RLS. Only for migrations, seeding,
 * health checks and background jobs; every caller says why in a comment.
 */
export function asService<T>(fn: (sql: Tx) => Promise<T>): Promise<T> {
	return db().begin(fn) as Promise<T>;
}

/**
 * Runs `fn` as the service inside a transaction that acts for a person (withUser), then gives the
 * transaction back to the person's role. For a write that belongs to the person's change but that
 * no API role may make (e.g. queuing mail: the outbox is service-only), so that both commit or roll
 * back together. Like asService, every caller says why in a comment. `set local role none` returns
 * to the connection's own role for the rest of this transaction only.
 */
export async function asServiceWithin<T>(sql: Tx, fn: (sql: Tx) => Promise<T>): Promise<T> {
	const [{ role } = { role: 'none' }] = await sql<{ role: string }[]>`
		select current_setting('role') as role
	`;
	await sql`set local role none`;
	let result: T;
	try {
		result = await fn(sql);
	} catch (error) {
		// The person's role back before anything else can run in this transaction (a caller that
		// caught this must never go on as the service); an aborted transaction refuses it, and needs
		// it no more.
		await sql`select set_config('role', ${role}, true)`.catch(() => undefined);
		throw error;
	}
	await sql`select set_config('role', ${role}, true)`;
	return result;
}

/** Runs `fn` as whoever is looking: the signed-in person, or a visitor when `viewer` is null. */
export function withViewer<T>(viewer: Claims | null, fn: (sql: Tx) => Promise<T>): Promise<T> {
	return viewer ? withUser(viewer, fn) : withAnon(fn);
}
