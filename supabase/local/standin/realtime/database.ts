/**
 * Database-originated broadcasts (realtime.send, realtime.broadcast_changes). Supabase Realtime
 * streams committed inserts on realtime.messages from a replication slot; the stand-in has a
 * trigger announce each row with NOTIFY (bootstrap.sql, "realtime delivery"), which Postgres
 * delivers at commit and drops on rollback, and LISTENs on a connection of its own.
 */
import postgres, { type Sql } from 'postgres';
import type { Hub, Outgoing } from './hub.ts';

/** Must match the channel in bootstrap.sql's realtime.standin_announce_message(). */
export const NOTIFY_CHANNEL = 'realtime_standin_messages';

/**
 * postgres.js re-LISTENs by itself when its connection drops, but gives up silently if that first
 * attempt fails (the database is restarting, say). So the feed pings itself through NOTIFY when
 * it has heard nothing for a while, and starts a fresh listener when even the ping goes unheard.
 */
const PING_AFTER_MS = 5_000;
const DEAD_AFTER_MS = 15_000;

type Announcement = {
	id: string;
	/** Absent when the row was too large for NOTIFY: fetch it by key. */
	topic?: string;
	event?: string;
	private?: boolean;
	payload?: unknown;
	binary_payload?: string | null;
	inserted_at?: string;
};

export type FeedCounters = { messages: number; fetches: number; reconnects: number };

export class MessageFeed {
	readonly counters: FeedCounters = { messages: 0, fetches: 0, reconnects: 0 };
	readonly #databaseUrl: string;
	readonly #sql: Sql;
	readonly #hub: Hub;
	#listener: Sql | undefined;
	#heardAt = performance.now();
	#watchdog: NodeJS.Timeout | undefined;
	/** Set while a large row is being fetched, so later messages wait and commit order holds. */
	#tail: Promise<void> | undefined;
	#closing = false;

	/** `sql` is the stand-in's service pool, for pings and fetching large rows. */
	constructor(databaseUrl: string, sql: Sql, hub: Hub) {
		this.#databaseUrl = databaseUrl;
		this.#sql = sql;
		this.#hub = hub;
	}

	async start(): Promise<void> {
		await this.#listen();
		this.#watchdog = setInterval(() => void this.#watch(), PING_AFTER_MS).unref();
	}

	async close(): Promise<void> {
		this.#closing = true;
		clearInterval(this.#watchdog);
		await this.#listener?.end({ timeout: 1 });
	}

	async #listen(): Promise<void> {
		const listener = postgres(this.#databaseUrl, {
			max: 1,
			onnotice: () => {},
			connection: { application_name: 'capacity-commons-standin-realtime' }
		});
		this.#listener = listener;
		await listener.listen(
			NOTIFY_CHANNEL,
			(text) => this.#receive(text),
			() => (this.#heardAt = performance.now())
		);
	}

	async #watch(): Promise<void> {
		const silence = performance.now() - this.#heardAt;
		if (this.#closing || silence < PING_AFTER_MS) return;
		if (silence < DEAD_AFTER_MS) {
			await this.#sql`select pg_notify(${NOTIFY_CHANNEL}, '')`.catch(() => {});
			return;
		}
		this.counters.reconnects++;
		const old = this.#listener;
		this.#heardAt = performance.now(); // give the new listener a full period
		void old?.end({ timeout: 0 }).catch(() => {});
		await this.#listen().catch(() => {}); // still down: the next watch tries again
	}

	#receive(text: string): void {
		this.#heardAt = performance.now();
		if (!text) return; // a ping
		let announcement: Announcement;
		try {
			announcement = JSON.parse(text) as Announcement;
		} catch {
			return;
		}
		this.counters.messages++;
		const next = announcement.topic === undefined ? () => this.#fetch(announcement) : undefined;
		if (!this.#tail && !next) return this.#deliver(announcement);
		const tail: Promise<void> = (this.#tail ?? Promise.resolve())
			.then(next ?? (() => this.#deliver(announcement)))
			.catch((error: unknown) => console.error('[stand-in realtime]', error))
			.finally(() => {
				if (this.#tail === tail) this.#tail = undefined;
			});
		this.#tail = tail;
	}

	/**
	 * A row over NOTIFY's 8000-byte limit: read it back (it is committed, or we would not know of
	 * it). The key's timestamp stays text until Postgres casts it: a JS Date would lose microseconds.
	 */
	async #fetch({ id, inserted_at }: Announcement): Promise<void> {
		this.counters.fetches++;
		const [row] = await this.#sql<Announcement[]>`
			select id, topic, event, private, payload, encode(binary_payload, 'base64') as binary_payload
			from realtime.messages
			where id = ${id} and inserted_at = ${inserted_at ?? null}::text::timestamp
		`;
		if (row) this.#deliver(row);
	}

	#deliver(row: Announcement): void {
		const { topic, event, id } = row;
		if (topic === undefined || event === undefined || typeof row.private !== 'boolean') return;
		if (!this.#hub.hasRoom(topic, row.private)) return;
		const message: Outgoing =
			typeof row.binary_payload === 'string'
				? {
						kind: 'user',
						event,
						encoding: 'binary',
						body: Buffer.from(row.binary_payload, 'base64'),
						meta: { id }
					}
				: {
						kind: 'user',
						event,
						encoding: 'json',
						body: Buffer.from(JSON.stringify(row.payload)),
						meta: { id }
					};
		this.#hub.broadcastTo(topic, row.private, message);
	}
}
