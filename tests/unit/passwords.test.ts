import { describe, expect, it } from 'vitest';
import { openedByMailLink } from '$lib/server/auth/current-password';
import { PASSWORD_MESSAGES, passwordProblem } from '$lib/server/auth/passwords';
import { newPasswordSchema, password, signUpSchema } from '$lib/schemas/auth';

const amina = { email: 'amina.diallo@example.org', name: 'Amina Diallo' };

describe('a new password', () => {
	it.each([
		['only spaces', '          ', /only spaces/],
		['only a tab and spaces', ' \t      ', /only spaces/],
		['too short', 'short', /at least 8/]
	])('is refused by the schema when it is %s', (_, value, message) => {
		const result = password.safeParse(value);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toMatch(message);
	});

	it.each([
		['a common password', 'password1', PASSWORD_MESSAGES.common],
		['a common password in capitals', 'IloveYou1', PASSWORD_MESSAGES.common],
		['the e-mail address', 'amina.diallo@example.org', PASSWORD_MESSAGES.email],
		['the e-mail address in capitals', 'AMINA.DIALLO@EXAMPLE.ORG', PASSWORD_MESSAGES.email],
		["the address's local part", 'amina.diallo', PASSWORD_MESSAGES.email],
		['the local part and a year', 'aminadiallo2024', PASSWORD_MESSAGES.email],
		['the local part and punctuation', 'amina.diallo!!!!', PASSWORD_MESSAGES.email],
		['the name', 'Amina Diallo', PASSWORD_MESSAGES.email],
		['the surname and digits', 'Diallo12345678', PASSWORD_MESSAGES.name],
		['the first name, repeated letters', 'aminaaaaaaaaa', PASSWORD_MESSAGES.name],
		['the name with accents', 'Ámína Dìallo 1', PASSWORD_MESSAGES.email],
		['a keyboard row', 'qwertyuiop[]', PASSWORD_MESSAGES.guessable],
		['a sequence', 'abcdefghijk', PASSWORD_MESSAGES.guessable],
		['one character repeated', 'x'.repeat(30), PASSWORD_MESSAGES.guessable],
		['a season and a year', 'Summer2024!', PASSWORD_MESSAGES.guessable],
		['a leet-speak common word', 'P@ssw0rd123', PASSWORD_MESSAGES.guessable],
		['digits that repeat', '12341234', PASSWORD_MESSAGES.guessable]
	])('is refused when it is %s', (_, value, message) => {
		expect(passwordProblem(value, amina)).toBe(message);
	});

	it.each([
		['a passphrase', 'a long walk by the river'],
		['a passphrase in another script', 'صباح الخير يا صديقي العزيز'],
		['words that do not belong together', 'Kigali rain on tin'],
		['eight random characters', 'kX9#mQ2v'],
		['a passphrase that mentions the name among other words', 'amina walks to the market at dawn']
	])('is taken when it is %s', (_, value) => {
		expect(passwordProblem(value, amina)).toBeNull();
	});

	it('works without an address or a name (a reset knows only the address)', () => {
		expect(passwordProblem('tea with cardamom at dawn')).toBeNull();
		expect(passwordProblem('amina.diallo', { email: amina.email })).toBe(PASSWORD_MESSAGES.email);
	});

	it('is checked on sign-up and on a change by the same rule', () => {
		const signUp = signUpSchema.safeParse({
			display_name: 'A',
			email: 'a@example.org',
			password: '        ',
			agree: 'on'
		});
		expect(signUp.error?.issues.find((i) => i.path[0] === 'password')?.message).toMatch(
			/only spaces/
		);
		expect(newPasswordSchema.safeParse({ password: '        ' }).success).toBe(false);
	});
});

describe('a session opened by a mail link', () => {
	const now = 1_900_000_000;
	const claims = (amr: unknown) => ({ sub: 'x', role: 'authenticated', amr });

	it.each([
		['a reset link a minute ago', [{ method: 'otp', timestamp: now - 60 }], true],
		['a link named by its kind', [{ method: 'recovery', timestamp: now - 60 }], true],
		['a link an hour ago', [{ method: 'otp', timestamp: now - 3600 }], false],
		['a password sign-in', [{ method: 'password', timestamp: now - 10 }], false],
		['no amr claim', undefined, false],
		['a malformed amr claim', ['otp'], false]
	])('%s: may set a password without the current one = %s', (_, amr, expected) => {
		expect(openedByMailLink(claims(amr), now)).toBe(expected);
	});
});
