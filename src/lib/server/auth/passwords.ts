/**
 * The most common passwords (the zxcvbn-ts list of ~49,000 from breaches), refused at sign-up and
 * on every change. Server-side only: the list never ships to a browser.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
	common ??= new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= 8));
	return common.has(password.toLowerCase());
}
