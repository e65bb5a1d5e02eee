import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { mailsTo } from '../../supabase/local/standin/auth/testing.ts';

const { url, smtpUrl } = inject('standIn');
const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

describe("the stand-in's SMTP sink", () => {
	it('keeps what real nodemailer sends in the outbox, beside Auth’s mail, as kind app', async () => {
		const to = address('sink');
		const transport = createTransport(smtpUrl);
		const info = await transport.sendMail({
			from: 'Capacity Commons <no-reply@example.test>',
			to,
			subject: 'Über “quotes” & more',
			text: 'Hello,\n\nFollow https://commons.example.test/invitations/abc_DEF-123 to accept.\n',
			html: '<p>Hello,</p><p><a href="https://commons.example.test/invitations/abc_DEF-123">Accept</a></p>'
		});
		transport.close();
		expect(info.accepted).toEqual([to]);

		const [mail, ...others] = await mailsTo(url, to);
		expect(others).toEqual([]);
		expect(mail).toMatchObject({
			kind: 'app',
			to,
			from: '"Capacity Commons" <no-reply@example.test>',
			subject: 'Über “quotes” & more',
			link: 'https://commons.example.test/invitations/abc_DEF-123',
			id: expect.any(String),
			created_at: expect.any(String)
		});
		expect(mail!.text).toContain('Follow https://commons.example.test/invitations/abc_DEF-123');
		expect(mail!.html).toContain(
			'<a href="https://commons.example.test/invitations/abc_DEF-123">Accept</a>'
		);
	});

	it('files one copy per recipient of the envelope, Bcc included', async () => {
		const [to, bcc] = [address('to'), address('bcc')];
		const transport = createTransport(smtpUrl);
		await transport.sendMail({
			from: 'no-reply@example.test',
			to,
			bcc,
			subject: 'Two readers',
			text: 'No link here.'
		});
		transport.close();
		const [first] = await mailsTo(url, to, 'app');
		const [second] = await mailsTo(url, bcc, 'app');
		expect(first).toMatchObject({ subject: 'Two readers', text: 'No link here.\n' });
		expect(first!.link).toBeUndefined();
		expect(second).toMatchObject({ subject: 'Two readers', to: bcc });
	});

	it('listens on loopback only and does not offer STARTTLS (its built-in key is public)', async () => {
		expect(new URL(smtpUrl).hostname).toBe('127.0.0.1');
		// nodemailer's verify() opens a session and reads the server's EHLO answer.
		const plain = createTransport(smtpUrl);
		await expect(plain.verify()).resolves.toBe(true);
		plain.close();
		const tls = createTransport({ url: smtpUrl, requireTLS: true });
		await expect(tls.verify()).rejects.toThrow(/STARTTLS/);
		tls.close();
	});
});
