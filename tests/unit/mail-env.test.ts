import { afterEach, describe, expect, it } from 'vitest';
import { mailEnv, provideEnv } from '$lib/server/env';

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
const settings = (values: { SMTP_URL?: string; MAIL_FROM?: string }) => {
	delete process.env.SMTP_URL;
	delete process.env.MAIL_FROM;
	provideEnv(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
	return mailEnv();
};

afterEach(() => {
	settings(saved);
});

describe('the mail settings', () => {
	it.each([
		[{}, {}],
		[
			{ SMTP_URL: 'smtp://127.0.0.1:54325', MAIL_FROM: 'no-reply@example.org' },
			{ SMTP_URL: 'smtp://127.0.0.1:54325', MAIL_FROM: 'no-reply@example.org' }
		],
		[
			{
				SMTP_URL: 'smtps://user:secret@smtp.example.org:465',
				MAIL_FROM: 'Capacity Commons <no-reply@example.org>'
			},
			{
				SMTP_URL: 'smtps://user:secret@smtp.example.org:465',
				MAIL_FROM: 'Capacity Commons <no-reply@example.org>'
			}
		]
	])('accepts %o', (values, parsed) => {
		expect(settings(values)).toEqual(parsed);
	});

	it.each([
		[
			{ SMTP_URL: 'http://smtp.example.org', MAIL_FROM: 'a@example.org' },
			/SMTP_URL: must be an smtp/
		],
		[{ SMTP_URL: 'smtp://127.0.0.1:54325' }, /MAIL_FROM: is required with SMTP_URL/],
		[
			{ SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'not an address' },
			/MAIL_FROM: must be an address/
		]
	])('refuses %o with a line saying which', (values, line) => {
		expect(() => settings(values)).toThrow(line);
	});
});
