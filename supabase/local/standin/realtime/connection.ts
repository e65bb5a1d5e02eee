/**
 * One websocket: decodes frames for its protocol version, answers heartbeats, and routes
 * everything else to its channels, one topic at a time in arrival order (as Phoenix runs each
 * channel in its own process, a slow join never holds up a heartbeat or another channel).
 */
import { WebSocket } from 'ws';
import { Channel, type Services, type Socket } from './channel.ts';
import { decode, encodeReply, type Inbound, type Vsn } from './protocol.ts';

/** Phoenix closes a websocket that has sent nothing for this long; clients heartbeat every 25 s. */
const IDLE_TIMEOUT_MS = 60_000;
const BINARY = { binary: true };
const TEXT = { binary: false };

export class Connection implements Socket {
	readonly vsn: Vsn;
	readonly token: string;
	readonly headers: Record<string, string>;
	readonly channels = new Map<string, Channel>();
	readonly #ws: WebSocket;
	readonly #services: Services;
	readonly #pending = new Map<string, Promise<void>>();
	readonly #idle: NodeJS.Timeout;
	#closed = false;

	constructor(
		ws: WebSocket,
		vsn: Vsn,
		token: string,
		headers: Record<string, string>,
		services: Services,
		onClose: (connection: Connection) => void
	) {
		this.#ws = ws;
		this.vsn = vsn;
		this.token = token;
		this.headers = headers;
		this.#services = services;
		this.#idle = setTimeout(() => ws.terminate(), IDLE_TIMEOUT_MS).unref();
		ws.on('message', (data, isBinary) => this.#receive(data as Buffer, isBinary));
		ws.on('error', () => ws.terminate());
		ws.on('close', () => {
			this.#dropped();
			onClose(this);
		});
	}

	get closed(): boolean {
		return this.#closed;
	}

	send(frame: Buffer | string, binary: boolean): void {
		if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(frame, binary ? BINARY : TEXT);
	}

	run(topic: string, task: () => void | Promise<void>): void {
		const pending = this.#pending.get(topic);
		if (pending) return this.#queue(topic, pending.then(task));
		// Nothing queued: run now, and only queue what follows if the task went asynchronous.
		let result: void | Promise<void>;
		try {
			result = task();
		} catch (error) {
			return fail(error);
		}
		if (result instanceof Promise) this.#queue(topic, result);
	}

	forget(channel: Channel): void {
		if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
	}

	/** Closes the websocket (the stand-in is stopping). */
	terminate(): void {
		this.#ws.terminate();
	}

	#queue(topic: string, work: Promise<void>): void {
		const tail: Promise<void> = work.catch(fail).finally(() => {
			if (this.#pending.get(topic) === tail) this.#pending.delete(topic);
		});
		this.#pending.set(topic, tail);
	}

	#receive(data: Buffer, isBinary: boolean): void {
		this.#idle.refresh();
		// Phoenix drops a socket that sends something it cannot decode; the stand-in just ignores it.
		const message = decode(this.vsn, data, isBinary);
		if (message) this.#route(message);
	}

	#route(message: Inbound): void {
		const { topic, ref } = message;
		if (message.kind === 'message' && message.event === 'phx_join') return this.#join(message);
		if (message.kind === 'message' && topic === 'phoenix' && message.event === 'heartbeat') {
			return this.send(encodeReply(this.vsn, null, ref, 'phoenix', 'ok', {}), false);
		}

		const channel = this.channels.get(topic);
		const joinRef = message.joinRef === '' ? null : message.joinRef;
		if (!channel) {
			// Phoenix answers a leave of an unknown topic with ok, anything else with "unmatched topic".
			const leaving = message.kind === 'message' && message.event === 'phx_leave';
			const reply = leaving
				? encodeReply(this.vsn, joinRef, ref, topic, 'ok', {})
				: encodeReply(this.vsn, joinRef, ref, topic, 'error', { reason: 'unmatched topic' });
			return this.send(reply, false);
		}
		if (message.kind === 'user-broadcast') {
			// A 2.0.0 binary push: the payload bytes travel on untouched (the metadata is not used yet).
			const { event, encoding, body } = message;
			return this.run(topic, () =>
				channel.broadcast({ kind: 'user', event, encoding, body }, ref, body.length)
			);
		}
		this.run(topic, () => channel.handle(message.event, message.payload, ref));
	}

	#join(message: Extract<Inbound, { kind: 'message' }>): void {
		const { topic, joinRef, ref, payload } = message;
		if (!topic.startsWith('realtime:')) {
			return this.send(
				encodeReply(this.vsn, joinRef, ref, topic, 'error', { reason: 'unmatched topic' }),
				false
			);
		}
		// A second join of a joined topic replaces the first, which is told phx_close (as Phoenix does).
		this.channels.get(topic)?.close();
		const channel = new Channel(this, this.#services, topic, joinRef, payload);
		this.channels.set(topic, channel);
		this.run(topic, () => channel.join(ref));
	}

	#dropped(): void {
		this.#closed = true;
		clearTimeout(this.#idle);
		for (const channel of [...this.channels.values()]) channel.teardown();
	}
}

function fail(error: unknown): void {
	console.error('[stand-in realtime]', error);
}
