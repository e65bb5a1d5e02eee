/**
 * One-click unsubscribe (RFC 8058): the address in a notice mail's List-Unsubscribe carries a
 * signed token (headers.ts); a POST to it turns that family of mail off without signing in.
 * Shared by the confirmation page's form and the endpoint a mail client posts to.
 */
import type { Family } from '$lib/schemas/mail-settings';
import * as mailSettings from '../db/mail-settings';
import { readUnsubscribeToken } from './headers';
import { unsubscribeSecret } from './mail';

/** The family a token turns off, or null when it is not a token we signed. */
export const familyOf = (token: string): Family | null =>
	readUnsubscribeToken(unsubscribeSecret(), token)?.family ?? null;

/** Turns the token's family off; false when the token is not ours or its person is gone. */
export async function unsubscribe(token: string): Promise<boolean> {
	const read = readUnsubscribeToken(unsubscribeSecret(), token);
	return read ? mailSettings.turnOff(read.person, read.family) : false;
}
