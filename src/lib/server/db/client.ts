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
import { getLocale, locales } from '$lib/paraglide/runtime';

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

/**
 * The columns a form writes, named at the write (`sql(row, ...columns)`): every key of its zod
 * shape, less the ones named. A write never takes a key that merely happens to be in the object,
 * and a field added to the form is written once the schema has it.
 */
export function columnsOf<
	Shape extends Record<string, unknown>,
	Except extends keyof Shape & string = never
>(shape: Shape, ...except: Except[]): Exclude<keyof Shape & string, Except>[] {
	return Object.keys(shape).filter(
		(key): key is Exclude<keyof Shape & string, Except> => !(except as string[]).includes(key)
	);
}

let client: Sql | undefined;

/**
 * postgres.js turns a date or timestamp parameter into a JavaScript Date before sending it, and an
 * impossible one ('0000-00-00', '2026-13-01') threw inside the driver. Text goes to Postgres as it
 * is instead: Postgres parses it, and refuses what is not a date with an error we map to a 400.
 */
const TIMESTAMPS = {
	to: 1184,
	from: [1082, 1114, 1184],
	serialize: (value: unknown) =>
		value instanceof Date
			? Number.isNaN(value.getTime())
				? 'invalid'
				: value.toISOString()
			: String(value),
	parse: (value: string) => new Date(value)
};

/** The shared client, created on first use so that builds need no database. */
export function db(): Sql {
	if (!client) {
		const env = databaseEnv();
		client = postgres(env.DATABASE_URL, {
			max: env.DATABASE_POOL_MAX,
			prepare: env.DATABASE_PREPARE,
			idle_timeout: 60,
			connect_timeout: 10,
			types: { date: TIMESTAMPS },
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
const ROLES = {
	authenticated: `set_config('role', 'authenticated', true), set_config('statement_timeout', '8s', true)`,
	anon: `set_config('role', 'anon', true), set_config('statement_timeout', '3s', true)`
} as const;
type Identity = keyof typeof ROLES;

/**
 * The first statement of a transaction: its role, and the language of the request (app.locale,
 * which private.named reads to give a taxonomy's names in it). Written out once per role and
 * language, since the six locales are ours and the statement takes no parameters.
 */
const FIRST = new Map(
	locales.flatMap((locale) => {
		const language = `set_config('app.locale', '${locale}', true)`;
		return [
			[`|${locale}`, `select ${language}`],
			...Object.entries(ROLES).map(([role, set]) => [
				`${role}|${locale}`,
				`select ${set}, ${language}`
			])
		] as [string, string][];
	})
);

/** What postgres.js hands a query's `onexecute`: the connection it runs on (not in its types). */
type Connection = { terminate: () => void };

/** Errors that mean the connection was gone before the transaction did anything (a stale one). */
const STALE = new Set(['CONNECTION_CLOSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02']);

/**
 * One transaction with a hard deadline. Whatever happens in or around its queries (a driver bug,
 * a query that never answers, code that awaits something that never comes), the connection goes
 * back: at the deadline it is terminated, its queries are rejected and the pool opens a new one.
 * A transaction whose connection turns out to be stale (the database restarted since it was last
 * used) is tried again on another, which is safe because none of it ran.
 */
async function transaction<T>(
	identity: Identity | null,
	claims: string | null,
	fn: (sql: Tx) => Promise<T>,
	attempt = 1
): Promise<T> {
	let deadline: NodeJS.Timeout | undefined;
	let stale = true;
	// The deadline counts from when the transaction has its connection (not while it waits for one).
	const hold = (connection: Connection) => {
		deadline = setTimeout(() => connection.terminate(), databaseEnv().DATABASE_DEADLINE_MS);
		return true;
	};
	try {
		return (await db().begin(async (sql) => {
			// Sent first, with no parameters, so that postgres.js hands over the connection at once.
			const first = sql
				.unsafe(FIRST.get(`${identity ?? ''}|${getLocale()}`)!, [], {
					onexecute: hold
				} as Parameters<Tx['unsafe']>[2])
				.execute();
			const settings = claims
				? [first, sql`select set_config('request.jwt.claims', ${claims}, true)`.execute()]
				: [first];
			return run(
				Promise.all(settings).then(() => (stale = false)),
				sql,
				fn
			);
		})) as T;
	} catch (error) {
		const code = (error as { code?: string } | undefined)?.code;
		// Each stale connection fails once and is replaced, so the pool's size bounds the tries.
		if (stale && code && STALE.has(code) && attempt <= databaseEnv().DATABASE_POOL_MAX) {
			return transaction(identity, claims, fn, attempt + 1);
		}
		throw error;
	} finally {
		clearTimeout(deadline);
	}
}

/** Runs `fn` as the signed-in person: RLS applies with their claims. */
export function withUser<T>(claims: Claims, fn: (sql: Tx) => Promise<T>): Promise<T> {
	return transaction('authenticated', JSON.stringify(claims), fn);
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
	return transaction('anon', ANON_CLAIMS, fn);
}

/**
 * Runs `fn` with the server's own database role, which bypasses RLS. Only for migrations, seeding,
 * health checks and background jobs; every caller says why in a comment.
 */
export function asService<T>(fn: (sql: Tx) => Promise<T>): Promise<T> {
	return transaction(null, null, fn);
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
