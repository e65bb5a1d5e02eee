/**
 * The mail to the owner of an address that someone tried to sign up with. The sign-up page gives
 * the person signing up the same answer whether or not the address has an account (it never tells
 * a stranger who is a member); the owner hears of it here, in their language, with the way back
 * in if it was them.
 */
import { m } from '$lib/paraglide/messages';
import { baseLocale, getTextDirection, localizeHref, type Locale } from '$lib/paraglide/runtime';
import type { QueuedMail } from '../db/mail-outbox';
import { html } from './html';

export type AccountExistsMailInput = {
	/** The site's address, e.g. https://commons.example.org (the sign-up request's origin). */
	origin: string;
	recipient: string;
	/** The owner's language (their profile's), English when they have none. */
	locale?: Locale | null;
};

export function accountExistsMail({
	origin,
	recipient,
	locale: chosen
}: AccountExistsMailInput): QueuedMail {
	const locale = chosen ?? baseLocale;
	const o = { locale };
	const signIn = `${origin}${localizeHref('/sign-in', o)}`;
	const reset = `${origin}${localizeHref('/forgot-password', o)}`;
	const hello = m.mail_hello({}, o);
	const what = m.mail_exists_what({ address: recipient }, o);
	const ifYou = m.mail_exists_if_you({}, o);
	const forgot = m.mail_exists_forgot({}, o);
	const ifNot = m.mail_exists_if_not({}, o);

	const text = [
		hello,
		'',
		what,
		'',
		ifYou,
		signIn,
		'',
		forgot,
		reset,
		'',
		ifNot,
		'',
		'Capacity Commons'
	].join('\n');

	const body = html`<p>${hello}</p>
		<p>${what}</p>
		<p>${ifYou} <a href="${signIn}">${m.mail_exists_sign_in({}, o)}</a></p>
		<p>${forgot} <a href="${reset}">${m.mail_exists_reset({}, o)}</a></p>
		<p>${ifNot}</p>
		<p>Capacity Commons</p>`;

	return {
		kind: 'account_exists',
		recipient,
		subject: m.mail_exists_subject({}, o),
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${body.html}\n</body></html>`
	};
}
