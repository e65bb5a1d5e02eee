/**
 * Supabase Auth's mail templates and subjects are what supabase/templates/generate.ts makes from
 * the message catalogue: a branch per language, the link to /auth/confirm in that language.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CONFIG,
	otpMinutes,
	template,
	TEMPLATES,
	withSubjects
} from '../../supabase/templates/generate.ts';
import { authMailWords, mailLocale } from '../../supabase/templates/words.ts';

const folder = path.dirname(CONFIG);

describe('the Auth mail templates', () => {
	it.each(Object.keys(TEMPLATES))(
		'%s.html is generated from the catalogue (else: npm run mail:templates)',
		async (name) => {
			const onDisk = await readFile(path.join(folder, 'templates', `${name}.html`), 'utf8');
			expect(onDisk).toBe(template(name, await otpMinutes()));
		}
	);

	it('the subjects in config.toml are too', async () => {
		const config = await readFile(CONFIG, 'utf8');
		expect(config).toBe(withSubjects(config));
	});

	it('each language has its branch, its direction and its own confirmation page', () => {
		const html = template('recovery', 10);
		for (const locale of ['ar', 'zh', 'fr', 'ru', 'es']) {
			expect(html).toContain(`eq (printf "%v" .Data.locale) "${locale}" }}`);
			expect(html).toContain(`{{ .SiteURL }}/${locale}/auth/confirm?token_hash={{ .TokenHash }}`);
		}
		expect(html).toContain('<div lang="ar" dir="rtl">');
		expect(html).toContain(
			'{{ else }}\n<div lang="en" dir="ltr">\n<p>Hello,</p>\n<p>Choose a new password for Capacity Commons.</p>\n<p><a href="{{ .SiteURL }}/auth/confirm?token_hash={{ .TokenHash }}&type=recovery&next={{ .RedirectTo }}">Choose a new password</a></p>\n<p>Or enter this code: <strong>{{ .Token }}</strong></p>'
		);
		expect(html).toContain('Choisissez un nouveau mot de passe pour Capacity Commons.');
		expect(html).toContain('Ссылка и код действуют один раз в течение 10 минут.');
	});

	it('an account without a language, or with one not ours, gets English', () => {
		expect(mailLocale(null)).toBe('en');
		expect(mailLocale({ locale: 'de' })).toBe('en');
		expect(mailLocale({ locale: 'zh' })).toBe('zh');
		expect(authMailWords('magic_link', 'zh', { minutes: 1, newEmail: '' }).validity).toBe(
			'链接和验证码只能使用一次，有效期为 1 分钟。如果您没有请求登录，请忽略此邮件。'
		);
		expect(authMailWords('magic_link', 'en', { minutes: 1, newEmail: '' }).validity).toBe(
			'The link and the code work once, within 1 minute. If you did not ask to sign in, ignore this mail.'
		);
	});
});
