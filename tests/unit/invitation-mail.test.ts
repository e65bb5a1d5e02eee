import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '$lib/server/mail/html';
import { invitationMail, type InvitationMailInput } from '$lib/server/invitations/mail';

const base: InvitationMailInput = {
	origin: 'https://commons.example.org',
	recipient: 'amina@example.org',
	name: null,
	token: 'abc_DEF-123',
	programme: 'Monsoon School of Internet Governance',
	cohort: '2023',
	role: 'trainer',
	inviter: 'Priya Raman',
	expiresAt: new Date('2027-01-31T12:00:00Z')
};

describe('html', () => {
	it('escapes every value and keeps fragments as they are', () => {
		const name = `<script>alert("x")</script> & 'co'`;
		expect(html`<p>${name}</p>`.html).toBe(
			'<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>'
		);
		expect(html`<p>${html`<b>${'<i>'}</b>`}</p>`.html).toBe('<p><b>&lt;i&gt;</b></p>');
		expect(escapeHtml('plain words')).toBe('plain words');
	});
});

describe('the invitation mail', () => {
	it('says in plain words who invites, to what, and where to accept', () => {
		const mail = invitationMail(base);
		expect(mail).toMatchObject({
			kind: 'invitation',
			recipient: 'amina@example.org',
			subject: 'Monsoon School of Internet Governance invites you to join it on Capacity Commons'
		});
		expect(mail.text).toBe(
			[
				'Hello,',
				'',
				'Monsoon School of Internet Governance invites you to join it on Capacity Commons as a trainer of its 2023 cohort.',
				'Priya Raman, a coordinator of Monsoon School of Internet Governance, sent this invitation.',
				'',
				'You already have an account with this address: sign in and accept the invitation.',
				'',
				'https://commons.example.org/invitations/abc_DEF-123',
				'',
				'The invitation is open until 31 January 2027. If you do not want to join, ignore this mail.',
				'',
				'Capacity Commons'
			].join('\n')
		);
		expect(mail.html).toContain(
			'<a href="https://commons.example.org/invitations/abc_DEF-123">See the invitation and accept it</a>'
		);
	});

	it.each([
		[{ role: 'alumnus', cohort: null }, 'as an alumnus or alumna.'],
		[{ role: 'coordinator', cohort: null }, 'as a coordinator.'],
		[
			{ role: 'alumnus', cohort: '2021 — Autumn' },
			'as an alumnus or alumna of its 2021 — Autumn cohort.'
		]
	] as const)('names the role and cohort: %o', (change, words) => {
		expect(invitationMail({ ...base, ...change }).text).toContain(`Capacity Commons ${words}`);
	});

	it('greets by the name the coordinator gave, and leaves out an unknown inviter', () => {
		const mail = invitationMail({ ...base, name: 'Amina', inviter: null });
		expect(mail.text).toMatch(/^Hello Amina,\n/);
		expect(mail.text).not.toContain('sent this invitation');
		expect(mail.html).not.toContain('sent this invitation');
	});

	it('escapes what people wrote in the HTML part, and only there', () => {
		const mail = invitationMail({
			...base,
			programme: 'Tags <b>School</b>',
			inviter: 'Eve <img src=x onerror=alert(1)>',
			name: 'Bob & "Alice"'
		});
		expect(mail.html).not.toMatch(/<b>|<img/);
		expect(mail.html).toContain('Tags &lt;b&gt;School&lt;/b&gt; invites you');
		expect(mail.html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;, a coordinator');
		expect(mail.html).toContain('Hello Bob &amp; &quot;Alice&quot;,');
		expect(mail.text).toContain('Eve <img src=x onerror=alert(1)>, a coordinator');
	});

	it('is written in the recipient’s language, its link opening the invitation in it', () => {
		const mail = invitationMail({ ...base, locale: 'fr' });
		expect(mail.subject).toBe(
			'Monsoon School of Internet Governance vous invite à le rejoindre sur Capacity Commons'
		);
		expect(mail.text).toContain('en tant que formateur ou formatrice de sa promotion 2023.');
		expect(mail.text).toContain('L’invitation est valable jusqu’au 31 janvier 2027.');
		expect(mail.text).toContain('https://commons.example.org/fr/invitations/abc_DEF-123');
		expect(mail.html).toContain('<html lang="fr" dir="ltr">');
		expect(invitationMail({ ...base, locale: 'ar' }).html).toContain('<html lang="ar" dir="rtl">');
		expect(invitationMail({ ...base, locale: 'zh' }).text).toMatch(/^您好：\n/);
	});
});
