/**
 * A person's own private topic, user:<id>: the server tells their open pages about their account.
 * "signed_out" (signed out everywhere, or the account was deleted) sends this page to sign-in.
 */
import { realtimeClient } from './client';

/** Subscribes; returns the cleanup for the component's $effect. */
export function watchUserNotices(userId: string): () => void {
	const supabase = realtimeClient();
	const channel = supabase
		.channel(`user:${userId}`, { config: { private: true } })
		.on('broadcast', { event: 'signed_out' }, () => {
			// A full load: nothing of the signed-in page's data should survive sign-out.
			window.location.assign('/sign-in?signedOut');
		})
		.subscribe();
	return () => {
		void supabase.removeChannel(channel);
	};
}
