/**
 * Realtime fan-out through the stand-in, to 200 real supabase-js clients (half on protocol 1.0.0,
 * half on 2.0.0) on one private channel:
 *
 *   (a) database → clients: latency from the COMMIT of a row whose trigger calls
 *       realtime.broadcast_changes to its receipt by each of the 200 clients
 *   (b) client → clients: one client's channel.send to receipt by the 199 others
 *   (c) database statements spent on authorisation per delivered message (stand-in counters)
 *
 *   node bench/realtime-fanout.ts            (its own database and stand-in; about a minute)
 *
 * Latency is measured in this process: from just before COMMIT (or send) to the client's
 * callback, so it includes commit, NOTIFY, the stand-in, the socket and supabase-js decoding.
 */
import postgres from 'postgres';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import {
	closeClients,
	createPerson,
	standInTokens,
	createPolicy,
	joined,
	realtimeClient,
	type ProtocolVersion
} from '../supabase/local/standin/realtime/testing.ts';
import {
	inBatches,
	printTable,
	sleep,
	startBenchStandIn,
	summarise,
	type ServerStats
} from './realtime-harness.ts';

const CLIENTS = 200;
const MESSAGES = 200;
const INTERVAL_MS = 20;
const DRAIN_MS = 10_000;

// A hard stop, whatever happens: the benchmark must never hang.
const deadline = setTimeout(() => {
	console.error('realtime-fanout: gave up after 5 minutes');
	process.exit(1);
}, 5 * 60_000);
deadline.unref();

const standIn = await startBenchStandIn();
const sql = postgres(standIn.databaseUrl, { max: 2, onnotice: () => {} });
const signer = await standInTokens(standIn.dataDir);
const clients: SupabaseClient[] = [];
try {
	// Setup, as the service: who may read and write the bench rooms, and the table whose trigger broadcasts.
	await createPolicy(sql, 'select', `realtime.topic() in ('bench:changes', 'bench:chat')`);
	await createPolicy(sql, 'insert', `realtime.topic() = 'bench:chat'`);
	await sql.unsafe(`
		create table public.bench_items (id int primary key, note text not null);
		create function public.bench_items_changes() returns trigger language plpgsql as $$
		begin
			perform realtime.broadcast_changes('bench:changes', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
			return null;
		end $$;
		create trigger bench_items_changes after insert on public.bench_items
			for each row execute function public.bench_items_changes();
	`);

	const people = await inBatches(Array.from({ length: CLIENTS }), 10, () =>
		createPerson(sql, signer, 'Bench')
	);
	const tokens = await Promise.all(people.map((person) => person.token()));
	const received = {
		changes: Array.from({ length: CLIENTS }, () => new Map<number, number>()),
		chat: Array.from({ length: CLIENTS }, () => new Map<number, number>())
	};

	const baseline = await standIn.stats();
	const started = performance.now();
	const channels = await inBatches(tokens, 20, async (token, i) => {
		const vsn: ProtocolVersion = i % 2 === 0 ? '1.0.0' : '2.0.0';
		const client = await realtimeClient(standIn.url, vsn, { accessToken: () => token });
		clients.push(client);
		const config = { private: true };
		const changes = client
			.channel('bench:changes', { config })
			.on('broadcast', { event: 'INSERT' }, ({ payload }) =>
				received.changes[i]!.set(payload.record.id, performance.now())
			);
		const chat = client
			.channel('bench:chat', { config })
			.on('broadcast', { event: 'chat' }, ({ payload }) =>
				received.chat[i]!.set(payload.seq, performance.now())
			);
		await joined(changes, 30_000);
		await joined(chat, 30_000);
		return { changes, chat };
	});
	const joinSeconds = (performance.now() - started) / 1000;
	const afterJoins = await standIn.stats();

	// (a) Commits of rows whose trigger broadcasts.
	const committedAt = new Map<number, number>();
	const connection = await sql.reserve();
	for (let id = 0; id < MESSAGES; id++) {
		await connection`begin`;
		await connection`insert into public.bench_items (id, note) values (${id}, 'bench')`;
		committedAt.set(id, performance.now());
		await connection`commit`;
		await sleep(INTERVAL_MS);
	}
	connection.release();
	await drained(received.changes, MESSAGES);
	const afterChanges = await standIn.stats();

	// (b) One client sends; the 199 others receive. Its first send runs the (cached) write check.
	const sender: RealtimeChannel = channels[1]!.chat;
	const sentAt = new Map<number, number>();
	for (let seq = 0; seq < MESSAGES; seq++) {
		sentAt.set(seq, performance.now());
		await sender.send({ type: 'broadcast', event: 'chat', payload: { seq } });
		await sleep(INTERVAL_MS);
	}
	const receivers = received.chat.filter((_, i) => i !== 1);
	await drained(receivers, MESSAGES);
	const afterChat = await standIn.stats();

	const a = summarise(latencies(received.changes, committedAt), CLIENTS * MESSAGES);
	const b = summarise(latencies(receivers, sentAt), (CLIENTS - 1) * MESSAGES);
	console.log(
		`\n${CLIENTS} supabase-js clients (half 1.0.0, half 2.0.0), ${MESSAGES} messages each way, ` +
			`one every ${INTERVAL_MS} ms; ${CLIENTS * 2} private joins took ${joinSeconds.toFixed(1)} s\n`
	);
	printTable([
		{ path: '(a) commit → client', ...a },
		{ path: '(b) client → clients', ...b }
	]);

	// (c) The stand-in counts every statement its RLS probes run; delivery itself runs none.
	const phases: [string, ServerStats, ServerStats][] = [
		[`${CLIENTS * 2} private joins`, baseline, afterJoins],
		['(a) delivery', afterJoins, afterChanges],
		["(b) delivery, with the sender's write check", afterChanges, afterChat],
		['whole run', baseline, afterChat]
	];
	console.log('\n(c) authorisation queries per delivered message\n');
	printTable(
		phases.map(([phase, from, to]) => {
			const deliveries = to.deliveries - from.deliveries;
			const probes = to.authChecks - from.authChecks;
			const statements = to.authStatements - from.authStatements;
			const per = (n: number) => (deliveries ? (n / deliveries).toFixed(4) : '–');
			return {
				phase,
				deliveries,
				'probe transactions': probes,
				statements,
				'transactions/delivery': per(probes),
				'statements/delivery': per(statements)
			};
		})
	);
	console.log(
		`\nthe database announced ${afterChat.databaseMessages} messages (${afterChat.databaseFetches} fetched back as too large)\n`
	);
} finally {
	await closeClients(...clients);
	await sql.end({ timeout: 5 });
	await standIn.stop();
}

/** Waits until every inbox holds `count` messages, or DRAIN_MS pass without progress. */
async function drained(inboxes: Map<number, number>[], count: number): Promise<void> {
	let last = -1;
	let since = performance.now();
	for (;;) {
		const total = inboxes.reduce((sum, inbox) => sum + inbox.size, 0);
		if (total === inboxes.length * count) return;
		if (total !== last) [last, since] = [total, performance.now()];
		if (performance.now() - since > DRAIN_MS) return;
		await sleep(20);
	}
}

function latencies(inboxes: Map<number, number>[], sentAt: Map<number, number>): number[] {
	return inboxes.flatMap((inbox) => [...inbox].map(([id, at]) => at - sentAt.get(id)!));
}
