/**
 * Mails invitations once they are committed. A person who already has an account gets the app's
 * own mail, queued with the invitation (invitations.invite / importRoster): this only wakes the
 * sender. A person without one gets Auth's admin invite (Supabase Auth's mailer; the stand-in's
 * outbox locally), which makes the account; its link carries our token back to
 * /invitations/<token>.
 */
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { adminAuth } from '../auth/supabase';
import type { SentInvitation } from '../db/invitations';
import { kickMail } from '../mail/sender';

/**
 * `inApp`: Auth found an account after all (made since the invitation was written); that person
 * sees the invitation in the app (a notification and the list on /account/memberships).
 */
export type MailOutcome = { mailed: number; inApp: number; failed: number };

/** A few at a time: a roster of hundreds must not open hundreds of requests at once. */
const CONCURRENCY = 4;

export async function mailInvitations(
	origin: string,
	invitations: Pick<SentInvitation, 'email' | 'name' | 'token' | 'mail'>[]
): Promise<MailOutcome> {
	const queued = invitations.filter((i) => i.mail === 'queued').length;
	const outcome: MailOutcome = { mailed: queued, inApp: 0, failed: 0 };
	if (queued) kickMail();
	const queue = invitations.filter((i) => i.mail === 'auth');
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) {
			const { error } = await adminAuth().inviteUserByEmail(next.email, {
				redirectTo: `${origin}${localizeHref(`/invitations/${next.token}`)}`,
				// The invitation's language is the inviting coordinator's: the new account's too.
				data: { ...(next.name ? { display_name: next.name } : {}), locale: getLocale() }
			});
			if (!error) outcome.mailed += 1;
			else if (error.code === 'email_exists' || error.status === 422) outcome.inApp += 1;
			else {
				outcome.failed += 1;
				console.warn(`invitations: mail not sent (${error.code ?? error.status})`);
			}
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return outcome;
}
