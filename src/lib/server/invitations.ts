/**
 * Sends invitation mails through Auth's admin invite (Supabase Auth's mailer; the stand-in's
 * outbox locally). The link carries our token back to /invitations/<token>. An address that already
 * has an account gets no mail from Auth: that person sees the invitation in the app instead (a
 * notification and the list on /account/memberships).
 */
import { adminAuth } from './auth/supabase';

export type MailOutcome = { mailed: number; inApp: number; failed: number };

/** A few at a time: a roster of hundreds must not open hundreds of requests at once. */
const CONCURRENCY = 4;

export async function mailInvitations(
	origin: string,
	invitations: { email: string; name?: string; token: string }[]
): Promise<MailOutcome> {
	const outcome: MailOutcome = { mailed: 0, inApp: 0, failed: 0 };
	const queue = [...invitations];
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) {
			const { error } = await adminAuth().inviteUserByEmail(next.email, {
				redirectTo: `${origin}/invitations/${next.token}`,
				data: next.name ? { display_name: next.name } : undefined
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
