import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '$lib/server/auth/passwords';
import { signUpSchema } from '$lib/schemas/auth';

const valid = {
	display_name: 'Amina Diallo',
	email: 'Amina@Example.org ',
	password: 'a long walk by the river',
	agree: 'on'
};

describe('the sign-up form', () => {
	it('accepts a valid sign-up and normalises the e-mail address', () => {
		const result = signUpSchema.safeParse(valid);
		expect(result.success && result.data.email).toBe('amina@example.org');
	});

	it.each([
		[{ display_name: '  ' }, 'display_name', /name people know you by/],
		[{ email: 'not-an-address' }, 'email', /like name@example\.org/],
		[{ password: 'short' }, 'password', /at least 8/],
		[{ password: 'ü'.repeat(40) }, 'password', /at most 72/],
		[{ agree: undefined }, 'agree', /agree to the privacy notice/]
	])('refuses %j with a message on %s', (change, field, message) => {
		const result = signUpSchema.safeParse({ ...valid, ...change });
		expect(result.success).toBe(false);
		const issue = result.error?.issues.find((i) => i.path[0] === field);
		expect(issue?.message).toMatch(message);
	});

	it('allows long passphrases and any characters, without composition rules', () => {
		expect(signUpSchema.safeParse({ ...valid, password: 'x'.repeat(64) }).success).toBe(true);
		expect(signUpSchema.safeParse({ ...valid, password: 'صباح الخير يا صديقي' }).success).toBe(
			true
		);
	});
});

describe('common passwords', () => {
	it.each(['password', 'Password1', '12345678', 'iloveyou', 'qwertyuiop'])('refuses %s', (p) => {
		expect(isCommonPassword(p)).toBe(p.length >= 8);
	});

	it('accepts an uncommon passphrase', () => {
		expect(isCommonPassword('tea with cardamom at dawn')).toBe(false);
	});
});
