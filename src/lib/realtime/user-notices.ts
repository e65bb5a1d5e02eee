/**
 * A person's own private topic, user:<id>: the server tells their open pages about their account.
 * "signed_out" (signed out everywhere, or the account was deleted) sends this page to sign-in;
 * "notification" (a claim decided, an invitation) is checked and passed on to the page's hub,
 * which the components showing notifications listen to.
 */
import { realtimeClient } from './client';
import { live } from './hub';
import { payloadOf } from './payload';

/** Subscribes; returns the cleanup for the component's $effect. */
export function watchUserNotices(userId: string): () => void {
	const realtime = realtimeClient();
	const channel = realtime
		.channel(`user:${userId}`, { config: { private: true } })
		.on('broadcast', { event: 'signed_out' }, () => void leave())
		.on('broadcast', { event: 'notification' }, ({ payload }) => {
			const notice = payloadOf(payload, { id: 'uuid', created_at: 'text' });
			if (notice) live.emit('notification', notice);
		});
	let removed = false;
	// With the accessToken option the socket has no token until setAuth() asks for one; joining a
	// private channel before that is refused.
	void realtime.setAuth().then(() => {
		if (!removed) channel.subscribe();
	});
	return () => {
		removed = true;
		void realtime.removeChannel(channel);
	};
}

/**
 * The server refuses the ended session at its next request anyway; dropping the cookies now keeps
 * them from being sent again, and a full load leaves nothing of the page's data behind.
 */
async function leave(): Promise<void> {
	await fetch('/sign-out?/here', {
		method: 'POST',
		body: new FormData(),
		redirect: 'manual'
	}).catch(() => undefined);
	window.location.assign('/sign-in?signedOut');
}
