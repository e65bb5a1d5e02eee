import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asService, asServiceWithin, withAnon, withUser, type Tx } from '$lib/server/db/client';
import * as mailOutbox from '$lib/server/db/mail-outbox';
import * as invitations from '$lib/server/db/invitations';
import { sendDue } from '$lib/server/mail/sender';
import { Outbox } from '../../supabase/local/standin/outbox.ts';
import { startSmtpSink, type SmtpSink } from '../../supabase/local/standin/smtp.ts';
import { freePort } from '../support/test-cluster.ts';
import {
	addMembership,
	createPerson,
	createProgramme,
	refuseInvitationsTo,
	type Person,
	type Programme
} from './factories';

const ORIGIN = 'http://localhost:3000';
const FROM = 'Capacity Commons <no-reply@example.test>';

type Row = {
	id: string;
	kind: string;
	recipient: string;
	subject: string;
	text: string;
	html: string;
	attempts: number;
	next_attempt_at: Date;
	sent_at: Date | null;
	last_error: string | null;
};

// Test setup and inspection read and write the service-only table as the service.
const rows = () =>
	asService(
		(sql) => sql<Row[]>`
			select id, kind, recipient, subject, text, html, attempts, next_attempt_at, sent_at, last_error
			from public.mail_outbox order by created_at, id
		`
	);
const queue = (...recipients: string[]) =>
	asService((sql) =>
		mailOutbox.enqueue(
			sql,
			recipients.map((recipient) => ({
				kind: 'invitation' as const,
				recipient,
				subject: `A mail to ${recipient}`,
				text: `Hello ${recipient}, https://example.test/a-link`,
				html: `<p>Hello ${recipient}, <a href="https://example.test/a-link">a link</a></p>`
			}))
		)
	);

beforeEach(async () => {
	await asService((sql) => sql`delete from public.mail_outbox`);
});

describe('the outbox is service-only', () => {
	it('visitors and members can neither read nor write it', async () => {
		await queue('someone@example.test');
		const member = await createPerson();
		const attempts: ((sql: Tx) => Promise<unknown>)[] = [
			(sql) => sql`select id, recipient, text from public.mail_outbox`,
			(sql) => sql`
				insert into public.mail_outbox (kind, recipient, subject, text, html)
				values ('invitation', 'victim@example.test', 'Hi', 'phishing', '<p>phishing</p>')
			`,
			(sql) => sql`update public.mail_outbox set recipient = 'elsewhere@example.test'`,
			(sql) => sql`update public.mail_outbox set sent_at = now()`,
			(sql) => sql`delete from public.mail_outbox`
		];
		for (const attempt of attempts) {
			await expect(withAnon(attempt)).rejects.toMatchObject({ code: '42501' });
			await expect(withUser(member.claims, attempt)).rejects.toMatchObject({ code: '42501' });
		}
		const [row] = await rows();
		expect(row).toMatchObject({ recipient: 'someone@example.test', sent_at: null, attempts: 0 });
		expect(await rows()).toHaveLength(1);
	});
});

describe('asServiceWithin', () => {
	const roleNow = (sql: Tx) =>
		sql<{ role: string }[]>`select current_user as role`.then((rows) => rows[0]!.role);

	it('gives the transaction back to the person, also when what it ran failed', async () => {
		const person = await createPerson();
		const roles = await withUser(person.claims, async (sql) => {
			const during = await asServiceWithin(sql, roleNow);
			const after = await roleNow(sql);
			const failed = await asServiceWithin(sql, async () => {
				throw new Error('not sent');
			}).catch((error: Error) => error.message);
			return { during, after, failed, afterFailure: await roleNow(sql) };
		});
		expect(roles).toEqual({
			during: 'postgres',
			after: 'authenticated',
			failed: 'not sent',
			afterFailure: 'authenticated'
		});
	});
});

describe('claiming due mail', () => {
	it('hands each row to only one of two concurrent claimers (skip locked), without waiting', async () => {
		await queue('one@example.test', 'two@example.test', 'three@example.test');
		// Sender A holds its claim open (mid-send) while sender B claims in another transaction.
		const { mine, theirs } = await asService(async (sql) => {
			const mine = await mailOutbox.claimWith(sql, 2);
			const theirs = await mailOutbox.claim(10);
			return { mine, theirs };
		});
		expect(mine).toHaveLength(2);
		expect(theirs).toHaveLength(1);
		const ids = [...mine, ...theirs].map((m) => m.id);
		expect(new Set(ids).size).toBe(3);
		expect([...mine, ...theirs].map((m) => m.attempts)).toEqual([1, 1, 1]);
		// Once both committed, every row is leased: nobody takes them again until the lease runs out.
		expect(await mailOutbox.claim(10)).toEqual([]);
	});

	it('leaves sent mail and mail that has used up its tries', async () => {
		await queue('sent@example.test', 'tired@example.test', 'due@example.test');
		await asService(
			(sql) => sql`
				update public.mail_outbox set
				  sent_at = case when recipient = 'sent@example.test' then now() end,
				  attempts = case when recipient = 'tired@example.test' then ${mailOutbox.MAX_ATTEMPTS} else 0 end
			`
		);
		expect((await mailOutbox.claim(10)).map((m) => m.recipient)).toEqual(['due@example.test']);
	});
});

describe('invitation mail is queued with the invitation', () => {
	let programme: Programme, coordinator: Person;

	beforeAll(async () => {
		programme = await createProgramme('Tags <b>&</b> "School" of Mail');
		coordinator = await createPerson({ displayName: 'Ngozi <Okafor>' });
		await addMembership(coordinator, programme, 'coordinator');
	});

	it('to a person with an account: the app’s mail says who invites, to what, with the link', async () => {
		const invitee = await createPerson();
		const sent = await invitations.invite(
			coordinator.claims,
			programme.programmeId,
			{ email: invitee.email, name: 'Ada <i>', role: 'trainer', cohort: '2025' },
			ORIGIN
		);
		if (!('token' in sent)) throw new Error('not invited');
		expect(sent.mail).toBe('queued');
		const [row] = await rows();
		const link = `${ORIGIN}/invitations/${sent.token}`;
		expect(row).toMatchObject({
			kind: 'invitation',
			recipient: invitee.email,
			subject: 'Tags <b>&</b> "School" of Mail invites you to join it on Capacity Commons',
			attempts: 0,
			sent_at: null
		});
		expect(row!.text).toContain(
			'Tags <b>&</b> "School" of Mail invites you to join it on Capacity Commons as a trainer of its 2025 cohort.'
		);
		expect(row!.text).toContain('Ngozi <Okafor>, a coordinator of Tags <b>&</b> "School" of Mail');
		expect(row!.text).toContain(`\n${link}\n`);
		expect(row!.text).toMatch(/^Hello Ada <i>,/);
		// In the HTML part every bit of people's text is escaped; the only markup is the mail's own.
		expect(row!.html).toContain(
			'Tags &lt;b&gt;&amp;&lt;/b&gt; &quot;School&quot; of Mail invites you'
		);
		expect(row!.html).toContain('Ngozi &lt;Okafor&gt;');
		expect(row!.html).toContain('Hello Ada &lt;i&gt;,');
		expect(row!.html).toContain(`<a href="${link}">`);
		expect(row!.html).not.toMatch(/<b>|<i>|<Okafor>/);
	});

	it('to an address with no account: nothing queued, Auth’s invite is left to send', async () => {
		const sent = await invitations.invite(
			coordinator.claims,
			programme.programmeId,
			{ email: 'nobody-yet@example.test', role: 'alumnus' },
			ORIGIN
		);
		expect(sent).toMatchObject({ mail: 'auth' });
		expect(await rows()).toEqual([]);
	});

	it('a roster queues one mail per invitee with an account; a rolled-back roster queues none', async () => {
		const [a, b] = await Promise.all([createPerson(), createPerson()]);
		const roster = (lines: string[]) =>
			new TextEncoder().encode(['name,email,role,cohort', ...lines, ''].join('\n'));
		const result = await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster([`A,${a.email},alumnus,2025`, 'New,roster-new@example.test,alumnus,2025']),
			ORIGIN
		);
		if ('limited' in result) throw new Error(result.message);
		expect(result.invited.map((i) => i.mail)).toEqual(['queued', 'auth']);
		expect((await rows()).map((r) => r.recipient)).toEqual([a.email]);

		const allow = await refuseInvitationsTo('boom@example.test');
		try {
			await expect(
				invitations.importRoster(
					coordinator.claims,
					programme.programmeId,
					roster([`B,${b.email},alumnus,2025`, 'Boom,boom@example.test,alumnus,2025']),
					ORIGIN
				)
			).rejects.toThrow('boom');
		} finally {
			await allow();
		}
		expect((await rows()).map((r) => r.recipient)).toEqual([a.email]);
	});

	it('a person refused by the invitations’ policy queues nothing', async () => {
		const member = await createPerson();
		const target = await createPerson();
		await expect(
			invitations.invite(
				member.claims,
				programme.programmeId,
				{ email: target.email, role: 'alumnus' },
				ORIGIN
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await rows()).toEqual([]);
	});
});

describe('the sender', () => {
	let sink: SmtpSink, outboxDir: string, outbox: Outbox;

	beforeAll(async () => {
		outboxDir = await mkdtemp(path.join(tmpdir(), 'mail-outbox-test-'));
		outbox = new Outbox(outboxDir);
		sink = await startSmtpSink({ port: await freePort(), outbox });
	});
	afterAll(async () => {
		await sink?.stop();
		await rm(outboxDir, { recursive: true, force: true });
	});

	it('sends due mail through SMTP and marks it sent', async () => {
		await queue('reader@example.test', 'other-reader@example.test');
		expect(await sendDue({ url: sink.url, from: FROM })).toEqual({ sent: 2, failed: 0 });
		const sent = await rows();
		expect(sent.map((r) => [r.attempts, r.last_error, r.sent_at instanceof Date])).toEqual([
			[1, null, true],
			[1, null, true]
		]);
		const [mail] = await outbox.list('reader@example.test');
		expect(mail).toMatchObject({
			kind: 'app',
			to: 'reader@example.test',
			from: '"Capacity Commons" <no-reply@example.test>',
			subject: 'A mail to reader@example.test',
			link: 'https://example.test/a-link'
		});
		expect(mail!.text).toContain('Hello reader@example.test');
		expect(mail!.html).toContain('<a href="https://example.test/a-link">');
		// Sent is sent: another run has nothing to do.
		expect(await sendDue({ url: sink.url, from: FROM })).toEqual({ sent: 0, failed: 0 });
		expect(await outbox.list('reader@example.test')).toHaveLength(1);
	});

	it('leaves a mail it could not send for a retry, later, with the reason', async () => {
		await queue('patient@example.test');
		// Nothing listens on a port the OS just said is free: the connection is refused.
		const closed = `smtp://127.0.0.1:${await freePort()}`;
		const before = Date.now();
		expect(await sendDue({ url: closed, from: FROM })).toEqual({ sent: 0, failed: 1 });
		const [row] = await rows();
		expect(row).toMatchObject({ sent_at: null, attempts: 1 });
		expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
		// The first retry waits a minute (and it is not due before then).
		expect(row!.next_attempt_at.getTime()).toBeGreaterThan(before + 50_000);
		expect(await mailOutbox.claim(10)).toEqual([]);

		// When it falls due again, a working server takes it.
		await asService((sql) => sql`update public.mail_outbox set next_attempt_at = now()`);
		expect(await sendDue({ url: sink.url, from: FROM })).toEqual({ sent: 1, failed: 0 });
		const [after] = await rows();
		expect(after).toMatchObject({ attempts: 2, last_error: null });
		expect(after!.sent_at).toBeInstanceOf(Date);
	});

	it('gives up after the last try: the mail stays, unsent, with its error, and is never claimed', async () => {
		await queue('gone@example.test');
		await asService(
			(sql) => sql`update public.mail_outbox set attempts = ${mailOutbox.MAX_ATTEMPTS - 1}`
		);
		const closed = `smtp://127.0.0.1:${await freePort()}`;
		expect(await sendDue({ url: closed, from: FROM })).toEqual({ sent: 0, failed: 1 });
		const [row] = await asService(
			(sql) => sql`
				select attempts, sent_at, last_error, next_attempt_at = 'infinity' as never_again
				from public.mail_outbox
			`
		);
		expect(row).toMatchObject({
			attempts: mailOutbox.MAX_ATTEMPTS,
			sent_at: null,
			never_again: true,
			last_error: expect.stringMatching(/./)
		});
	});
});
