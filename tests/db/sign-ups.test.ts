import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as signUps from '$lib/server/db/sign-ups';
import { accountExistsMail } from '$lib/server/mail/account-exists';
import { createPerson } from './factories';

const ORIGIN = 'https://commons.example.org';

// Inspection as the service: the outbox is service-only.
const outbox = () =>
	asService(
		(sql) => sql<
			{ kind: string; recipient: string; subject: string; text: string; html: string }[]
		>`
			select kind, recipient, subject, text, html from public.mail_outbox order by created_at, id
		`
	);

beforeEach(async () => {
	await asService((sql) => sql`delete from public.mail_outbox`);
});

describe('the mail to an address’s owner when someone signs up with it', () => {
	it('says what happened, that nothing changed, and links to sign in and to reset the password', () => {
		const mail = accountExistsMail({ origin: ORIGIN, recipient: 'amina@example.org' });
		expect(mail).toMatchObject({
			kind: 'account_exists',
			recipient: 'amina@example.org',
			subject: 'Someone tried to create an account with your address'
		});
		expect(mail.text).toContain(
			'Someone tried to create an account on Capacity Commons with this address (amina@example.org).'
		);
		expect(mail.text).toContain(`${ORIGIN}/sign-in`);
		expect(mail.text).toContain(`${ORIGIN}/forgot-password`);
		expect(mail.html).toContain(`<a href="${ORIGIN}/sign-in">sign in to Capacity Commons</a>`);
		expect(mail.html).toContain(`<a href="${ORIGIN}/forgot-password">reset your password</a>`);
	});

	it('escapes the address in the HTML', () => {
		const mail = accountExistsMail({ origin: ORIGIN, recipient: '"<b>"@example.org' });
		expect(mail.html).toContain('&quot;&lt;b&gt;&quot;@example.org');
		expect(mail.html).not.toContain('<b>');
	});
});

describe('a sign-up with an address that has an account', () => {
	it('queues the mail to its owner (whatever the case and spacing typed), in the outbox', async () => {
		const owner = await createPerson();
		await expect(signUps.tellOwnerIfTaken(`  ${owner.email.toUpperCase()} `, ORIGIN)).resolves.toBe(
			'queued'
		);
		const mails = await outbox();
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({ kind: 'account_exists', recipient: owner.email });
		expect(mails[0]!.text).toContain(`${ORIGIN}/forgot-password`);
	});

	it('writes to the owner in their own language', async () => {
		const owner = await createPerson({ metadata: { locale: 'es' } });
		await expect(signUps.tellOwnerIfTaken(owner.email, ORIGIN)).resolves.toBe('queued');
		const [mail] = await outbox();
		expect(mail!.subject).toBe('Alguien intentó crear una cuenta con su dirección');
		expect(mail!.text).toContain(`${ORIGIN}/es/forgot-password`);
		expect(mail!.html).toContain('<html lang="es" dir="ltr">');
	});

	it('tells the owner at most 3 times a day, so the form cannot flood their inbox', async () => {
		const owner = await createPerson();
		const told = [];
		for (let i = 0; i < 5; i++) told.push(await signUps.tellOwnerIfTaken(owner.email, ORIGIN));
		expect(told).toEqual(['queued', 'queued', 'queued', 'throttled', 'throttled']);
		expect(await outbox()).toHaveLength(3);
		// Another owner is told all the same.
		const other = await createPerson();
		await expect(signUps.tellOwnerIfTaken(other.email, ORIGIN)).resolves.toBe('queued');
	});

	it('queues nothing for an address without an account, or one that was never confirmed', async () => {
		await expect(
			signUps.tellOwnerIfTaken(`nobody-${randomUUID().slice(0, 8)}@example.test`, ORIGIN)
		).resolves.toBe('no-account');
		const id = randomUUID();
		const invited = `invited-${id.slice(0, 8)}@example.test`;
		// An invited person's account, as Auth makes it (test setup writes auth.users as Auth does).
		await asService(
			(sql) => sql`
				insert into auth.users (instance_id, id, aud, role, email, encrypted_password, invited_at,
				                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
				values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated',
				        ${invited}, '', now(), '{}', '{}', now(), now())
			`
		);
		await expect(signUps.tellOwnerIfTaken(invited, ORIGIN)).resolves.toBe('no-account');
		expect(await outbox()).toEqual([]);
	});
});
