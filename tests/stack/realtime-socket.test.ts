/**
 * The socket and channel lifecycle with the real supabase-js client, over both protocol versions:
 * heartbeat, refused handshakes, the postgres_changes notice, and tokens — expired at join,
 * refreshed with setAuth, replaced by one without permission, and expiring on an open channel.
 */
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel } from '@supabase/supabase-js';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { PUBLISHABLE_KEY } from '../../supabase/local/standin/keys.ts';
import {
	closeClients,
	createPerson,
	standInTokens,
	createPolicy,
	Inbox,
	joined,
	realtimeClient,
	subscribe,
	VERSIONS,
	within,
	type Person
} from '../../supabase/local/standin/realtime/testing.ts';

const { url, databaseUrl, dataDir } = inject('standIn');
const tokens = await standInTokens(dataDir);
let sql: Sql;

beforeAll(() => {
	sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(() => sql.end());

type System = { extension: string; status: string; message: string; channel: string };

/** The websocket handshake's answer for a query string: an HTTP status and JSON body, or 101. */
function handshake(query: string): Promise<{ status: number; body: unknown }> {
	const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/realtime/v1/websocket?${query}`);
	return within(
		new Promise((resolve) => {
			socket.on('open', () => {
				socket.close();
				resolve({ status: 101, body: undefined });
			});
			socket.on('error', () => {});
			socket.on('unexpected-response', (_, response) => {
				let text = '';
				response.on('data', (chunk: Buffer) => (text += chunk.toString()));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, body: text && JSON.parse(text) })
				);
			});
		}),
		5_000,
		'for the websocket handshake'
	);
}

describe('the websocket handshake', () => {
	it('refuses a missing or invalid API key with 401, as Realtime does', async () => {
		expect(await handshake('vsn=2.0.0')).toEqual({
			status: 401,
			body: { error: 'API key is missing' }
		});
		expect(await handshake('apikey=nonsense&vsn=2.0.0')).toEqual({
			status: 401,
			body: { error: 'The token provided is not a valid JWT' }
		});
	});

	it('accepts 1.0.0 (also when no vsn is given) and 2.0.0, and refuses other versions', async () => {
		expect((await handshake(`apikey=${PUBLISHABLE_KEY}&vsn=1.0.0`)).status).toBe(101);
		expect((await handshake(`apikey=${PUBLISHABLE_KEY}`)).status).toBe(101);
		expect((await handshake(`apikey=${PUBLISHABLE_KEY}&vsn=2.0.0`)).status).toBe(101);
		expect((await handshake(`apikey=${PUBLISHABLE_KEY}&vsn=3.0.0`)).status).toBe(403);
	});
});

describe.each(VERSIONS)('the socket and channels over protocol %s', (vsn) => {
	/** A private room only its owner may read: "<prefix>:<user id>". */
	async function privateRoom(owner: Person) {
		const prefix = `auth-${randomUUID()}`;
		onTestFinished(
			await createPolicy(
				sql,
				'select',
				`realtime.topic() = '${prefix}:' || (select auth.uid())::text`
			)
		);
		return `${prefix}:${owner.id}`;
	}

	/** A signed-in client whose token the test can change, and a private channel it has not joined. */
	async function signedIn(topic: string, token: string) {
		let current = token;
		const client = await realtimeClient(url, vsn, { accessToken: () => current });
		onTestFinished(() => closeClients(client));
		const messages = new Inbox<{ payload: Record<string, unknown> }>();
		const system = new Inbox<System>();
		const statuses = new Inbox<string>();
		const channel = client
			.channel(topic, { config: { private: true } })
			.on('broadcast', { event: '*' }, messages.push)
			.on('system', {}, system.push);
		const setToken = async (next: string) => {
			current = next;
			await client.realtime.setAuth(next);
		};
		return { client, channel, messages, system, statuses, setToken };
	}

	/** Subscribes, recording every status the channel goes through. */
	async function subscribeRecording(channel: RealtimeChannel, statuses: Inbox<string>) {
		channel.subscribe((status) => statuses.push(status));
		expect(await statuses.find()).toBe('SUBSCRIBED');
	}

	it('answers heartbeats', async () => {
		const heartbeats = new Inbox<string>();
		const client = await realtimeClient(url, vsn, { heartbeat: heartbeats.push });
		onTestFinished(() => closeClients(client));
		await joined(client.channel(`room:${randomUUID()}`));

		await client.realtime.sendHeartbeat();
		expect(await heartbeats.find((status) => status === 'ok')).toBe('ok');
	});

	it('joins a channel that asks for postgres_changes, with a system error saying why it gets none', async () => {
		const client = await realtimeClient(url, vsn);
		onTestFinished(() => closeClients(client));
		const system = new Inbox<System>();
		const messages = new Inbox<unknown>();
		const topic = `room:${randomUUID()}`;
		const channel = client
			.channel(topic, { config: { broadcast: { self: true } } })
			.on('postgres_changes', { event: '*', schema: 'public', table: 'profiles' }, () => {})
			.on('system', {}, system.push)
			.on('broadcast', { event: 'ping' }, messages.push);

		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
		expect(await system.find()).toEqual({
			extension: 'postgres_changes',
			status: 'error',
			message: expect.stringMatching(/postgres_changes is not provided by the local stand-in/),
			channel: topic
		});
		// Everything else on the channel works.
		await channel.send({ type: 'broadcast', event: 'ping', payload: {} });
		await messages.find();
	});

	it('refuses a join with an expired token', async () => {
		const owner = await createPerson(sql, tokens);
		const topic = await privateRoom(owner);
		const expired = await owner.token({ exp: Math.floor(Date.now() / 1000) - 30 });
		const { channel } = await signedIn(topic, expired);

		const result = await subscribe(channel);
		expect(result.status).toBe('CHANNEL_ERROR');
		expect(result.error?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);
	});

	it('keeps a private channel joined across a token refresh, past the old token’s expiry', async () => {
		const owner = await createPerson(sql, tokens);
		const topic = await privateRoom(owner);
		const exp = Math.floor(Date.now() / 1000) + 2;
		const room = await signedIn(topic, await owner.token({ exp }));
		await subscribeRecording(room.channel, room.statuses);

		await room.setToken(await owner.token());
		// Nothing to await here: the old token must pass its expiry without the channel closing.
		await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 1_500));
		await sql`select realtime.send(${sql.json({ still: 'here' })}, 'note', ${topic})`;
		expect((await room.messages.find()).payload.still).toBe('here');
		expect(room.system.items).toEqual([]);
		expect(room.statuses.items).toEqual(['SUBSCRIBED']);
	});

	it('closes a private channel when the new token may not read it', async () => {
		const owner = await createPerson(sql, tokens);
		const stranger = await createPerson(sql, tokens);
		const topic = await privateRoom(owner);
		const room = await signedIn(topic, await owner.token());
		await subscribeRecording(room.channel, room.statuses);

		await room.setToken(await stranger.token());
		expect(await room.system.find()).toEqual({
			extension: 'system',
			status: 'error',
			message: `You do not have permissions to read from this Channel topic: ${topic}`,
			channel: topic
		});
		expect(await room.statuses.find((status) => status === 'CLOSED')).toBe('CLOSED');
	});

	it('closes a channel whose new token is invalid', async () => {
		const owner = await createPerson(sql, tokens);
		const topic = await privateRoom(owner);
		const room = await signedIn(topic, await owner.token());
		await subscribeRecording(room.channel, room.statuses);

		await room.setToken('not.a.jwt');
		expect((await room.system.find()).message).toBe('The token provided is not a valid JWT');
		await room.statuses.find((status) => status === 'CLOSED');
	});

	it('closes a channel when its token expires', async () => {
		const owner = await createPerson(sql, tokens);
		const topic = await privateRoom(owner);
		const room = await signedIn(
			topic,
			await owner.token({ exp: Math.floor(Date.now() / 1000) + 2 })
		);
		await subscribeRecording(room.channel, room.statuses);

		expect((await room.system.find(() => true, 6_000)).message).toMatch(
			/^Token has expired \d+ seconds ago$/
		);
		await room.statuses.find((status) => status === 'CLOSED');
	});
});
