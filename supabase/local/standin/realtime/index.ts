/**
 * Supabase Realtime for the stand-in: Phoenix channels over websockets (protocol 1.0.0 and 2.0.0)
 * with broadcast, presence and private channels authorised by RLS on realtime.messages, REST
 * broadcast, and delivery of database-originated broadcasts after commit. postgres_changes is
 * not provided: the app uses private broadcast channels fed by triggers instead.
 *
 *   protocol.ts       frames per protocol version          hub.ts        rooms, fan-out, presence
 *   connection.ts     one websocket                         channel.ts    one joined channel
 *   authorization.ts  RLS probes on realtime.messages       jwt.ts        Realtime's token rules
 *   database.ts       NOTIFY feed of committed messages     rest.ts       REST broadcast
 *   join.ts           the join payload                      replay.ts     broadcast replay at join
 *   testing.ts        support for tests and benchmarks (never loaded by the stand-in)
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { keyToToken } from '../gateway.ts';
import type { StandInContext } from '../server.ts';
import { Authorizer } from './authorization.ts';
import { Connection } from './connection.ts';
import { MessageFeed } from './database.ts';
import { Hub } from './hub.ts';
import { checkToken, connectError } from './jwt.ts';
import { parseVsn } from './protocol.ts';
import { createRest } from './rest.ts';

export type Realtime = {
	/** Handles a request whose path is below /realtime/v1/api (e.g. "/broadcast"). */
	handleHttp: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
	/** Takes over an upgrade request for /realtime/v1/websocket. */
	handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
	close: () => Promise<void>;
	/** Counters for tests and benchmarks. */
	stats: () => RealtimeStats;
};

export type RealtimeStats = {
	sockets: number;
	channels: number;
	rooms: number;
	/** Broadcast frames written to sockets. */
	deliveries: number;
	/** Authorisation transactions (RLS probes) and the statements they ran. */
	authChecks: number;
	authStatements: number;
	/** Messages announced by the database, rows fetched because they were too large for NOTIFY. */
	databaseMessages: number;
	databaseFetches: number;
};

/** Phoenix's max_frame_size for Realtime's socket. */
const MAX_FRAME_BYTES = 5_000_000;

export async function createRealtime(context: StandInContext): Promise<Realtime> {
	const hub = new Hub();
	const authorizer = new Authorizer(context.sql);
	const services = { hub, authorizer, sql: context.sql, tokens: context.tokens };
	const feed = new MessageFeed(context.databaseUrl, context.sql, hub);
	await feed.start();
	const connections = new Set<Connection>();
	const server = new WebSocketServer({
		noServer: true,
		clientTracking: false,
		// Realtime (Cowboy) does not compress frames either.
		perMessageDeflate: false,
		maxPayload: MAX_FRAME_BYTES
	});

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		// The client may go away while the token is checked; that must not crash the stand-in.
		socket.on('error', () => socket.destroy());
		const query = new URL(req.url ?? '/', 'http://stand-in').searchParams;
		const vsn = parseVsn(query.get('vsn'));
		if (vsn === undefined) return refuse(socket, 403);
		const header = req.headers['x-api-key'];
		const apikey = typeof header === 'string' ? header : query.get('apikey');
		if (!apikey) return refuse(socket, 401, { error: 'API key is missing' });
		const token = keyToToken(apikey);
		const check = await checkToken(context.tokens, token);
		if (!check.ok) return refuse(socket, 401, { error: connectError(check) });
		if (socket.destroyed) return;

		server.handleUpgrade(req, socket, head, (ws) => {
			const connection = new Connection(ws, vsn, token, xHeaders(req), services, (closed) =>
				connections.delete(closed)
			);
			connections.add(connection);
		});
	}

	return {
		handleHttp: createRest(services),
		handleUpgrade: (req, socket, head) => {
			upgrade(req, socket, head).catch((error: unknown) => {
				console.error('[stand-in realtime]', error);
				socket.destroy();
			});
		},
		close: async () => {
			for (const connection of connections) connection.terminate();
			await feed.close();
		},
		stats: () => ({
			sockets: connections.size,
			channels: [...connections].reduce((sum, c) => sum + c.channels.size, 0),
			rooms: hub.rooms,
			deliveries: hub.counters.deliveries,
			authChecks: authorizer.counters.checks,
			authStatements: authorizer.counters.statements,
			databaseMessages: feed.counters.messages,
			databaseFetches: feed.counters.fetches
		})
	};
}

/** Answers a refused handshake the way Realtime does: an HTTP status with a JSON {error}. */
function refuse(socket: Duplex, status: number, body?: unknown): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
			(text ? 'Content-Type: application/json\r\n' : '') +
			`Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`
	);
}

/** Realtime keeps only the x- headers of the upgrade request (its policies see them). */
function xHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (name.startsWith('x-') && value !== undefined) {
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
	}
	return headers;
}
