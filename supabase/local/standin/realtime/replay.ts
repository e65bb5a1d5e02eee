/**
 * Broadcast replay (`config.broadcast.replay: {since, limit}`, private channels only): at join,
 * the latest stored broadcasts of the topic since a moment are sent again, marked `replayed`.
 * Read as the service, like Realtime, once the join's read check has passed.
 */
import type { Sql } from 'postgres';

export type StoredMessage = {
	id: string;
	event: string;
	payload: unknown;
	/** Base64, when the message was sent with realtime.send_binary. */
	binary_payload: string | null;
};

/** Realtime replays at most this many messages, whatever the client asks for. */
const MOST = 25;

export type ReplayRequest = { since: number; limit: number };

/** The request from the join's config, or undefined when it is not valid (both integers). */
export function replayRequest(replay: Record<string, unknown>): ReplayRequest | undefined {
	const { since, limit = MOST } = replay;
	if (!Number.isInteger(since) || !Number.isInteger(limit)) return undefined;
	return { since: since as number, limit: Math.max(1, Math.min(limit as number, MOST)) };
}

/** The newest `limit` messages since `since` (ms since the epoch), oldest first. */
export async function storedMessages(
	sql: Sql,
	topic: string,
	{ since, limit }: ReplayRequest
): Promise<StoredMessage[]> {
	// inserted_at holds UTC without a zone, as on Supabase; nothing from the future (a minute's drift).
	const rows = await sql<StoredMessage[]>`
		select id, event, payload, encode(binary_payload, 'base64') as binary_payload
		from realtime.messages
		where topic = ${topic}
		  and private is true
		  and extension = 'broadcast'
		  and event is not null
		  and inserted_at >= to_timestamp(${since}::float8 / 1000) at time zone 'UTC'
		  and inserted_at < (now() at time zone 'UTC') + interval '1 minute'
		order by inserted_at desc
		limit ${limit}
	`;
	return rows.reverse();
}
