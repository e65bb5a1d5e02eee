/**
 * The phx_join payload, read as leniently as Realtime reads it (booleans may arrive as strings,
 * unknown fields are ignored), and the ids the join reply gives postgres_changes bindings.
 */
import { randomUUID } from 'node:crypto';

export type JoinConfig = {
	ack: boolean;
	self: boolean;
	presenceKey: string;
	presenceEnabled: boolean;
	isPrivate: boolean;
	postgresChanges: Record<string, unknown>[];
	/** broadcast.replay: {since, limit} (private channels only). */
	replay: Record<string, unknown> | undefined;
	/** broadcast.replication_ready: say when database broadcasts can flow (at once, here). */
	replicationReady: boolean;
	/** The join's own token, unless it sent none or an sb_ key (then the socket's is used). */
	accessToken: string | undefined;
};

export function parseJoin(payload: unknown): JoinConfig {
	const body = isObject(payload) ? payload : {};
	const config = isObject(body.config) ? body.config : {};
	const broadcast = isObject(config.broadcast) ? config.broadcast : {};
	const presence = isObject(config.presence) ? config.presence : {};
	const key = presence.key;
	const token = typeof body.access_token === 'string' ? body.access_token : body.user_token;
	return {
		ack: flag(broadcast.ack),
		self: flag(broadcast.self),
		presenceEnabled: flag(presence.enabled),
		presenceKey: key === undefined || key === null || key === '' ? randomUUID() : String(key),
		isPrivate: flag(config.private),
		postgresChanges: Array.isArray(config.postgres_changes)
			? config.postgres_changes.filter(isObject)
			: [],
		replay: isObject(broadcast.replay) ? broadcast.replay : undefined,
		replicationReady: flag(broadcast.replication_ready),
		accessToken: typeof token === 'string' && !token.startsWith('sb_') ? token : undefined
	};
}

/** Realtime accepts booleans and their string forms ("true"). */
function flag(value: unknown): boolean {
	return value === true || value === 'true';
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stable small integer per binding, as Realtime's phash2 of the binding's params is. */
export function bindingId(change: Record<string, unknown>): number {
	let hash = 0x811c9dc5;
	for (const char of JSON.stringify(change)) {
		hash ^= char.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash & 0x7ffffff;
}
