/**
 * Presence through the stand-in with the real supabase-js client, over both protocol versions:
 * state for joiners, join and leave diffs (also when a socket drops), several connections per key,
 * updates, and private rooms that need presence write permission to track.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import {
	closeClients,
	createPerson,
	standInTokens,
	createPolicy,
	Inbox,
	joined,
	realtimeClient,
	VERSIONS,
	type ProtocolVersion
} from '../../supabase/local/standin/realtime/testing.ts';

const { url, databaseUrl, dataDir } = inject('standIn');
const tokens = await standInTokens(dataDir);
let sql: Sql;

beforeAll(() => {
	sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(() => sql.end());

type PresenceEvent = {
	event: 'sync' | 'join' | 'leave';
	key?: string;
	newPresences?: Record<string, unknown>[];
	leftPresences?: Record<string, unknown>[];
};

/** A client in `topic` with a presence key, recording sync/join/leave. */
async function present(
	vsn: ProtocolVersion,
	topic: string,
	key: string,
	options: { client?: SupabaseClient; config?: object } = {}
) {
	const client = options.client ?? (await realtimeClient(url, vsn));
	onTestFinished(() => closeClients(client));
	const events = new Inbox<PresenceEvent>();
	const channel = client
		.channel(topic, { config: { presence: { key }, ...options.config } })
		.on('presence', { event: 'sync' }, () => events.push({ event: 'sync' }))
		.on('presence', { event: 'join' }, (e) => events.push(e as PresenceEvent))
		.on('presence', { event: 'leave' }, (e) => events.push(e as PresenceEvent));
	await joined(channel);
	return { client, channel, events };
}

type Device = { device: string; typing?: boolean };

const joinOf = (key: string) => (e: PresenceEvent) => e.event === 'join' && e.key === key;
const leaveOf = (key: string) => (e: PresenceEvent) => e.event === 'leave' && e.key === key;

describe.each(VERSIONS)('presence over protocol %s', (vsn) => {
	it('gives joiners the state and tells everyone of joins and leaves', async () => {
		const topic = `lobby:${randomUUID()}`;
		const alice = await present(vsn, topic, 'alice');
		expect(await alice.channel.track({ name: 'Alice' })).toBe('ok');
		await alice.events.find(joinOf('alice')); // the tracker hears itself too

		const bob = await present(vsn, topic, 'bob');
		await bob.events.find(joinOf('alice')); // from presence_state
		expect(bob.channel.presenceState()).toEqual({
			alice: [{ name: 'Alice', presence_ref: expect.any(String) }]
		});

		await bob.channel.track({ name: 'Bob' });
		expect((await alice.events.find(joinOf('bob'))).newPresences).toEqual([
			{ name: 'Bob', presence_ref: expect.any(String) }
		]);

		expect(await alice.channel.untrack()).toBe('ok');
		expect((await bob.events.find(leaveOf('alice'))).leftPresences).toEqual([
			{ name: 'Alice', presence_ref: expect.any(String) }
		]);
		expect(Object.keys(bob.channel.presenceState())).toEqual(['bob']);
	});

	it('sends leaves when a socket drops or a channel is left', async () => {
		const topic = `lobby:${randomUUID()}`;
		const watcher = await present(vsn, topic, 'watcher');
		const dropping = await present(vsn, topic, 'dropping');
		const leaving = await present(vsn, topic, 'leaving');
		await dropping.channel.track({ status: 'here' });
		await leaving.channel.track({ status: 'here' });
		await watcher.events.find(joinOf('dropping'));
		await watcher.events.find(joinOf('leaving'));

		await dropping.client.realtime.disconnect();
		expect((await watcher.events.find(leaveOf('dropping'))).leftPresences).toEqual([
			{ status: 'here', presence_ref: expect.any(String) }
		]);

		expect(await leaving.client.removeChannel(leaving.channel)).toBe('ok');
		await watcher.events.find(leaveOf('leaving'));
		expect(watcher.channel.presenceState()).toEqual({});
	});

	it('keeps one entry per connection under a shared key, and updates an entry in place', async () => {
		const topic = `lobby:${randomUUID()}`;
		const watcher = await present(vsn, topic, 'watcher');
		const phone = await present(vsn, topic, 'sam');
		const laptop = await present(vsn, topic, 'sam');
		await phone.channel.track({ device: 'phone' });
		await laptop.channel.track({ device: 'laptop' });
		await watcher.events.find(
			(e) => e.event === 'join' && e.newPresences?.[0]?.device === 'laptop'
		);
		expect(
			watcher.channel
				.presenceState<Device>()
				.sam?.map((p) => p.device)
				.sort()
		).toEqual(['laptop', 'phone']);
		const before = watcher.channel.presenceState<Device>().sam!.find((p) => p.device === 'phone')!;

		await phone.channel.track({ device: 'phone', typing: true });
		await watcher.events.find((e) => e.event === 'join' && e.newPresences?.[0]?.typing === true);
		const sam = watcher.channel.presenceState<Device>().sam ?? [];
		expect(sam).toHaveLength(2);
		const after = sam.find((p) => p.device === 'phone')!;
		expect(after.typing).toBe(true);
		expect(after.presence_ref).not.toBe(before.presence_ref);
	});

	it('refuses to track a payload that is not an object', async () => {
		const topic = `lobby:${randomUUID()}`;
		const alice = await present(vsn, topic, 'alice');
		expect(
			await alice.channel.track(['not', 'an', 'object'] as unknown as Record<string, unknown>)
		).toBe('error');
		expect(await alice.channel.track({ fine: true })).toBe('ok');
	});

	it('closes a channel after more than 5 presence calls in 30 seconds, as Realtime does', async () => {
		const client = await realtimeClient(url, vsn);
		onTestFinished(() => closeClients(client));
		const system = new Inbox<{ message: string }>();
		const statuses = new Inbox<string>();
		const channel = client
			.channel(`lobby:${randomUUID()}`, { config: { presence: { key: 'busy' } } })
			.on('system', {}, system.push);
		channel.subscribe((status) => statuses.push(status));
		await statuses.find((status) => status === 'SUBSCRIBED');

		for (let n = 1; n <= 5; n++) expect(await channel.track({ n })).toBe('ok');
		void channel.track({ n: 6 }); // never answered: the channel closes instead
		expect((await system.find()).message).toBe('Client presence rate limit exceeded');
		await statuses.find((status) => status === 'CLOSED');
	});

	it('needs presence write permission to track in a private room', async () => {
		const prefix = `presence-${randomUUID()}`;
		onTestFinished(await createPolicy(sql, 'select', `realtime.topic() like '${prefix}:%'`));
		const writer = await createPerson(sql, tokens);
		onTestFinished(
			await createPolicy(
				sql,
				'insert',
				`realtime.topic() like '${prefix}:%' and realtime.messages.extension = 'presence'
				 and (select auth.uid()) = '${writer.id}'`
			)
		);
		const reader = await createPerson(sql, tokens);
		const topic = `${prefix}:room`;
		const signedIn = async (token: string) =>
			realtimeClient(url, vsn, { accessToken: () => token });

		const config = { private: true };
		const readerSide = await present(vsn, topic, 'reader', {
			client: await signedIn(await reader.token()),
			config
		});
		const writerSide = await present(vsn, topic, 'writer', {
			client: await signedIn(await writer.token()),
			config
		});

		expect(await readerSide.channel.track({ here: true })).toBe('error');
		expect(await writerSide.channel.track({ here: true })).toBe('ok');
		await readerSide.events.find(joinOf('writer'));
		expect(Object.keys(readerSide.channel.presenceState())).toEqual(['writer']);
	});
});
