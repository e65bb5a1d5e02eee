/**
 * Broadcasts that start in the database (realtime.send, realtime.broadcast_changes) reach
 * subscribers after commit, never after a rollback, on the channel whose privacy matches the row.
 */
import { randomUUID } from 'node:crypto';
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
import { only } from '../support/rows';

const { url, databaseUrl, dataDir } = inject('standIn');
const tokens = await standInTokens(dataDir);
let sql: Sql;

beforeAll(() => {
	sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(() => sql.end());

type Received = {
	type: string;
	event: string;
	payload: Record<string, unknown>;
	meta?: { id: string };
};

/** A private room "<prefix>:<their id>" only one person may read, and that person's token. */
async function privateRoom() {
	const prefix = `db-${randomUUID()}`;
	const condition = `realtime.topic() = '${prefix}:' || (select auth.uid())::text`;
	onTestFinished(await createPolicy(sql, 'select', condition));
	const person = await createPerson(sql, tokens);
	return { topic: `${prefix}:${person.id}`, token: await person.token() };
}

/** Its person, subscribed (with extra broadcast config, e.g. replay). */
async function subscribe(
	vsn: ProtocolVersion,
	{ topic, token }: { topic: string; token: string },
	broadcast = {}
) {
	const client = await realtimeClient(url, vsn, { accessToken: () => token });
	onTestFinished(() => closeClients(client));
	const inbox = new Inbox<Received>();
	const system = new Inbox<{ extension: string; status: string; message: string }>();
	const channel = client
		.channel(topic, { config: { private: true, broadcast } })
		.on('broadcast', { event: '*' }, inbox.push)
		.on('system', {}, system.push);
	await joined(channel);
	return { inbox, system };
}

/** A subscriber of a fresh private room. */
async function privateSubscriber(vsn: ProtocolVersion) {
	const room = await privateRoom();
	return { topic: room.topic, inbox: (await subscribe(vsn, room)).inbox };
}

async function publicSubscriber(vsn: ProtocolVersion, topic: string) {
	const client = await realtimeClient(url, vsn);
	onTestFinished(() => closeClients(client));
	const inbox = new Inbox<Received>();
	await joined(client.channel(topic).on('broadcast', { event: '*' }, inbox.push));
	return inbox;
}

describe.each(VERSIONS)('database broadcasts over protocol %s', (vsn) => {
	it('delivers realtime.send from a committed transaction, with the message id', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);

		await sql`select realtime.send(${sql.json({ text: 'hello' })}, 'note', ${topic})`;

		const message = await inbox.find();
		expect(message).toEqual({
			type: 'broadcast',
			event: 'note',
			payload: { text: 'hello', id: expect.any(String) },
			meta: { id: message.payload.id }
		});
	});

	it('never delivers realtime.send from a rolled-back transaction', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);

		await sql
			.begin(async (tx) => {
				await tx`select realtime.send(${sql.json({ n: 1 })}, 'note', ${topic})`;
				throw new Error('roll back');
			})
			.catch(() => {});
		// Delivery is in commit order: once the next message is here, the first would have been too.
		await sql`select realtime.send(${sql.json({ n: 2 })}, 'note', ${topic})`;

		await inbox.find((m) => m.payload.n === 2);
		expect(inbox.items.map((m) => m.payload.n)).toEqual([2]);
	});

	it('delivers only after commit, in commit order', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);
		const connection = await sql.reserve();
		onTestFinished(async () => {
			await connection`rollback`.catch(() => {}); // only if the test failed before commit
			connection.release();
		});

		await connection`begin`;
		await connection`select realtime.send(${sql.json({ n: 1 })}, 'note', ${topic})`;
		await sql`select realtime.send(${sql.json({ n: 2 })}, 'note', ${topic})`;
		await inbox.find((m) => m.payload.n === 2);
		expect(inbox.items.map((m) => m.payload.n)).toEqual([2]);

		await connection`commit`;
		await inbox.find((m) => m.payload.n === 1);
		expect(inbox.items.map((m) => m.payload.n)).toEqual([2, 1]);
	});

	it('sends public messages to the public room and private ones to the private room', async () => {
		const { topic, inbox: privateInbox } = await privateSubscriber(vsn);
		const publicInbox = await publicSubscriber(vsn, topic);

		await sql`select realtime.send(${sql.json({ to: 'public' })}, 'note', ${topic}, false)`;
		await sql`select realtime.send(${sql.json({ to: 'private' })}, 'note', ${topic})`;

		await publicInbox.find();
		await privateInbox.find();
		expect(publicInbox.items.map((m) => m.payload.to)).toEqual(['public']);
		expect(privateInbox.items.map((m) => m.payload.to)).toEqual(['private']);
	});

	it('delivers rows too large for NOTIFY', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);
		const text = 'x'.repeat(20_000);

		await sql`select realtime.send(${sql.json({ text })}, 'big', ${topic})`;

		expect((await inbox.find()).payload.text).toBe(text);
	});

	it('delivers realtime.broadcast_changes from a row trigger', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);
		const table = `realtime_test_${randomUUID().replaceAll('-', '')}`;
		await sql.unsafe(`
			create table public.${table} (id int primary key, note text not null);
			create function public.${table}_changes() returns trigger language plpgsql as $$
			begin
				perform realtime.broadcast_changes('${topic}', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
				return null;
			end $$;
			create trigger ${table}_changes after insert or update or delete on public.${table}
				for each row execute function public.${table}_changes();
		`);
		onTestFinished(async () => {
			await sql.unsafe(`drop table public.${table}; drop function public.${table}_changes();`);
		});

		await sql.unsafe(`insert into public.${table} values (1, 'first')`);
		await sql.unsafe(`update public.${table} set note = 'second' where id = 1`);
		await sql.unsafe(`delete from public.${table} where id = 1`);

		const deleted = await inbox.find((m) => m.event === 'DELETE');
		expect(inbox.items.map((m) => m.event)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
		const [inserted, updated] = inbox.items;
		expect(inserted?.payload).toEqual({
			id: expect.any(String),
			operation: 'INSERT',
			schema: 'public',
			table,
			record: { id: 1, note: 'first' },
			old_record: null
		});
		expect(updated?.payload).toMatchObject({
			operation: 'UPDATE',
			record: { id: 1, note: 'second' },
			old_record: { id: 1, note: 'first' }
		});
		expect(deleted.payload).toMatchObject({
			operation: 'DELETE',
			record: null,
			old_record: { id: 1, note: 'second' }
		});
		expect(deleted.meta).toEqual({ id: deleted.payload.id });
	});

	it('delivers realtime.send_binary to 2.0.0 clients only', async () => {
		const { topic, inbox } = await privateSubscriber(vsn);

		await sql`select realtime.send_binary(${Buffer.from([1, 2, 255])}, 'bytes', ${topic})`;
		await sql`select realtime.send(${sql.json({ after: true })}, 'note', ${topic})`;

		await inbox.find((m) => m.event === 'note');
		if (vsn === '2.0.0') {
			const bytes = only(inbox.items, 'the binary message');
			expect(bytes.event).toBe('bytes');
			expect([...new Uint8Array(bytes.payload as unknown as ArrayBuffer)]).toEqual([1, 2, 255]);
		} else expect(inbox.items.map((m) => m.event)).toEqual(['note']);
	});

	it('replays the latest stored messages at join, then delivers live ones', async () => {
		const room = await privateRoom();
		const since = Date.now() - 60_000;
		for (const n of [1, 2, 3]) {
			await sql`select realtime.send(${sql.json({ n })}, 'note', ${room.topic})`;
		}

		const { inbox } = await subscribe(vsn, room, { replay: { since, limit: 2 } });
		await inbox.find((m) => m.payload.n === 3);
		expect(inbox.items.map((m) => [m.payload.n, m.meta])).toEqual([
			[2, { id: expect.any(String), replayed: true }],
			[3, { id: expect.any(String), replayed: true }]
		]);

		await sql`select realtime.send(${sql.json({ n: 4 })}, 'note', ${room.topic})`;
		const live = await inbox.find((m) => m.payload.n === 4);
		expect(live.meta).toEqual({ id: live.payload.id });
	});

	it('says when database broadcasts can flow, if asked (replication_ready)', async () => {
		const { system } = await subscribe(vsn, await privateRoom(), { replication_ready: true });
		expect(await system.find()).toMatchObject({
			extension: 'system',
			status: 'ok',
			message: 'Replication connection established'
		});
	});
});
