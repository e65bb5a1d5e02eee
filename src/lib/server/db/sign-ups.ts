/**
 * Sign-ups with an address that already has an account. Auth (with confirmations on) answers
 * them as if they were new and mails nothing; the page says "check your mail" either way, and the
 * owner is told by the app's own mail, at most a few times a day so that nobody can use the form
 * to flood someone's inbox.
 */
import type { Locale } from '$lib/paraglide/runtime';
import { accountExistsMail } from '../mail/account-exists';
import { asService } from './client';
import * as mailOutbox from './mail-outbox';

/** Mails to one owner about sign-ups with their address: at most 3 in 24 hours. */
export const OWNER_MAILS = { max: 3, windowSeconds: 24 * 60 * 60 } as const;

export type OwnerTold = 'queued' | 'no-account' | 'throttled';

/**
 * If `email` belongs to a confirmed account, queues the mail that tells its owner someone tried to
 * sign up with it (unless they were told often enough today). The caller kicks the sender.
 */
export const tellOwnerIfTaken = (email: string, origin: string): Promise<OwnerTold> =>
	// As the service: whether an address has an account is in auth.users, which no API role may
	// read (the person signing up is a visitor, and must not learn it); the outbox and the rate
	// limits are service-only too.
	asService(async (sql) => {
		const address = email.trim().toLowerCase();
		const [account] = await sql<{ email: string; locale: Locale | null }[]>`
			select u.email, p.locale from auth.users u
			left join public.profiles p on p.id = u.id
			where u.email = ${address} and u.is_sso_user = false and u.email_confirmed_at is not null
		`;
		if (!account) return 'no-account';
		const [limit] = await sql<{ wait: number }[]>`
			select private.hit_rate_limit(${`sign-up:owner-told:${address}`}, ${OWNER_MAILS.max},
			                              ${OWNER_MAILS.windowSeconds}) as wait
		`;
		if (limit!.wait > 0) return 'throttled';
		await mailOutbox.enqueue(sql, [
			accountExistsMail({ origin, recipient: account.email, locale: account.locale })
		]);
		return 'queued';
	});
