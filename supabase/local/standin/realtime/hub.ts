/**
 * Rooms and fan-out. A room is one sub-topic at one privacy: a public and a private channel with
 * the same name are different rooms, as in Realtime. Each outgoing message is encoded at most once
 * per wire format (1.0.0 text, 2.0.0 text or binary), however many sockets receive it.
 */
import { randomBytes } from 'node:crypto';
import type { Extension } from './authorization.ts';
import { encodeMessage, encodeUserBroadcast, type PayloadEncoding, type Vsn } from './protocol.ts';

/** One joined channel as the hub sees it. */
export interface Member {
	readonly vsn: Vsn;
	/** A public member receives everything; a private one what its read check allowed. */
	canReceive(extension: Extension): boolean;
	/** Message ids this member already had as replays at its join. */
	readonly replayed?: ReadonlySet<string>;
	send(frame: Buffer, binary: boolean): void;
}

/** A broadcast on its way out. */
export type Outgoing =
	/** Built from JSON (a 1.0.0 client, REST batch): text for everyone, payload as clients see it. */
	| { kind: 'json'; payload: Record<string, unknown> }
	/**
	 * A "user broadcast" (2.0.0 binary push, httpSend, the database): binary kind 4 to 2.0.0 sockets,
	 * JSON text to 1.0.0 sockets, which cannot receive binary payloads at all.
	 */
	| {
			kind: 'user';
			event: string;
			encoding: PayloadEncoding;
			body: Buffer;
			meta?: Record<string, unknown>;
	  };

export type PresenceMeta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
type Frame = { data: Buffer; binary: boolean };

export class Room {
	/** The hub's key for this room: privacy and sub-topic. */
	readonly key: string;
	/** The channel topic its members joined, realtime:<sub-topic>. */
	readonly topic: string;
	readonly isPrivate: boolean;
	readonly members = new Set<Member>();
	/** key → (member → its meta): several connections may share a key. */
	readonly presence = new Map<string, Map<Member, PresenceMeta>>();
	readonly #keys = new Map<Member, string>();

	constructor(subTopic: string, isPrivate: boolean) {
		this.key = roomKey(subTopic, isPrivate);
		this.topic = `realtime:${subTopic}`;
		this.isPrivate = isPrivate;
	}

	/** The presence_state payload: {key: {metas: [...]}}. */
	presenceState(): Record<string, { metas: PresenceMeta[] }> {
		const state: Record<string, { metas: PresenceMeta[] }> = {};
		for (const [key, metas] of this.presence) state[key] = { metas: [...metas.values()] };
		return state;
	}

	/** Tracks or updates a member's presence; returns the diff (an update leaves the old meta). */
	track(member: Member, key: string, payload: Record<string, unknown>) {
		const previousKey = this.#keys.get(member);
		const previous =
			previousKey === undefined ? undefined : this.presence.get(previousKey)?.get(member);
		const meta: PresenceMeta = { ...payload, phx_ref: newRef() };
		if (previous) meta.phx_ref_prev = previous.phx_ref;
		const leaves = previous && previousKey !== undefined ? this.#remove(member, previousKey) : {};
		let metas = this.presence.get(key);
		if (!metas) this.presence.set(key, (metas = new Map()));
		metas.set(member, meta);
		this.#keys.set(member, key);
		return { joins: { [key]: { metas: [meta] } }, leaves };
	}

	/** Removes a member's presence; the diff to send, or undefined if it tracked nothing. */
	untrack(member: Member) {
		const key = this.#keys.get(member);
		if (key === undefined) return undefined;
		return { joins: {}, leaves: this.#remove(member, key) };
	}

	#remove(member: Member, key: string): Record<string, { metas: PresenceMeta[] }> {
		const metas = this.presence.get(key);
		const meta = metas?.get(member);
		metas?.delete(member);
		if (metas?.size === 0) this.presence.delete(key);
		this.#keys.delete(member);
		return meta ? { [key]: { metas: [meta] } } : {};
	}
}

export type HubCounters = { deliveries: number };

export class Hub {
	readonly counters: HubCounters = { deliveries: 0 };
	readonly #rooms = new Map<string, Room>();

	get rooms(): number {
		return this.#rooms.size;
	}

	enter(member: Member, subTopic: string, isPrivate: boolean): Room {
		const key = roomKey(subTopic, isPrivate);
		let room = this.#rooms.get(key);
		if (!room) this.#rooms.set(key, (room = new Room(subTopic, isPrivate)));
		room.members.add(member);
		return room;
	}

	/** A member leaves (left, closed, or its socket dropped): its presence leaves with it. */
	exit(member: Member, room: Room): void {
		const diff = room.untrack(member);
		room.members.delete(member);
		if (diff) this.presenceDiff(room, diff);
		if (room.members.size === 0) this.#rooms.delete(room.key);
	}

	hasRoom(subTopic: string, isPrivate: boolean): boolean {
		return this.#rooms.has(roomKey(subTopic, isPrivate));
	}

	/** Delivers a broadcast to a room by name, e.g. from the database or the REST API. */
	broadcastTo(subTopic: string, isPrivate: boolean, message: Outgoing): number {
		const room = this.#rooms.get(roomKey(subTopic, isPrivate));
		return room ? this.broadcast(room, message) : 0;
	}

	/** Delivers a broadcast to every member that may read broadcasts, except `sender` (no `self`). */
	broadcast(room: Room, message: Outgoing, sender?: Member): number {
		const frames = lazyFrames((vsn) => broadcastFrame(vsn, room.topic, message));
		const id = messageId(message);
		let delivered = 0;
		for (const member of room.members) {
			if (member === sender || !member.canReceive('broadcast')) continue;
			if (id !== undefined && member.replayed?.has(id)) continue;
			const frame = frames(member.vsn);
			if (!frame) continue;
			member.send(frame.data, frame.binary);
			delivered++;
		}
		this.counters.deliveries += delivered;
		return delivered;
	}

	/** presence_diff to every member that may read presence, the tracker included. */
	presenceDiff(room: Room, diff: { joins: object; leaves: object }): void {
		const frames = lazyFrames((vsn) =>
			text(encodeMessage(vsn, null, null, room.topic, 'presence_diff', diff))
		);
		for (const member of room.members) {
			if (!member.canReceive('presence')) continue;
			const frame = frames(member.vsn)!;
			member.send(frame.data, frame.binary);
		}
	}
}

function messageId(message: Outgoing): string | undefined {
	const meta = message.kind === 'user' ? message.meta : message.payload.meta;
	const id = (meta as { id?: unknown } | undefined)?.id;
	return typeof id === 'string' ? id : undefined;
}

function roomKey(subTopic: string, isPrivate: boolean): string {
	return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

/** Encodes on first use per protocol version, then reuses the bytes for every socket. */
function lazyFrames(encode: (vsn: Vsn) => Frame | undefined): (vsn: Vsn) => Frame | undefined {
	const cache = new Map<Vsn, Frame | undefined>();
	return (vsn) => {
		if (!cache.has(vsn)) cache.set(vsn, encode(vsn));
		return cache.get(vsn);
	};
}

function text(frame: string): Frame {
	return { data: Buffer.from(frame), binary: false };
}

/** The frame a socket of this version gets for a broadcast; undefined when it cannot have one. */
function broadcastFrame(vsn: Vsn, topic: string, message: Outgoing): Frame | undefined {
	if (message.kind === 'json') {
		return text(encodeMessage(vsn, null, null, topic, 'broadcast', message.payload));
	}
	if (vsn === 2) {
		const binary = encodeUserBroadcast(
			topic,
			message.event,
			message.meta,
			message.encoding,
			message.body
		);
		if (binary) return { data: binary, binary: true };
	}
	// 1.0.0, or names too long for the binary header: the JSON form, which binary payloads lack.
	if (message.encoding === 'binary') return undefined;
	let payload: unknown;
	try {
		payload = JSON.parse(message.body.toString('utf8'));
	} catch {
		return undefined;
	}
	return text(
		encodeMessage(vsn, null, null, topic, 'broadcast', {
			event: message.event,
			...(message.meta ? { meta: message.meta } : {}),
			payload,
			type: 'broadcast'
		})
	);
}

/** Presence refs are unique per track, like Phoenix's. */
function newRef(): string {
	return randomBytes(9).toString('base64');
}
