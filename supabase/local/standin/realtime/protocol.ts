/**
 * Phoenix frames as Supabase Realtime speaks them, per protocol version (the socket's `vsn`):
 *
 *   1.0.0  text frames only, each a JSON object {topic, event, payload, ref, join_ref}
 *   2.0.0  text frames as JSON arrays [join_ref, ref, topic, event, payload], plus two binary kinds:
 *          3 = a client's broadcast push, 4 = a broadcast to the client
 *          (layouts in shared/reference/supabase-local-stack.md §5.2)
 *
 * realtime-js 2.x decodes binary kind 4 and nothing else, and a 1.0.0 client `JSON.parse`s every
 * frame, so binary only ever goes to 2.0.0 sockets and only as kind 4.
 */

export type Vsn = 1 | 2;

/** A decoded client frame: a plain Phoenix message, or a broadcast pushed as binary kind 3. */
export type Inbound =
	| {
			kind: 'message';
			joinRef: string | null;
			ref: string | null;
			topic: string;
			event: string;
			payload: unknown;
	  }
	| {
			kind: 'user-broadcast';
			joinRef: string;
			ref: string;
			topic: string;
			/** The application's event name (channel.send({ event })). */
			event: string;
			meta: Record<string, unknown>;
			encoding: PayloadEncoding;
			/** The payload bytes exactly as sent: JSON text, or raw bytes. */
			body: Buffer;
	  };

export type PayloadEncoding = 'json' | 'binary';

const USER_BROADCAST_PUSH = 3;
const USER_BROADCAST = 4;
const MAX_FIELD = 255;

/** The socket's protocol from its `vsn` query parameter (Phoenix's `~> 1.0.0` / `~> 2.0.0`). */
export function parseVsn(value: string | null): Vsn | undefined {
	if (value === null || value === '') return 1; // Phoenix's default when the client names none
	if (/^1\.0\.\d+$/.test(value)) return 1;
	if (/^2\.0\.\d+$/.test(value)) return 2;
	return undefined;
}

/** Decodes one client frame; undefined for anything Phoenix would not accept. */
export function decode(vsn: Vsn, data: Buffer, isBinary: boolean): Inbound | undefined {
	if (isBinary) return vsn === 2 ? decodeUserBroadcastPush(data) : undefined;
	let value: unknown;
	try {
		value = JSON.parse(data.toString('utf8'));
	} catch {
		return undefined;
	}
	if (vsn === 2) {
		if (!Array.isArray(value) || value.length < 5) return undefined;
		const [joinRef, ref, topic, event, payload] = value as unknown[];
		if (typeof topic !== 'string' || typeof event !== 'string') return undefined;
		return { kind: 'message', joinRef: refOf(joinRef), ref: refOf(ref), topic, event, payload };
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const message = value as Record<string, unknown>;
	if (typeof message.topic !== 'string' || typeof message.event !== 'string') return undefined;
	return {
		kind: 'message',
		joinRef: refOf(message.join_ref),
		ref: refOf(message.ref),
		topic: message.topic,
		event: message.event,
		payload: message.payload
	};
}

/** Refs are strings on the wire; tolerate numbers from hand-written clients. */
function refOf(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

/**
 * Kind 3: u8 join_ref_len, ref_len, topic_len, event_len, metadata_len, encoding (0 binary,
 * 1 JSON), then those fields and the payload bytes.
 */
function decodeUserBroadcastPush(data: Buffer): Inbound | undefined {
	if (data.length < 7 || data[0] !== USER_BROADCAST_PUSH) return undefined;
	// Seven bytes at least: the five lengths are there.
	const [joinRefLength, refLength, topicLength, eventLength, metaLength] = data.subarray(
		1,
		6
	) as unknown as [number, number, number, number, number];
	const encoding: PayloadEncoding = data[6] === 0 ? 'binary' : 'json';
	let offset = 7;
	const field = (length: number) => {
		const text = data.toString('utf8', offset, offset + length);
		offset += length;
		return text;
	};
	if (offset + joinRefLength + refLength + topicLength + eventLength + metaLength > data.length) {
		return undefined;
	}
	const joinRef = field(joinRefLength);
	const ref = field(refLength);
	const topic = field(topicLength);
	const event = field(eventLength);
	const metaText = field(metaLength);
	let meta: Record<string, unknown> = {};
	if (metaText) {
		try {
			const parsed: unknown = JSON.parse(metaText);
			if (parsed && typeof parsed === 'object') meta = parsed as Record<string, unknown>;
		} catch {
			return undefined;
		}
	}
	return {
		kind: 'user-broadcast',
		joinRef,
		ref,
		topic,
		event,
		meta,
		encoding,
		body: data.subarray(offset)
	};
}

/** A server push (event with payload) as a text frame for the socket's protocol. */
export function encodeMessage(
	vsn: Vsn,
	joinRef: string | null,
	ref: string | null,
	topic: string,
	event: string,
	payload: unknown
): string {
	return vsn === 2
		? JSON.stringify([joinRef, ref, topic, event, payload])
		: JSON.stringify({ topic, event, payload, ref, join_ref: joinRef });
}

/** A `phx_reply` to the client's message `ref`. */
export function encodeReply(
	vsn: Vsn,
	joinRef: string | null,
	ref: string | null,
	topic: string,
	status: 'ok' | 'error',
	response: unknown
): string {
	return encodeMessage(vsn, joinRef, ref, topic, 'phx_reply', { status, response });
}

/**
 * Kind 4: u8 topic_len, event_len, metadata_len, encoding, then topic, event, metadata JSON and the
 * payload bytes. Undefined when a field is longer than the format allows (Realtime refuses those).
 */
export function encodeUserBroadcast(
	topic: string,
	event: string,
	meta: Record<string, unknown> | undefined,
	encoding: PayloadEncoding,
	body: Buffer
): Buffer | undefined {
	const topicBytes = Buffer.from(topic);
	const eventBytes = Buffer.from(event);
	const metaBytes = Buffer.from(meta ? JSON.stringify(meta) : '');
	if (
		topicBytes.length > MAX_FIELD ||
		eventBytes.length > MAX_FIELD ||
		metaBytes.length > MAX_FIELD
	) {
		return undefined;
	}
	const header = Buffer.from([
		USER_BROADCAST,
		topicBytes.length,
		eventBytes.length,
		metaBytes.length,
		encoding === 'json' ? 1 : 0
	]);
	return Buffer.concat([header, topicBytes, eventBytes, metaBytes, body]);
}
