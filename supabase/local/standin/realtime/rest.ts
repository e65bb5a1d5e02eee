/**
 * Realtime's REST broadcast, below /realtime/v1/api:
 *
 *   POST /broadcast                          {messages: [{topic, event, payload, private?, id?}]} → 202
 *   POST /broadcast/<topic>/events/<event>   the payload as the body, JSON or bytes (httpSend) → 202
 *
 * The caller is the bearer token, else the apikey, as the gateway hands them over. Private
 * messages go out only if the caller passes the write check for their topic.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from '../gateway.ts';
import { sendEmpty, sendJson } from '../http.ts';
import type { AuthContext } from './authorization.ts';
import type { Services } from './channel.ts';
import type { Hub } from './hub.ts';
import { isObject } from './join.ts';
import { checkToken } from './jwt.ts';
import type { PayloadEncoding } from './protocol.ts';
import type { Tokens } from '../tokens.ts';

const MAX_BODY_BYTES = 3_000 * 1000 + 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SINGLE = /^\/broadcast\/([^/]+)\/events\/([^/]+)$/;
const ENCODINGS = new Map<string, PayloadEncoding>([
	['application/json', 'json'],
	['application/octet-stream', 'binary']
]);

type Caller = Omit<AuthContext, 'topic'>;
type Message = {
	topic: string;
	event: string;
	payload: Record<string, unknown>;
	private?: boolean;
	id?: string;
};

export function createRest({ hub, authorizer, tokens }: Services) {
	const mayWrite = async (caller: Caller, topic: string) =>
		(await authorizer.write({ ...caller, topic }, ['broadcast'])).broadcast === true;

	/** POST /broadcast/<topic>/events/<event>[?private=true] (channel.httpSend). */
	async function single(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) {
		// The media type is checked before anything else, as in Realtime's router.
		const type = (req.headers['content-type'] ?? 'application/json')
			.split(';')[0]!
			.trim()
			.toLowerCase();
		const encoding = ENCODINGS.get(type);
		if (!encoding) {
			return sendJson(res, 415, {
				error: 'Unsupported Media Type. Use application/json or application/octet-stream'
			});
		}
		const caller = await authenticate(req, tokens);
		if (!caller) return sendJson(res, 401, { message: 'Unauthorized' });
		const body = await readBody(req);
		if (!body) return sendJson(res, 413, { message: 'Payload Too Large' });
		const names = decodeNames(match[1] ?? '', match[2] ?? '');
		const payload = encoding === 'json' ? parseJson(body) : body;
		if (!names || payload === undefined) return sendJson(res, 400, { message: 'Bad Request' });

		const [topic, event] = names;
		const isPrivate =
			new URL(req.url ?? '/', 'http://stand-in').searchParams.get('private') === 'true';
		if (isPrivate && !(await mayWrite(caller, topic))) {
			return sendJson(res, 403, { message: 'Unauthorized' });
		}
		const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
		hub.broadcastTo(topic, isPrivate, { kind: 'user', event, encoding, body: bytes });
		sendEmpty(res, 202);
	}

	/** POST /broadcast: public messages always, private ones per topic the caller may write. */
	async function batch(req: IncomingMessage, res: ServerResponse) {
		const caller = await authenticate(req, tokens);
		if (!caller) return sendJson(res, 401, { message: 'Unauthorized' });
		const body = await readBody(req);
		if (!body) return sendJson(res, 413, { message: 'Payload Too Large' });
		const parsed = parseJson(body);
		if (parsed === undefined) return sendJson(res, 400, { message: 'Bad Request' });
		const messages = (parsed as { messages?: unknown }).messages;
		const errors = validate(messages);
		if (errors) return sendJson(res, 422, { errors });

		const valid = messages as Message[];
		for (const message of valid) if (message.private !== true) send(hub, message, false);
		// A refused topic is skipped without a word; the answer is 202 either way.
		for (const topic of new Set(valid.filter((m) => m.private === true).map((m) => m.topic))) {
			if (!(await mayWrite(caller, topic))) continue;
			for (const message of valid) {
				if (message.private === true && message.topic === topic) send(hub, message, true);
			}
		}
		sendEmpty(res, 202);
	}

	return async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
		const match = SINGLE.exec(path);
		if (req.method === 'POST' && match) return single(req, res, match);
		if (req.method === 'POST' && path === '/broadcast') return batch(req, res);
		sendJson(res, 404, { message: 'Not Found' });
	};
}

/** The verified claims of the bearer token (else the apikey); undefined answers 401. */
async function authenticate(req: IncomingMessage, tokens: Tokens): Promise<Caller | undefined> {
	const token = bearerToken(req);
	const check = token ? await checkToken(tokens, token) : undefined;
	if (!check?.ok) return undefined;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return { claims: check.claims, headers };
}

function send(hub: Hub, message: Message, isPrivate: boolean): void {
	hub.broadcastTo(message.topic, isPrivate, {
		kind: 'json',
		payload: {
			event: message.event,
			...(message.id ? { meta: { id: message.id } } : {}),
			payload: message.payload,
			type: 'broadcast'
		}
	});
}

/** Realtime's changeset errors: {messages: [{field: ["can't be blank"]}, …]}. */
function validate(messages: unknown): Record<string, unknown> | undefined {
	if (!Array.isArray(messages)) return { messages: ["can't be blank"] };
	const errors = messages.map((message: unknown) => {
		const m = (isObject(message) ? message : {}) as Record<string, unknown>;
		const fields: Record<string, string[]> = {};
		const blank = (value: unknown) => value === undefined || value === null || value === '';
		for (const field of ['topic', 'event', 'payload'] as const) {
			if (blank(m[field])) fields[field] = ["can't be blank"];
		}
		if (!blank(m.topic) && typeof m.topic !== 'string') fields.topic = ['is invalid'];
		if (!blank(m.event) && typeof m.event !== 'string') fields.event = ['is invalid'];
		if (!blank(m.payload) && !isObject(m.payload)) fields.payload = ['is invalid'];
		if (!blank(m.private) && typeof m.private !== 'boolean') fields.private = ['is invalid'];
		if (!blank(m.id) && !(typeof m.id === 'string' && UUID.test(m.id))) fields.id = ['is invalid'];
		return fields;
	});
	return errors.some((fields) => Object.keys(fields).length > 0) ? { messages: errors } : undefined;
}

/** As Plug parses JSON: an empty body is {}, and a document that is not an object is {_json: …}. */
function parseJson(body: Buffer): Record<string, unknown> | undefined {
	const text = body.toString('utf8').trim();
	if (!text) return {};
	try {
		const value: unknown = JSON.parse(text);
		return isObject(value) ? value : { _json: value };
	} catch {
		return undefined;
	}
}

function decodeNames(...names: [string, string]): [string, string] | undefined {
	try {
		return [decodeURIComponent(names[0]), decodeURIComponent(names[1])];
	} catch {
		return undefined;
	}
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) return undefined;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}
