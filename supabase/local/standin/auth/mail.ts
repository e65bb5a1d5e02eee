/**
 * One-time codes and the mails that carry them. Each mail has a 6-digit code and (except
 * reauthentication) a link to the app's /auth/confirm with the code's hash; the hash is GoTrue's
 * (hex SHA-224 of address + code, `pkce_`-prefixed in PKCE flows) and sits both in the user's
 * column and in auth.one_time_tokens. Codes expire after config.otpExpiry and work once.
 */
import { createHash, randomInt } from 'node:crypto';
import { baseLocale, type Locale } from '../../../../src/lib/paraglide/runtime.js';
import { authMailWords, mailLocale } from '../../../templates/words.ts';
import type { AuthMailKind } from '../outbox.ts';
import type { AuthService } from './context.ts';
import { appLink, type LinkType } from './redirects.ts';
import type { Db } from './users.ts';

export type TokenColumn =
	| 'confirmation_token'
	| 'recovery_token'
	| 'email_change_token_new'
	| 'email_change_token_current'
	| 'reauthentication_token';

/** The users column that dates each kind of code (several share one, as in GoTrue). */
export const SENT_AT: Record<TokenColumn, string> = {
	confirmation_token: 'confirmation_sent_at',
	recovery_token: 'recovery_sent_at',
	email_change_token_new: 'email_change_sent_at',
	email_change_token_current: 'email_change_sent_at',
	reauthentication_token: 'reauthentication_sent_at'
};

const PURPOSE: Record<AuthMailKind, { column: TokenColumn; link: LinkType | null }> = {
	confirmation: { column: 'confirmation_token', link: 'signup' },
	invite: { column: 'confirmation_token', link: 'invite' },
	magic_link: { column: 'recovery_token', link: 'magiclink' },
	recovery: { column: 'recovery_token', link: 'recovery' },
	email_change_current: { column: 'email_change_token_current', link: 'email_change' },
	email_change_new: { column: 'email_change_token_new', link: 'email_change' },
	reauthentication: { column: 'reauthentication_token', link: null }
};

/** Which mails share one send interval (magic links and recoveries share a column in GoTrue). */
export const GATE: Record<AuthMailKind, string> = {
	confirmation: 'confirmation',
	invite: 'confirmation',
	magic_link: 'recovery',
	recovery: 'recovery',
	email_change_current: 'email_change',
	email_change_new: 'email_change',
	reauthentication: 'reauthentication'
};

export const newOtp = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** GoTrue's crypto.GenerateTokenHash. */
export const tokenHash = (address: string, otp: string): string =>
	createHash('sha224')
		.update(address.toLowerCase() + otp)
		.digest('hex');

/** Stores a code's hash for one purpose, replacing the previous one, and dates it. */
export async function storeToken(
	db: Db,
	userId: string,
	column: TokenColumn,
	relatesTo: string,
	hash: string
): Promise<void> {
	await db`
		update auth.users
		set ${db(column)} = ${hash}, ${db(SENT_AT[column])} = now(), updated_at = now()
		where id = ${userId}
	`;
	await db`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${column}`;
	await db`
		insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
		values (gen_random_uuid(), ${userId}, ${column}, ${hash}, ${relatesTo.toLowerCase()})
	`;
}

export type OutgoingMail = {
	kind: AuthMailKind;
	to: string;
	code: string;
	link?: string;
	/** For the change-of-address mails: the address asked for. */
	newEmail?: string;
	/** The account's language (its metadata's `locale`), as Supabase's templates choose it. */
	locale: Locale;
};

/**
 * Makes a fresh code for `kind`, stores it for the user and returns the mail to send once the
 * transaction has committed. `pkce` marks codes of a PKCE flow (their links carry `pkce_…`).
 */
export async function prepareMail(
	service: AuthService,
	db: Db,
	mail: {
		kind: AuthMailKind;
		userId: string;
		to: string;
		pkce: boolean;
		redirectTo: string | undefined;
		newEmail?: string;
	}
): Promise<OutgoingMail> {
	const { column, link } = PURPOSE[mail.kind];
	const code = newOtp();
	const hash = (mail.pkce ? 'pkce_' : '') + tokenHash(mail.to, code);
	await storeToken(db, mail.userId, column, mail.to, hash);
	const [user] = await db<{ metadata: Record<string, unknown> | null }[]>`
		select raw_user_meta_data as metadata from auth.users where id = ${mail.userId}
	`;
	const locale = mailLocale(user?.metadata);
	return {
		kind: mail.kind,
		to: mail.to,
		code,
		link: link
			? appLink(service.config, hash, link, mail.redirectTo, locale === baseLocale ? '' : locale)
			: undefined,
		newEmail: mail.newEmail,
		locale
	};
}

const escapeHtml = (value: string) =>
	value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);

/** Puts the mails in the outbox (the stand-in's Mailpit), in each account's language. */
export async function deliver(service: AuthService, mails: OutgoingMail[]): Promise<void> {
	const minutes = Math.round(service.config.otpExpiry / 60);
	for (const mail of mails) {
		const words = authMailWords(mail.kind, mail.locale, {
			minutes,
			newEmail: mail.newEmail ?? ''
		});
		const text = [
			words.hello,
			'',
			words.lead,
			...(mail.link ? ['', mail.link, '', words.orCode(mail.code)] : ['', mail.code]),
			'',
			words.validity,
			'',
			'Capacity Commons'
		].join('\n');
		const html = [
			`<div lang="${mail.locale}" dir="${mail.locale === 'ar' ? 'rtl' : 'ltr'}">`,
			`<p>${escapeHtml(words.hello)}</p>`,
			`<p>${escapeHtml(words.lead)}</p>`,
			mail.link
				? `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(words.action ?? words.subject)}</a></p>`
				: '',
			mail.link
				? `<p>${escapeHtml(words.orCode('\uE000')).replace('\uE000', `<strong>${mail.code}</strong>`)}</p>`
				: `<p><strong>${mail.code}</strong></p>`,
			`<p>${escapeHtml(words.validity)}</p>`,
			`<p>Capacity Commons</p>`,
			'</div>'
		].join('\n');
		await service.outbox.add({
			kind: mail.kind,
			to: mail.to,
			subject: words.subject,
			text,
			html,
			link: mail.link,
			code: mail.code
		});
	}
}
