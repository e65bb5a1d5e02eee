/**
 * One joined channel on one socket: the join and its authorisation, broadcast, presence, token
 * refresh and expiry, with Realtime's replies and error texts. Private channels ask the database
 * at join, on a new token and at the first send; delivery itself never queries.
 */
import type { Sql } from 'postgres';
import type { AuthContext, Authorizer, Extension, Permissions } from './authorization.ts';
import type { Hub, Member, Outgoing, Room } from './hub.ts';
import { bindingId, isObject, parseJoin, type JoinConfig } from './join.ts';
import { checkToken, JOIN_ERROR_CODE, type Claims } from './jwt.ts';
import { encodeMessage, encodeReply, encodeUserBroadcast, type Vsn } from './protocol.ts';
import { replayRequest, storedMessages, type StoredMessage } from './replay.ts';
import type { Tokens } from '../tokens.ts';

/** What a channel needs from the socket it lives on. */
export interface Socket {
	readonly vsn: Vsn;
	/** The connect-time token (the API key as the gateway maps it). */
	readonly token: string;
	/** The upgrade request's x- headers, which policies can read from request.headers. */
	readonly headers: Record<string, string>;
	readonly closed: boolean;
	send(frame: Buffer | string, binary: boolean): void;
	/** Runs a task after the channel's earlier ones (frames of one topic are handled in order). */
	run(topic: string, task: () => void | Promise<void>): void;
	forget(channel: Channel): void;
}

/** `sql` is the stand-in's service pool (replay reads stored messages with it). */
export type Services = { hub: Hub; authorizer: Authorizer; sql: Sql; tokens: Tokens };

/** Realtime's limits that clients can run into. */
const MAX_PAYLOAD_BYTES = 3_000 * 1000;
const PRESENCE_CALLS_PER_WINDOW = 5;
const PRESENCE_WINDOW_MS = 30_000;
/** Realtime re-checks a channel's token at most this long apart, and at its expiry. */
const TOKEN_RECHECK_MS = 5 * 60_000;

export class Channel implements Member {
	readonly topic: string;
	readonly subTopic: string;
	readonly joinRef: string | null;
	readonly config: JoinConfig;
	/** Ids of the messages replayed at join, so they are not delivered twice. */
	replayed: ReadonlySet<string> | undefined;
	readonly #socket: Socket;
	readonly #services: Services;
	#token = '';
	#claims: Claims | undefined;
	#room: Room | undefined;
	#closed = false;
	#presenceEnabled: boolean;
	/** Read permissions from the last check (private channels); undefined = never evaluated. */
	#read: Permissions = {};
	/** Write permissions, checked at the first send or track and kept until the token changes. */
	#write: Promise<Permissions> | undefined;
	#writeKnown: Permissions | undefined;
	#trackedPayload: string | undefined;
	#presenceCalls = { count: 0, resetAt: 0 };
	#expiry: NodeJS.Timeout | undefined;

	constructor(
		socket: Socket,
		services: Services,
		topic: string,
		joinRef: string | null,
		payload: unknown
	) {
		this.#socket = socket;
		this.#services = services;
		this.topic = topic;
		this.subTopic = topic.slice('realtime:'.length);
		this.joinRef = joinRef;
		this.config = parseJoin(payload);
		this.#presenceEnabled = this.config.presenceEnabled;
	}

	get vsn(): Vsn {
		return this.#socket.vsn;
	}

	canReceive(extension: Extension): boolean {
		return !this.config.isPrivate || this.#read[extension] === true;
	}

	send(frame: Buffer, binary: boolean): void {
		this.#socket.send(frame, binary);
	}

	/** A server push on this channel (join_ref set, no ref). */
	push(event: string, payload: unknown): void {
		this.#socket.send(
			encodeMessage(this.vsn, this.joinRef, null, this.topic, event, payload),
			false
		);
	}

	reply(ref: string | null, status: 'ok' | 'error', response: unknown): void {
		this.#socket.send(
			encodeReply(this.vsn, this.joinRef, ref, this.topic, status, response),
			false
		);
	}

	async join(ref: string | null): Promise<void> {
		if (!this.subTopic) {
			return this.#refuse(ref, 'TopicNameRequired: You must provide a topic name');
		}
		const token = this.config.accessToken ?? this.#socket.token;
		const check = await checkToken(this.#services.tokens, token);
		if (!check.ok) return this.#refuse(ref, `${JOIN_ERROR_CODE[check.problem]}: ${check.message}`);
		this.#token = token;
		this.#claims = check.claims;
		if (this.config.isPrivate) {
			const read = await this.#services.authorizer.read(this.#context(), this.#readExtensions());
			if (!read.broadcast && !read.presence) {
				return this.#refuse(
					ref,
					`Unauthorized: You do not have permissions to read from this Channel topic: ${this.subTopic}`
				);
			}
			this.#read = read;
		}
		const stored = await this.#storedForReplay();
		if ('refusal' in stored) return this.#refuse(ref, stored.refusal);
		// The socket may have dropped, or a newer join replaced this one, while the database answered.
		if (this.#closed || this.#socket.closed) return;

		if (stored.length > 0) this.replayed = new Set(stored.map((message) => message.id));
		this.#room = this.#services.hub.enter(this, this.subTopic, this.config.isPrivate);
		this.reply(ref, 'ok', {
			postgres_changes: this.config.postgresChanges.map((change) => ({
				...change,
				id: bindingId(change)
			}))
		});
		if (this.config.postgresChanges.length > 0) {
			this.push('system', {
				extension: 'postgres_changes',
				status: 'error',
				message:
					'postgres_changes is not provided by the local stand-in. Use a private broadcast channel ' +
					'fed by a trigger (realtime.broadcast_changes or realtime.send) instead.',
				channel: this.subTopic
			});
		}
		for (const message of stored) this.#replay(message);
		if (this.config.replicationReady) {
			// The stand-in's database feed is up before any join is answered.
			this.push('system', {
				extension: 'system',
				status: 'ok',
				message: 'Replication connection established',
				channel: this.subTopic
			});
		}
		if (this.#presenceEnabled && this.canReceive('presence')) {
			this.push('presence_state', this.#room.presenceState());
		}
		this.#scheduleExpiry();
	}

	/** Everything after the join: leave, token refresh, JSON broadcast, presence. */
	handle(event: string, payload: unknown, ref: string | null): void | Promise<void> {
		if (this.#closed) return;
		switch (event) {
			case 'phx_leave':
				this.reply(ref, 'ok', {});
				return this.close();
			case 'access_token':
				return this.#refreshToken(payload);
			case 'broadcast':
				// A 1.0.0 client (or a 2.0.0 client writing text) sends {type, event, payload} as JSON.
				if (!isObject(payload)) return;
				return this.broadcast({ kind: 'json', payload }, ref, JSON.stringify(payload).length);
			case 'presence':
				return this.#presence(payload, ref);
			default:
			// Realtime logs and ignores anything else.
		}
	}

	/** A client broadcast: fan-out (to the sender too with `self`), then the ack if asked for. */
	broadcast(message: Outgoing, ref: string | null, size: number): void | Promise<void> {
		if (this.#closed || !this.#room) return;
		if (this.config.isPrivate && !this.#writeKnown) {
			return this.#writePermissions().then(() => this.broadcast(message, ref, size));
		}
		// A private send without write permission is dropped without a word, as in Realtime.
		if (this.config.isPrivate && !this.#writeKnown?.broadcast) return;
		if (size > MAX_PAYLOAD_BYTES) {
			if (this.config.ack) this.reply(ref, 'error', 'payload_size_exceeded');
			return;
		}
		this.#services.hub.broadcast(this.#room, message, this.config.self ? undefined : this);
		if (this.config.ack) this.reply(ref, 'ok', {});
	}

	/** Closes from the server side: an optional system error, then phx_close (Realtime's shutdown). */
	close(reason?: string): void {
		if (this.#closed) return;
		if (reason !== undefined) {
			this.push('system', {
				extension: 'system',
				status: 'error',
				message: reason,
				channel: this.subTopic
			});
		}
		this.#socket.send(
			encodeMessage(this.vsn, this.joinRef, this.joinRef, this.topic, 'phx_close', {}),
			false
		);
		this.teardown();
	}

	/** Leaves without a word (the socket is gone): presence leaves are still sent to the others. */
	teardown(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#expiry);
		if (this.#room) this.#services.hub.exit(this, this.#room);
		this.#room = undefined;
		this.#socket.forget(this);
	}

	/** The stored messages a replay asks for, or why the join is refused (Realtime's words). */
	async #storedForReplay(): Promise<StoredMessage[] | { refusal: string }> {
		const replay = this.config.replay;
		if (!replay) return [];
		if (!this.config.isPrivate) {
			return { refusal: 'UnableToReplayMessages: Replay is not allowed for public channels' };
		}
		if (!this.#read.broadcast) {
			return {
				refusal: `Unauthorized: You do not have permissions to read from this Channel topic: ${this.subTopic}`
			};
		}
		const request = replayRequest(replay);
		if (!request) return { refusal: 'UnableToReplayMessages: Replay params are not valid' };
		try {
			return await storedMessages(this.#services.sql, this.subTopic, request);
		} catch {
			return { refusal: 'UnableToReplayMessages: Realtime was unable to replay messages' };
		}
	}

	/** One replayed message: JSON as a push, bytes as binary (to 2.0.0 sockets only). */
	#replay(message: StoredMessage): void {
		const meta = { id: message.id, replayed: true };
		if (message.binary_payload === null) {
			this.push('broadcast', {
				event: message.event,
				meta,
				payload: message.payload,
				type: 'broadcast'
			});
			return;
		}
		if (this.vsn === 1) return;
		const bytes = Buffer.from(message.binary_payload, 'base64');
		const frame = encodeUserBroadcast(this.topic, message.event, meta, 'binary', bytes);
		if (frame) this.send(frame, true);
	}

	#refuse(ref: string | null, reason: string): void {
		this.reply(ref, 'error', { reason });
		this.#closed = true;
		this.#socket.forget(this);
	}

	#context(): AuthContext {
		return { topic: this.subTopic, claims: this.#claims!, headers: this.#socket.headers };
	}

	#readExtensions(): Extension[] {
		return this.#presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'];
	}

	#writePermissions(): Promise<Permissions> {
		return (this.#write ??= this.#services.authorizer
			.write(this.#context(), ['broadcast', 'presence'])
			.then((permissions) => (this.#writeKnown = permissions)));
	}

	/** access_token: sb_ keys, null and the current token are ignored; anything else replaces it. */
	async #refreshToken(payload: unknown): Promise<void> {
		const token = isObject(payload) ? payload.access_token : undefined;
		if (typeof token !== 'string' || token.startsWith('sb_') || token === this.#token) return;
		const check = await checkToken(this.#services.tokens, token);
		if (this.#closed) return;
		if (!check.ok) return this.close(check.message);
		const previous = this.#read;
		this.#token = token;
		this.#claims = check.claims;
		this.#write = this.#writeKnown = undefined;
		if (this.config.isPrivate) {
			const read = await this.#services.authorizer.read(this.#context(), this.#readExtensions());
			if (this.#closed) return;
			if (!read.broadcast && !read.presence) {
				return this.close(
					`You do not have permissions to read from this Channel topic: ${this.subTopic}`
				);
			}
			if ((previous.broadcast && !read.broadcast) || (previous.presence && !read.presence)) {
				return this.close(
					`You no longer have permission to read from this Channel topic: ${this.subTopic}`
				);
			}
			this.#read = read;
		}
		this.#scheduleExpiry();
	}

	async #presence(payload: unknown, ref: string | null): Promise<void> {
		const event =
			isObject(payload) && typeof payload.event === 'string' ? payload.event.toLowerCase() : '';
		if (!event) return this.reply(ref, 'ok', {});
		if (!this.#withinPresenceLimit()) return this.close('Client presence rate limit exceeded');
		const room = this.#room!;
		if (event === 'untrack') {
			this.#trackedPayload = undefined;
			this.reply(ref, 'ok', {});
			const diff = room.untrack(this);
			if (diff) this.#services.hub.presenceDiff(room, diff);
			return;
		}
		if (event !== 'track') return this.reply(ref, 'error', {});

		if (this.config.isPrivate) {
			// Tracking turns presence on; its read permission was not checked if it was off at join.
			if (this.#read.presence === undefined) {
				this.#read.presence = (
					await this.#services.authorizer.read(this.#context(), ['presence'])
				).presence;
			}
			const write = await this.#writePermissions();
			if (this.#closed) return;
			if (!write.presence) return this.reply(ref, 'error', {});
		}
		const tracked = (payload as { payload?: unknown }).payload ?? {};
		if (!isObject(tracked)) {
			return this.reply(ref, 'error', { reason: 'Presence track payload must be a map' });
		}
		const json = JSON.stringify(tracked);
		this.#presenceEnabled = true;
		if (json === this.#trackedPayload) return this.reply(ref, 'ok', {});
		this.#trackedPayload = json;
		this.reply(ref, 'ok', {});
		this.#services.hub.presenceDiff(room, room.track(this, this.config.presenceKey, tracked));
	}

	/** Realtime allows 5 presence calls per channel per 30 s, then closes the channel. */
	#withinPresenceLimit(): boolean {
		const now = Date.now();
		const calls = this.#presenceCalls;
		if (now > calls.resetAt) {
			calls.count = 1;
			calls.resetAt = now + PRESENCE_WINDOW_MS;
			return true;
		}
		if (calls.count >= PRESENCE_CALLS_PER_WINDOW) return false;
		calls.count++;
		return true;
	}

	/** Closes the channel when its token expires, checking at `exp` (and every 5 minutes before). */
	#scheduleExpiry(): void {
		clearTimeout(this.#expiry);
		const exp = this.#claims!.exp;
		const delay = Math.max(0, Math.min(exp * 1000 - Date.now(), TOKEN_RECHECK_MS));
		this.#expiry = setTimeout(() => {
			this.#socket.run(this.topic, () => {
				if (this.#closed || this.#claims?.exp !== exp) return;
				const overdue = Math.floor(Date.now() / 1000) - exp;
				if (overdue >= 0) this.close(`Token has expired ${overdue} seconds ago`);
				else this.#scheduleExpiry();
			});
		}, delay);
		this.#expiry.unref();
	}
}
