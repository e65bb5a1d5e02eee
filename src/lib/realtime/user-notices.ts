/**
 * A person's own private topic, user:<id>: the server tells their open pages about their account.
 * "signed_out" (signed out everywhere, or the account was deleted) sends this page to sign-in;
 * "notification" (a claim decided, an invitation) is passed on as a window event that the pages
 * showing notifications listen to.
 */
import { realtimeClient } from './client';

/** Subscribes; returns the cleanup for the component's $effect. */
export function watchUserNotices(userId: string): () => void {
	const supabase = realtimeClient();
	const channel = supabase
		.channel(`user:${userId}`, { config: { private: true } })
		.on('broadcast', { event: 'signed_out' }, () => void leave())
		.on('broadcast', { event: 'notification' }, ({ payload }) => {
			window.dispatchEvent(new CustomEvent('commons:notification', { detail: payload }));
		});
	let removed = false;
	// With the accessToken option the socket has no token until setAuth() asks for one; joining a
	// private channel before that is refused.
	void supabase.realtime.setAuth().then(() => {
		if (!removed) channel.subscribe();
	});
	return () => {
		removed = true;
		void supabase.removeChannel(channel);
	};
}

/**
 * The access token in this device's cookie stays valid until it expires (the server checks it
 * locally), so drop the cookies now; then a full load, so nothing of the page's data survives.
 */
async function leave(): Promise<void> {
	await fetch('/sign-out?/here', {
		method: 'POST',
		body: new FormData(),
		redirect: 'manual'
	}).catch(() => undefined);
	window.location.assign('/sign-in?signedOut');
}
