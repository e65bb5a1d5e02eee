/**
 * Private channels are authorised by the app's RLS policies on realtime.messages, the way Realtime
 * does it (shared/reference/supabase-local-stack.md §5.6): probe rows are written and read back as
 * the caller inside a transaction that is always rolled back. Checks run at join, on a token
 * change and at the first send — never per delivered message; callers cache the answers.
 */
import { randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';
import type { Claims } from './jwt.ts';

export type Extension = 'broadcast' | 'presence';
export type Permissions = Partial<Record<Extension, boolean>>;

export type AuthContext = {
	/** The sub-topic (the channel name without `realtime:`), as realtime.topic() returns it. */
	topic: string;
	claims: Claims;
	/** Request headers the policies may read through request.headers. */
	headers: Record<string, string>;
};

export type AuthCounters = { checks: number; statements: number };

export class Authorizer {
	readonly counters: AuthCounters = { checks: 0, statements: 0 };
	readonly #sql: Sql;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/**
	 * Which extensions the caller may read: probe rows inserted by the service (no payload, no event,
	 * so nothing delivers them), then selected back under the caller's role and claims.
	 */
	async read(context: AuthContext, extensions: Extension[]): Promise<Permissions> {
		const ids = extensions.map(() => randomUUID());
		const visible = await this.#probe(3, async (tx) => {
			// Pipelined: one round trip for the three statements.
			const [, , rows] = await Promise.all([
				tx`
					insert into realtime.messages (id, topic, extension)
					select unnest(${ids}::uuid[]), ${context.topic}, unnest(${extensions}::text[])
				`,
				impersonate(tx, context),
				tx<{ id: string }[]>`select id from realtime.messages where id = any(${ids}::uuid[])`
			]);
			return new Set(rows.map((row) => row.id));
		});
		return Object.fromEntries(extensions.map((ext, i) => [ext, visible?.has(ids[i]!) ?? false]));
	}

	/** Which extensions the caller may write: an INSERT under the caller's role, one savepoint each. */
	async write(context: AuthContext, extensions: Extension[]): Promise<Permissions> {
		const allowed = await this.#probe(1 + 3 * extensions.length, async (tx) => {
			await impersonate(tx, context);
			const result: Permissions = {};
			for (const extension of extensions) {
				try {
					await tx.savepoint(
						(sp) =>
							sp`insert into realtime.messages (topic, extension) values (${context.topic}, ${extension})`
					);
					result[extension] = true;
				} catch (error) {
					if (!isRefusal(error)) throw error;
					result[extension] = false;
				}
			}
			return result;
		});
		return allowed ?? Object.fromEntries(extensions.map((ext) => [ext, false]));
	}

	/**
	 * Runs a probe in a transaction that is always rolled back. A policy that fails to evaluate
	 * (a bad function, a role the database does not know) denies, as in Realtime; it is logged once.
	 */
	async #probe<T>(
		statements: number,
		fn: (tx: TransactionSql) => Promise<T>
	): Promise<T | undefined> {
		this.counters.checks++;
		this.counters.statements += statements + 2; // + begin and rollback
		const rollback = new Rollback<T>();
		try {
			await this.#sql.begin(async (tx) => {
				rollback.value = await fn(tx);
				throw rollback;
			});
		} catch (error) {
			if (error === rollback) return rollback.value;
			warnOnce(error);
		}
		return undefined;
	}
}

/** Sets the caller's identity for the rest of the transaction, as Realtime's set_conn_config does. */
function impersonate(tx: TransactionSql, { topic, claims, headers }: AuthContext) {
	return tx`
		select set_config('role', ${claims.role}, true),
		       set_config('realtime.topic', ${topic}, true),
		       set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
		       set_config('request.jwt.claim.sub', ${claims.sub ?? ''}, true),
		       set_config('request.jwt.claim.role', ${claims.role}, true),
		       set_config('request.headers', ${JSON.stringify(headers)}, true)
	`;
}

/** RLS refused the row (42501 insufficient_privilege): the caller may not write. */
function isRefusal(error: unknown): boolean {
	return (error as { code?: unknown })?.code === '42501';
}

class Rollback<T> {
	value: T | undefined;
}

const warned = new Set<string>();
function warnOnce(error: unknown): void {
	const text = error instanceof Error ? error.message : String(error);
	if (warned.has(text)) return;
	warned.add(text);
	console.warn(`[stand-in realtime] a realtime.messages policy could not be evaluated: ${text}`);
}
