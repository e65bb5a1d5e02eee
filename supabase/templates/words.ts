/**
 * The words of Supabase Auth's mails in each of the site's languages, from the message catalogue
 * (messages/mail): the templates of this folder are generated from them (generate.ts, `npm run
 * mail:templates`), and the local stand-in writes its mails with them, so both say the same.
 * A person's language is their account's metadata (`locale`, set at sign-up and by the language
 * switcher); a mail without one is in English.
 */
import { m } from '../../src/lib/paraglide/messages.js';
import { baseLocale, isLocale, type Locale } from '../../src/lib/paraglide/runtime.js';
import type { AuthMailKind } from '../local/standin/outbox.ts';

export type AuthMailWords = {
	subject: string;
	hello: string;
	lead: string;
	/** The link's words (no link in a reauthentication mail). */
	action?: string;
	/** "Or enter this code: …" with `code` in place of the code. */
	orCode: (code: string) => string;
	/** How long the link and code work, and what to do if it was not you. */
	validity: string;
};

/** The locale of an account's metadata, or English. */
export const mailLocale = (metadata: Record<string, unknown> | null | undefined): Locale => {
	const locale = metadata?.locale;
	return typeof locale === 'string' && isLocale(locale) ? locale : baseLocale;
};

export function authMailWords(
	kind: AuthMailKind,
	locale: Locale,
	{ minutes, newEmail }: { minutes: number; newEmail: string }
): AuthMailWords {
	const o = { locale };
	const words = {
		confirmation: [
			m.mail_confirmation_subject,
			m.mail_confirmation_lead,
			m.mail_confirmation_action,
			m.mail_confirmation_ignore
		],
		invite: [m.mail_invite_subject, m.mail_invite_lead, m.mail_invite_action, m.mail_invite_ignore],
		magic_link: [
			m.mail_magic_link_subject,
			m.mail_magic_link_lead,
			m.mail_magic_link_action,
			m.mail_magic_link_ignore
		],
		recovery: [
			m.mail_recovery_subject,
			m.mail_recovery_lead,
			m.mail_recovery_action,
			m.mail_recovery_ignore
		],
		email_change_current: [
			m.mail_email_change_subject,
			() => m.mail_email_change_lead({ address: newEmail }, o),
			m.mail_email_change_action,
			m.mail_email_change_ignore
		],
		email_change_new: [
			m.mail_email_change_new_subject,
			m.mail_email_change_new_lead,
			m.mail_email_change_action,
			m.mail_email_change_new_ignore
		],
		reauthentication: [
			m.mail_reauthentication_subject,
			m.mail_reauthentication_lead,
			null,
			m.mail_reauthentication_ignore
		]
	} satisfies Record<
		AuthMailKind,
		[
			(i: object, o: { locale: Locale }) => string,
			(i: object, o: { locale: Locale }) => string,
			((i: object, o: { locale: Locale }) => string) | null,
			(i: object, o: { locale: Locale }) => string
		]
	>;
	const [subject, lead, action, ignore] = words[kind];
	const works = action
		? m.mail_validity_link({ minutes }, o)
		: m.mail_validity_code({ minutes }, o);
	return {
		subject: subject({}, o),
		hello: m.mail_hello({}, o),
		lead: lead({}, o),
		action: action ? action({}, o) : undefined,
		orCode: (code) => m.mail_or_code({ code }, o),
		// Two sentences: Chinese sets no space between them.
		validity: [works, ignore({}, o)].join(locale === 'zh' ? '' : ' ')
	};
}
