/**
 * A space's and a thread's private topics (space:<id>, thread:<id>): the database tells open pages
 * that a thread has new posts, or that a post changed. What arrives carries numbers and ids only,
 * never text: the page asks the server for what changed, under RLS. Presence says who is reading
 * a thread; client broadcast says who is typing.
 */
import type { RealtimeChannel } from '@supabase/realtime-js';
import { realtimeClient } from './client';
import { payloadOf } from './payload';

const ACTIVITY = { thread_id: 'uuid', last_post_number: 'int' } as const;
const POST = { thread_id: 'uuid', post_id: 'uuid', number: 'int' } as const;
const TYPING = { name: 'text' } as const;

/**
 * Subscribes on a private channel once the socket has a token; returns the channel and the
 * cleanup. With `presenceKey`, presence is on and keyed by it (a person's two tabs count once).
 */
function joinPrivate(
	topic: string,
	wire: (channel: RealtimeChannel) => RealtimeChannel,
	{ presenceKey, onSubscribed }: { presenceKey?: string; onSubscribed?: () => void } = {}
) {
	const realtime = realtimeClient();
	const channel = wire(
		realtime.channel(topic, {
			config: {
				private: true,
				...(presenceKey ? { presence: { key: presenceKey, enabled: true } } : {})
			}
		})
	);
	let removed = false;
	// With the accessToken option the socket has no token until setAuth() asks for one; joining a
	// private channel before that is refused.
	void realtime.setAuth().then(() => {
		if (removed) return;
		channel.subscribe((status) => {
			if (status === 'SUBSCRIBED') onSubscribed?.();
		});
	});
	return {
		channel,
		stop: () => {
			removed = true;
			void realtime.removeChannel(channel);
		}
	};
}

/** A space's threads' activity: each new post's thread and number. */
export function watchSpace(
	spaceId: string,
	onActivity: (activity: { thread_id: string; last_post_number: number }) => void
): () => void {
	return joinPrivate(`space:${spaceId}`, (channel) =>
		channel.on('broadcast', { event: 'activity' }, ({ payload }) => {
			const activity = payloadOf(payload, ACTIVITY);
			if (activity) onActivity(activity);
		})
	).stop;
}

export type ThreadWatch = {
	/** Says to the others reading the thread that this person is typing (at most every few seconds). */
	typing: () => void;
	stop: () => void;
};

/**
 * A thread: new and changed posts, who is reading (presence, keyed by the person's name), and who
 * is typing (client broadcast).
 */
export function watchThread(
	threadId: string,
	me: { id: string; name: string },
	on: {
		post: (number: number) => void;
		changed: (number: number) => void;
		readers: (names: string[]) => void;
		typing: (name: string) => void;
	}
): ThreadWatch {
	let subscribed = false;
	const { channel, stop } = joinPrivate(
		`thread:${threadId}`,
		(channel) =>
			channel
				.on('broadcast', { event: 'post' }, ({ payload }) => {
					const post = payloadOf(payload, POST);
					if (post) on.post(post.number);
				})
				.on('broadcast', { event: 'post_changed' }, ({ payload }) => {
					const post = payloadOf(payload, POST);
					if (post) on.changed(post.number);
				})
				.on('broadcast', { event: 'typing' }, ({ payload }) => {
					const typing = payloadOf(payload, TYPING);
					if (typing && typing.name !== me.name) on.typing(typing.name);
				})
				.on('presence', { event: 'sync' }, () => {
					const state = channel.presenceState<{ name: string }>();
					const names = Object.entries(state)
						.filter(([key]) => key !== me.id)
						.map(([, metas]) => metas[0]?.name)
						.filter((name): name is string => typeof name === 'string');
					on.readers([...new Set(names)]);
				}),
		{
			presenceKey: me.id,
			onSubscribed: () => {
				if (subscribed) return;
				subscribed = true;
				void channel.track({ name: me.name });
			}
		}
	);
	let lastTyping = 0;
	return {
		typing: () => {
			const now = Date.now();
			if (!subscribed || now - lastTyping < 3000) return;
			lastTyping = now;
			void channel.send({ type: 'broadcast', event: 'typing', payload: { name: me.name } });
		},
		stop
	};
}
