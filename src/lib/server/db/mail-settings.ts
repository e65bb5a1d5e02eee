/**
 * How often a person is mailed about each family of notices (public.mail_settings): each reads
 * and writes their own under RLS. The one-click unsubscribe, which comes without a session,
 * turns a family off as the service on the strength of a signed token (mail/unsubscribe.ts).
 */
import { DEFAULT_MAIL_SETTINGS, type Family, type MailSettings } from '$lib/schemas/mail-settings';
import { asService, withUser, type Claims } from './client';

/** The person's settings (the defaults when they never chose). */
export const get = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<MailSettings[]>`
			select mentions, watching, coordination from public.mail_settings
			where profile_id = ${user.sub}
		`;
		return row ?? DEFAULT_MAIL_SETTINGS;
	});

/** Saves the person's settings. */
export const save = (user: Claims, chosen: MailSettings) =>
	withUser(
		user,
		(sql) => sql`
			insert into public.mail_settings (profile_id, mentions, watching, coordination)
			values (${user.sub}, ${chosen.mentions}, ${chosen.watching}, ${chosen.coordination})
			on conflict (profile_id) do update
			set mentions = excluded.mentions, watching = excluded.watching,
			    coordination = excluded.coordination, updated_at = now()
		`
	);

/** Turns one family off for a person; false when there is no such person. */
export const turnOff = (person: string, family: Family) =>
	// As the service: the one-click unsubscribe comes without a session; its signed token
	// (verified by the caller) is the authority, and it can only turn a family off.
	asService(async (sql) => {
		const [exists] = await sql`select 1 from public.profiles where id = ${person}`;
		if (!exists) return false;
		const off = { ...DEFAULT_MAIL_SETTINGS, [family]: 'off' };
		await sql`
			insert into public.mail_settings (profile_id, mentions, watching, coordination)
			values (${person}, ${off.mentions}, ${off.watching}, ${off.coordination})
			on conflict (profile_id) do update set ${sql(family)} = 'off', updated_at = now()
		`;
		return true;
	});
