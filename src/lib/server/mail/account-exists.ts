/**
 * The mail to the owner of an address that someone tried to sign up with. The sign-up page gives
 * the person signing up the same answer whether or not the address has an account (it never tells
 * a stranger who is a member); the owner hears of it here, with the way back in if it was them.
 */
import type { QueuedMail } from '../db/mail-outbox';
import { html } from './html';

export type AccountExistsMailInput = {
	/** The site's address, e.g. https://commons.example.org (the sign-up request's origin). */
	origin: string;
	recipient: string;
};

export function accountExistsMail({ origin, recipient }: AccountExistsMailInput): QueuedMail {
	const signIn = `${origin}/sign-in`;
	const reset = `${origin}/forgot-password`;
	const what = `Someone tried to create an account on Capacity Commons with this address (${recipient}). You already have one, so nothing was created and nothing changed.`;
	const ifYou = 'If it was you, sign in instead:';
	const forgot = 'Forgotten your password? Choose a new one:';
	const ifNot =
		'If it was not you, you need not do anything: your account and your password are as they were.';

	const text = [
		'Hello,',
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

	const body = html`<p>Hello,</p>
		<p>${what}</p>
		<p>${ifYou} <a href="${signIn}">sign in to Capacity Commons</a>.</p>
		<p>${forgot} <a href="${reset}">reset your password</a>.</p>
		<p>${ifNot}</p>
		<p>Capacity Commons</p>`;

	return {
		kind: 'account_exists',
		recipient,
		subject: 'Someone tried to create an account with your address',
		text,
		html: `<!doctype html>\n<html><body>\n${body.html}\n</body></html>`
	};
}
