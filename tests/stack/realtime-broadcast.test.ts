/**
 * Broadcast through the stand-in with the real supabase-js client, over both protocol versions:
 * public rooms (self, ack), REST broadcast and httpSend, and private rooms authorised by RLS
 * policies on realtime.messages.
 */
import { randomUUID } from 'node:crypto';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY } from '../../supabase/local/standin/keys.ts';
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
	type Person
} from '../../supabase/local/standin/realtime/testing.ts';

const { url, databaseUrl, dataDir } = inject('standIn');
const tokens = await standInTokens(dataDir);
let sql: Sql;

beforeAll(() => {
	sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(() => sql.end());

type Received = { type: string; event: string; payload: Record<string, unknown>; meta?: unknown };

/** A client in a public room, collecting what arrives for `event`. */
async function member(vsn: (typeof VERSIONS)[number], topic: string, config = {}, event = 'ping') {
	const client = await realtimeClient(url, vsn);
	onTestFinished(() => closeClients(client));
	const inbox = new Inbox<Received>();
	const channel = await joined(
		client.channel(topic, { config }).on('broadcast', { event }, inbox.push)
	);
	return { client, channel, inbox };
}

describe.each(VERSIONS)('public broadcast over protocol %s', (vsn) => {
	it('reaches the others in the room but not the sender', async () => {
		const topic = `room:${randomUUID()}`;
		const a = await member(vsn, topic);
		const b = await member(vsn, topic);

		expect(await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe(
			'ok'
		);
		expect(await b.inbox.find()).toEqual({ type: 'broadcast', event: 'ping', payload: { n: 1 } });

		// A is listening (it hears B), yet never heard its own message.
		await b.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 2 } });
		await a.inbox.find((m) => m.payload.n === 2);
		expect(a.inbox.items.map((m) => m.payload.n)).toEqual([2]);
	});

	it('echoes to the sender with self and acknowledges with ack', async () => {
		const topic = `room:${randomUUID()}`;
		const a = await member(vsn, topic, { broadcast: { self: true, ack: true } });

		expect(await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 7 } })).toBe(
			'ok'
		);
		expect(await a.inbox.find()).toEqual({ type: 'broadcast', event: 'ping', payload: { n: 7 } });
	});

	it('delivers only matching events, and any event to a * listener', async () => {
		const topic = `room:${randomUUID()}`;
		const a = await member(vsn, topic);
		const all = await member(vsn, topic, {}, '*');
		const pings = await member(vsn, topic, {}, 'ping');

		await a.channel.send({ type: 'broadcast', event: 'pong', payload: { n: 1 } });
		await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 2 } });
		await all.inbox.find((m) => m.event === 'ping');
		await pings.inbox.find();
		expect(all.inbox.items.map((m) => m.event)).toEqual(['pong', 'ping']);
		expect(pings.inbox.items.map((m) => m.event)).toEqual(['ping']);
	});

	it('keeps rooms apart by name and by privacy', async () => {
		const name = `room:${randomUUID()}`;
		const a = await member(vsn, name);
		const other = await member(vsn, `${name}-other`);
		const b = await member(vsn, name);

		await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } });
		await b.inbox.find();
		// A round trip on the other room proves it is live and heard nothing from the first.
		await b.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 2 } });
		await a.inbox.find((m) => m.payload.n === 2);
		expect(other.inbox.items).toEqual([]);
	});

	it('accepts REST broadcasts (202) from the API key or a bearer token', async () => {
		const topic = `room:${randomUUID()}`;
		const a = await member(vsn, topic);
		const id = randomUUID();

		const response = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: PUBLISHABLE_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({
				messages: [
					{ topic, event: 'ping', payload: { n: 1 } },
					{ topic, event: 'ping', payload: { n: 2 }, id }
				]
			})
		});
		expect(response.status).toBe(202);
		expect(await a.inbox.find((m) => m.payload.n === 1)).toEqual({
			type: 'broadcast',
			event: 'ping',
			payload: { n: 1 }
		});
		expect(await a.inbox.find((m) => m.payload.n === 2)).toEqual({
			type: 'broadcast',
			event: 'ping',
			payload: { n: 2 },
			meta: { id }
		});

		const bearer = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: PUBLISHABLE_KEY, authorization: `Bearer ${ANON_KEY}` },
			body: JSON.stringify({ messages: [{ topic, event: 'ping', payload: { n: 3 } }] })
		});
		expect(bearer.status).toBe(202);
		await a.inbox.find((m) => m.payload.n === 3);
	});

	it('answers REST broadcasts without a valid token (401) or with invalid messages (422)', async () => {
		const unauthorised = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: 'not-a-key' },
			body: JSON.stringify({ messages: [{ topic: 'x', event: 'e', payload: {} }] })
		});
		expect(unauthorised.status).toBe(401);
		expect(await unauthorised.json()).toEqual({ message: 'Unauthorized' });

		const invalid = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: PUBLISHABLE_KEY },
			body: JSON.stringify({ messages: [{ topic: 'x', payload: {} }] })
		});
		expect(invalid.status).toBe(422);
		expect(await invalid.json()).toEqual({ errors: { messages: [{ event: ["can't be blank"] }] } });
	});

	it('delivers httpSend, JSON and binary', async () => {
		const topic = `room:${randomUUID()}`;
		const a = await member(vsn, topic, {}, '*');
		const sender = await realtimeClient(url, vsn);
		onTestFinished(() => closeClients(sender));
		const channel = sender.channel(topic);

		expect(await channel.httpSend('ping', { n: 1 })).toEqual({ success: true });
		expect(await a.inbox.find((m) => m.event === 'ping')).toEqual({
			type: 'broadcast',
			event: 'ping',
			payload: { n: 1 }
		});

		expect(await channel.httpSend('bytes', new Uint8Array([1, 2, 3]).buffer)).toEqual({
			success: true
		});
		if (vsn === '2.0.0') {
			const bytes = await a.inbox.find((m) => m.event === 'bytes');
			expect([...new Uint8Array(bytes.payload as unknown as ArrayBuffer)]).toEqual([1, 2, 3]);
		} else {
			// 1.0.0 cannot carry binary payloads: a later JSON message arrives, the bytes never do.
			await channel.httpSend('ping', { n: 2 });
			await a.inbox.find((m) => m.payload.n === 2);
			expect(a.inbox.items.map((m) => m.event)).toEqual(['ping', 'ping']);
		}
	});
});

describe('broadcast across protocol versions', () => {
	it('carries JSON between 1.0.0 and 2.0.0 clients both ways', async () => {
		const topic = `room:${randomUUID()}`;
		const v1 = await member('1.0.0', topic);
		const v2 = await member('2.0.0', topic);

		await v2.channel.send({
			type: 'broadcast',
			event: 'ping',
			payload: { from: 'v2', text: 'héllo 👋' }
		});
		expect(await v1.inbox.find()).toEqual({
			type: 'broadcast',
			event: 'ping',
			payload: { from: 'v2', text: 'héllo 👋' }
		});
		await v1.channel.send({ type: 'broadcast', event: 'ping', payload: { from: 'v1' } });
		expect(await v2.inbox.find()).toEqual({
			type: 'broadcast',
			event: 'ping',
			payload: { from: 'v1' }
		});
	});

	it('sends a binary payload to 2.0.0 clients only', async () => {
		const topic = `room:${randomUUID()}`;
		const v1 = await member('1.0.0', topic);
		const v2 = await member('2.0.0', topic);
		const sender = await member('2.0.0', topic);

		await sender.channel.send({
			type: 'broadcast',
			event: 'ping',
			payload: new Uint8Array([9, 8]).buffer
		});
		const received = await v2.inbox.find();
		expect([...new Uint8Array(received.payload as unknown as ArrayBuffer)]).toEqual([9, 8]);

		await sender.channel.send({ type: 'broadcast', event: 'ping', payload: { after: true } });
		await v1.inbox.find();
		expect(v1.inbox.items).toEqual([
			{ type: 'broadcast', event: 'ping', payload: { after: true } }
		]);
	});
});

describe.each(VERSIONS)('private broadcast over protocol %s', (vsn) => {
	/** A room only its owner may read (and, with `write`, send to): "<prefix>:<user id>". */
	async function privateRoom(options: { write: boolean }) {
		const prefix = `private-${randomUUID()}`;
		const condition = `realtime.topic() = '${prefix}:' || (select auth.uid())::text`;
		onTestFinished(await createPolicy(sql, 'select', condition));
		if (options.write) onTestFinished(await createPolicy(sql, 'insert', condition));
		return prefix;
	}

	async function privateMember(person: Person, topic: string, config = {}) {
		const token = await person.token();
		const client = await realtimeClient(url, vsn, { accessToken: () => token });
		onTestFinished(() => closeClients(client));
		const inbox = new Inbox<Received>();
		const channel = client
			.channel(topic, { config: { private: true, ...config } })
			.on('broadcast', { event: 'ping' }, inbox.push);
		return { client, channel, inbox };
	}

	it('lets in whom the select policy allows, and refuses everyone else', async () => {
		const prefix = await privateRoom({ write: false });
		const owner = await createPerson(sql, tokens);
		const stranger = await createPerson(sql, tokens);
		const topic = `${prefix}:${owner.id}`;

		expect((await subscribe((await privateMember(owner, topic)).channel)).status).toBe(
			'SUBSCRIBED'
		);

		const refused = await subscribe((await privateMember(stranger, topic)).channel);
		expect(refused.status).toBe('CHANNEL_ERROR');
		expect(refused.error?.message).toBe(
			`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`
		);

		const anonymous = await realtimeClient(url, vsn);
		onTestFinished(() => closeClients(anonymous));
		expect((await subscribe(anonymous.channel(topic, { config: { private: true } }))).status).toBe(
			'CHANNEL_ERROR'
		);
	});

	it('delivers sends when the insert policy allows them', async () => {
		const prefix = await privateRoom({ write: true });
		const owner = await createPerson(sql, tokens);
		const topic = `${prefix}:${owner.id}`;
		const a = await privateMember(owner, topic, { broadcast: { ack: true } });
		const b = await privateMember(owner, topic);
		await joined(a.channel);
		await joined(b.channel);

		expect(await a.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe(
			'ok'
		);
		expect(await b.inbox.find()).toEqual({ type: 'broadcast', event: 'ping', payload: { n: 1 } });
	});

	it('drops sends without write permission silently: no delivery and no ack', async () => {
		const prefix = await privateRoom({ write: false });
		const owner = await createPerson(sql, tokens);
		const topic = `${prefix}:${owner.id}`;
		const a = await privateMember(owner, topic, { broadcast: { ack: true } });
		const b = await privateMember(owner, topic);
		await joined(a.channel);
		await joined(b.channel);

		expect(
			await a.channel.send(
				{ type: 'broadcast', event: 'ping', payload: { n: 1 } },
				{ timeout: 1_500 }
			)
		).toBe('timed out');
		// The service may still broadcast there (it bypasses RLS), and only that arrives.
		const response = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: SECRET_KEY },
			body: JSON.stringify({
				messages: [{ topic, event: 'ping', payload: { n: 2 }, private: true }]
			})
		});
		expect(response.status).toBe(202);
		await b.inbox.find((m) => m.payload.n === 2);
		expect(b.inbox.items.map((m) => m.payload.n)).toEqual([2]);
	});

	it('keeps private REST broadcasts to callers who pass the write check', async () => {
		const prefix = await privateRoom({ write: true });
		const owner = await createPerson(sql, tokens);
		const stranger = await createPerson(sql, tokens);
		const topic = `${prefix}:${owner.id}`;
		const a = await privateMember(owner, topic);
		await joined(a.channel);

		const send = async (token: string, n: number) =>
			fetch(`${url}/realtime/v1/api/broadcast`, {
				method: 'POST',
				headers: { apikey: PUBLISHABLE_KEY, authorization: `Bearer ${token}` },
				body: JSON.stringify({
					messages: [{ topic, event: 'ping', payload: { n }, private: true }]
				})
			});
		expect((await send(await stranger.token(), 1)).status).toBe(202); // accepted, yet not sent
		expect((await send(await owner.token(), 2)).status).toBe(202);
		await a.inbox.find((m) => m.payload.n === 2);
		expect(a.inbox.items.map((m) => m.payload.n)).toEqual([2]);

		// httpSend says so when refused.
		const strangerToken = await stranger.token();
		const strangerClient = await realtimeClient(url, vsn, { accessToken: () => strangerToken });
		onTestFinished(() => closeClients(strangerClient));
		await expect(
			strangerClient.channel(topic, { config: { private: true } }).httpSend('ping', { n: 3 })
		).rejects.toThrow('Unauthorized');
	});
});
