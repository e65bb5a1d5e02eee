/**
 * Whether a new password is good enough, wherever one is set (sign-up, a reset, the first password
 * of an invited person, a change). Server-side only: the dictionaries never ship to a browser.
 *
 * Refused, each with its own words: the most common passwords (the zxcvbn-ts list of ~49,000 from
 * breaches), the person's own e-mail address or name (as they are, or with a little around them:
 * "amina.diallo2024"), and anything zxcvbn reckons takes fewer than 10^8 guesses (its "safely
 * unguessable" line; hours against a bcrypt hash offline), with the address and the name given to
 * it as words an attacker knows. No composition rules (NIST SP 800-63B): a few words one remembers
 * pass, and so do 8 random characters.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

/** The fewest guesses (as a power of ten) zxcvbn must reckon a password takes. */
export const MIN_GUESSES_LOG10 = 8;

export const PASSWORD_MESSAGES = labelled({
	common: m.auth_password_common,
	email: m.auth_password_email,
	name: m.auth_password_name,
	guessable: m.auth_password_guessable
});

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
	common ??= new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= 8));
	return common.has(password.toLowerCase());
}

let zxcvbn: ZxcvbnFactory | undefined;
const scorer = () =>
	(zxcvbn ??= new ZxcvbnFactory({
		dictionary,
		graphs: adjacencyGraphs,
		useLevenshteinDistance: true
	}));

/** Letters and digits only, lower-case and without accents: "Amina Diallo" → "aminadiallo". */
const plain = (value: string) =>
	value
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');

/**
 * True when the password is `word` with little else: what is left once `word` is taken out is
 * shorter than 6 characters, only digits, or one character repeated ("amina!!!!!!!!").
 */
function isMostly(password: string, word: string): boolean {
	if (word.length < 3) return false;
	const p = plain(password);
	if (!p.includes(word)) return false;
	const rest = p.split(word).join('');
	return rest.length < 6 || /^\d+$/.test(rest) || /^(.)\1*$/.test(rest);
}

export type PasswordContext = {
	/** The account's address (for a change: the current one). */
	email?: string | null;
	/** The name the person goes by. */
	name?: string | null;
};

/**
 * The reason a new password is refused, in people's words, or null when it may be used. Length
 * and whitespace are the schema's (lib/schemas/auth.ts); this is what needs the dictionaries.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
	if (isCommonPassword(password)) return PASSWORD_MESSAGES.common;
	const email = context.email?.trim().toLowerCase() ?? '';
	const local = email.split('@')[0] ?? '';
	if (email && (isMostly(password, plain(email)) || isMostly(password, plain(local)))) {
		return PASSWORD_MESSAGES.email;
	}
	const name = context.name?.trim() ?? '';
	const nameParts = name.split(/\s+/).map(plain);
	if (name && [plain(name), ...nameParts].some((part) => isMostly(password, part))) {
		return PASSWORD_MESSAGES.name;
	}
	const inputs = [email, local, name, ...name.split(/\s+/)].filter((w) => w.length >= 3);
	// zxcvbn's cost grows with the length; the schema's 72-byte cap bounds it.
	if (scorer().check(password, inputs).guessesLog10 < MIN_GUESSES_LOG10) {
		return PASSWORD_MESSAGES.guessable;
	}
	return null;
}
