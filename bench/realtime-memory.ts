/**
 * (d) The stand-in's memory with 1,000 open sockets, each joined to a channel (100 public rooms of
 * 10, half the sockets on protocol 1.0.0 and half on 2.0.0), then one broadcast to every room.
 *
 *   node bench/realtime-memory.ts            (its own database and stand-in; under a minute)
 *
 * The clients are raw `ws` sockets speaking the Phoenix protocol (1,000 supabase-js clients would
 * weigh on this process, not on the stand-in being measured). Memory is the stand-in process's own,
 * after a full garbage collection.
 */
import { WebSocket } from 'ws';
import { PUBLISHABLE_KEY } from '../supabase/local/standin/keys.ts';
import { inBatches, printTable, sleep, startBenchStandIn } from './realtime-harness.ts';

const SOCKETS = 1_000;
const ROOMS = 100;

const deadline = setTimeout(() => {
	console.error('realtime-memory: gave up after 3 minutes');
	process.exit(1);
}, 3 * 60_000);
deadline.unref();

const standIn = await startBenchStandIn();
const sockets: WebSocket[] = [];
try {
	const idle = await standIn.stats();
	const base = `${standIn.url.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${PUBLISHABLE_KEY}`;
	let received = 0;

	const started = performance.now();
	await inBatches(Array.from({ length: SOCKETS }), 50, async (_, i) => {
		const v2 = i % 2 === 1;
		const socket = new WebSocket(`${base}&vsn=${v2 ? '2.0.0' : '1.0.0'}`);
		sockets.push(socket);
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		const topic = `realtime:memory-${i % ROOMS}`;
		const payload = {
			config: {
				broadcast: { ack: false, self: false },
				presence: { key: '', enabled: false },
				private: false
			}
		};
		const joinedReply = new Promise<void>((resolve) => {
			socket.on('message', (data, isBinary) => {
				const text = isBinary ? '' : data.toString();
				if (text.includes('phx_reply')) resolve();
				else received++;
			});
		});
		socket.send(
			JSON.stringify(
				v2
					? ['1', '1', topic, 'phx_join', payload]
					: { topic, event: 'phx_join', payload, ref: '1', join_ref: '1' }
			)
		);
		await joinedReply;
	});
	const connectSeconds = (performance.now() - started) / 1000;
	const open = await standIn.stats();

	// One REST broadcast per room: every socket gets one message.
	const response = await fetch(`${standIn.url}/realtime/v1/api/broadcast`, {
		method: 'POST',
		headers: { apikey: PUBLISHABLE_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({
			messages: Array.from({ length: ROOMS }, (_, room) => ({
				topic: `memory-${room}`,
				event: 'hello',
				payload: { room }
			}))
		})
	});
	if (response.status !== 202) throw new Error(`broadcast answered ${response.status}`);
	for (let waited = 0; received < SOCKETS && waited < 5_000; waited += 20) await sleep(20);
	const after = await standIn.stats();

	const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
	console.log(
		`\n${open.sockets} sockets joined to ${open.channels} channels in ${open.rooms} rooms in ${connectSeconds.toFixed(1)} s; ${received}/${SOCKETS} got the broadcast\n`
	);
	printTable([
		{
			state: 'idle (no sockets)',
			'rss MB': mb(idle.rss),
			'heap MB': mb(idle.heapUsed),
			'per socket KB': '–'
		},
		{
			state: `${SOCKETS} sockets joined`,
			'rss MB': mb(open.rss),
			'heap MB': mb(open.heapUsed),
			'per socket KB': `${((open.rss - idle.rss) / 1024 / SOCKETS).toFixed(1)} rss, ${((open.heapUsed - idle.heapUsed) / 1024 / SOCKETS).toFixed(1)} heap`
		},
		{
			state: 'after one broadcast each',
			'rss MB': mb(after.rss),
			'heap MB': mb(after.heapUsed),
			'per socket KB': '–'
		}
	]);
	console.log('');
} finally {
	for (const socket of sockets) socket.terminate();
	await standIn.stop();
}
