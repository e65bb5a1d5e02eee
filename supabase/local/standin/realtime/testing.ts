/**
 * Support for the Realtime stack tests and benchmarks; the stand-in itself never loads this.
 * People with signed access tokens (so tests do not depend on the Auth half), the real
 * supabase-js client per protocol version, and waiting for channel events with a deadline.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { PUBLISHABLE_KEY } from '../keys.ts';
import { readSigningKeys } from '../signing-keys.ts';
import { createTokens, type AccessClaims, type Tokens } from '../tokens.ts';

export type ProtocolVersion = '1.0.0' | '2.0.0';
export const VERSIONS: ProtocolVersion[] = ['1.0.0', '2.0.0'];

export type Person = {
	id: string;
	email: string;
	/** An ES256 access token as Supabase Auth would issue it; `exp` etc. can be overridden. */
	token: (overrides?: Partial<AccessClaims>) => Promise<string>;
};

/** Signs and verifies as the stand-in that started on `dataDir` does (with its keys). */
export async function standInTokens(dataDir: string): Promise<Tokens> {
	return createTokens(await readSigningKeys(dataDir));
}

/**
 * A confirmed account written straight into auth.users (as a seed would), through `sql`, whose
 * tokens are signed with the stand-in's keys (`standInTokens`).
 */
export async function createPerson(
	sql: Sql,
	tokens: Pick<Tokens, 'sign'>,
	name = 'Realtime tester'
): Promise<Person> {
	const id = randomUUID();
	const email = `realtime-${id.slice(0, 8)}@example.test`;
	await sql`
		insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, '',
		        now(), ${sql.json({ provider: 'email', providers: ['email'] })},
		        ${sql.json({ display_name: name })}, now(), now())
	`;
	const sessionId = randomUUID();
	return {
		id,
		email,
		token: (overrides = {}) => {
			const now = Math.floor(Date.now() / 1000);
			return tokens.sign({
				aud: 'authenticated',
				exp: now + 3600,
				iat: now,
				sub: id,
				email,
				phone: '',
				app_metadata: { provider: 'email', providers: ['email'] },
				user_metadata: { display_name: name },
				role: 'authenticated',
				aal: 'aal1',
				amr: [{ method: 'password', timestamp: now }],
				session_id: sessionId,
				is_anonymous: false,
				...overrides
			});
		}
	};
}

/**
 * The real supabase-js client speaking one protocol version. With `accessToken` it is signed in
 * the way third-party auth is (the callback is asked for the token at each join and heartbeat).
 *
 * It waits until Realtime holds the token: supabase-js fetches it asynchronously, and a channel
 * subscribed before that joins without it (and is refused, then retried a second later).
 */
export async function realtimeClient(
	url: string,
	vsn: ProtocolVersion,
	options: { accessToken?: () => string; key?: string; heartbeat?: (status: string) => void } = {}
): Promise<SupabaseClient> {
	const { accessToken } = options;
	const client = createClient(url, options.key ?? PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { vsn, heartbeatCallback: options.heartbeat },
		...(accessToken ? { accessToken: async () => accessToken() } : {})
	});
	if (accessToken) await client.realtime.setAuth();
	return client;
}

export type SubscribeResult = { status: string; error?: Error };

/** The first status a subscription reaches: SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT or CLOSED. */
export function subscribe(channel: RealtimeChannel, timeoutMs = 8_000): Promise<SubscribeResult> {
	return within(
		new Promise<SubscribeResult>((resolve) => {
			channel.subscribe((status, error) => resolve({ status, error }));
		}),
		timeoutMs,
		`subscribing to ${channel.topic}`
	);
}

/** Subscribes and fails loudly unless the join succeeded. */
export async function joined(
	channel: RealtimeChannel,
	timeoutMs?: number
): Promise<RealtimeChannel> {
	const result = await subscribe(channel, timeoutMs);
	if (result.status !== 'SUBSCRIBED') {
		throw new Error(`${channel.topic}: ${result.status} ${result.error?.message ?? ''}`);
	}
	return channel;
}

/** Resolves with the promise, or rejects after `ms` naming what was awaited. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Collects what a callback receives, to await the next matching item with a deadline, or to
 * assert that nothing (more) arrived after a grace period.
 */
export class Inbox<T> {
	readonly items: T[] = [];
	#waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

	/** Pass this as the event callback. */
	readonly push = (item: T): void => {
		this.items.push(item);
		for (const waiter of [...this.#waiters]) {
			if (waiter.match(item)) {
				this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
				waiter.resolve(item);
			}
		}
	};

	/** The first item (already received or still to come) that matches. */
	find(match: (item: T) => boolean = () => true, ms = 5_000): Promise<T> {
		const found = this.items.find(match);
		if (found !== undefined) return Promise.resolve(found);
		return within(
			new Promise<T>((resolve) => this.#waiters.push({ match, resolve })),
			ms,
			'waiting for a realtime event'
		);
	}
}

/**
 * A policy on realtime.messages for `authenticated` (select → using, insert → with check); returns
 * its drop. Names and conditions come from the test itself, never from input.
 */
export async function createPolicy(
	sql: Sql,
	command: 'select' | 'insert',
	condition: string
): Promise<() => Promise<void>> {
	const name = `realtime test ${randomUUID()}`;
	const clause = command === 'select' ? `using (${condition})` : `with check (${condition})`;
	await ddl(
		sql,
		`create policy "${name}" on realtime.messages for ${command} to authenticated ${clause}`
	);
	return () => ddl(sql, `drop policy if exists "${name}" on realtime.messages`);
}

/**
 * Policy DDL locks realtime.messages exclusively. Waiting in the lock queue behind a test that
 * holds a transaction open would stall every join and send queued behind it, so give up quickly
 * and try again instead; the same when Postgres ends it as a deadlock's victim.
 */
async function ddl(sql: Sql, statement: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await sql.begin(async (tx) => {
				await tx`set local lock_timeout = '100ms'`;
				await tx.unsafe(statement);
			});
			return;
		} catch (error) {
			// lock_not_available, or chosen as a deadlock's victim (another file's DDL on the table).
			const code = (error as { code?: string }).code;
			if ((code !== '55P03' && code !== '40P01') || attempt === 100) throw error;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}

/** Removes every channel and closes the client's socket. */
export async function closeClients(...clients: SupabaseClient[]): Promise<void> {
	await Promise.all(clients.map((client) => client.removeAllChannels().catch(() => undefined)));
}
