/**
 * The notice mail job (src/lib/server/notices/mail.ts): a mention mailed as it happens, in the
 * recipient's language, threaded under its thread and with a one-click unsubscribe; nothing
 * twice, even with two runners at once; nothing for someone who turned the family off or who
 * has left the private space since; a daily digest once per person and day, in their zone; a
 * coordinator's claim mailed as it happens when they chose so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as mailSettings from '$lib/server/db/mail-settings';
import * as posts from '$lib/server/db/posts';
import { readUnsubscribeToken } from '$lib/server/notices/headers';
import { runNoticeMails } from '$lib/server/notices/mail';
import { DEFAULT_MAIL_SETTINGS } from '$lib/schemas/mail-settings';
import {
	addMembership,
	createPerson,
	createProgramme,
	createSpace,
	createThread,
	seasoned,
	type Person
} from './factories';

const ctx = { origin: 'https://commons.test', secret: 'a-test-secret-of-enough-length' };
let amina: Person, tomas: Person, quiet: Person, leaver: Person, many: Person[];
let open: { id: string; slug: string }, wg: { id: string; slug: string };

const handleOf = (person: Person) =>
	asService(
		(sql) => sql<{ handle: string }[]>`select handle from public.profiles where id = ${person.id}`
	).then((r) => r[0]!.handle);

type Mail = { kind: string; subject: string; text: string; headers: Record<string, string> };
const mailsTo = (person: Person) =>
	asService(
		(sql) => sql<Mail[]>`
			select kind, subject, text, headers from public.mail_outbox
			where recipient = ${person.email} order by created_at, id
		`
	);
const outcomes = (person: Person) =>
	asService(
		(sql) => sql<{ outcome: string | null }[]>`
			select outcome from public.notice_mails where profile_id = ${person.id} order by created_at
		`
	).then((rows) => rows.map((r) => r.outcome));

beforeAll(async () => {
	const people = await Promise.all(Array.from({ length: 8 }, () => createPerson()));
	[amina, tomas, quiet, leaver] = people as [Person, Person, Person, Person];
	many = people.slice(4);
	await seasoned(amina, tomas, quiet, leaver);
	await asService(
		(sql) =>
			sql`update public.profiles set locale = 'fr', time_zone = 'Europe/Paris' where id = ${amina.id}`
	);
	open = await createSpace({ name: 'Protection des données' });
	wg = await createSpace(
		{ visibility: 'private', kind: 'working_group', name: 'Groupe privé' },
		{ members: [tomas, leaver] }
	);
	await mailSettings.save(quiet.claims, { ...DEFAULT_MAIL_SETTINGS, mentions: 'off' });
});

describe('as each happens', () => {
	it('a mention is mailed once, in French, threaded, with a one-click unsubscribe', async () => {
		const thread = await createThread(open.id, tomas, { title: 'Projet de loi' });
		await posts.reply(
			tomas.claims,
			{ id: thread.id, space_id: open.id },
			{ body: `@${await handleOf(amina)} qu'en pensez-vous ?\n\nLe texte est en ligne.` }
		);
		expect((await runNoticeMails(ctx)).each).toBeGreaterThan(0);
		const [mail, ...more] = await mailsTo(amina);
		expect(more).toEqual([]);
		expect(mail!.kind).toBe('space_notice');
		expect(mail!.subject).toBe('Re: [Protection des données] Projet de loi');
		expect(mail!.text).toContain('Bonjour');
		expect(mail!.text).toContain("qu'en pensez-vous ?");
		const [first, second] = await asService(
			(sql) =>
				sql<
					{ id: string }[]
				>`select id from public.posts where thread_id = ${thread.id} order by number`
		);
		expect(mail!.headers['Message-ID']).toBe(`<post.${second!.id}@commons.test>`);
		expect(mail!.headers['In-Reply-To']).toBe(`<post.${first!.id}@commons.test>`);
		expect(mail!.headers.References).toBe(`<post.${first!.id}@commons.test>`);
		expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		const url = /^<(https:\/\/commons\.test\/fr\/unsubscribe\/([^>]+))>$/.exec(
			mail!.headers['List-Unsubscribe']!
		);
		expect(url).not.toBeNull();
		expect(readUnsubscribeToken(ctx.secret, url![2]!)).toEqual({
			person: amina.id,
			family: 'mentions'
		});
		expect(mail!.text).toContain(url![1]);
		// A second run finds nothing to send.
		await runNoticeMails(ctx);
		expect(await mailsTo(amina)).toHaveLength(1);
	});

	it('two runners at once mail each notice once', async () => {
		const thread = await createThread(open.id, tomas, { title: 'A call for co-organisers' });
		const handles = await Promise.all(many.map(handleOf));
		await posts.reply(
			tomas.claims,
			{ id: thread.id, space_id: open.id },
			{ body: handles.map((h) => `@${h}`).join(' ') }
		);
		await Promise.all([runNoticeMails(ctx), runNoticeMails(ctx), runNoticeMails(ctx)]);
		for (const person of many) {
			expect((await mailsTo(person)).map((m) => m.kind)).toEqual(['space_notice']);
			expect(await outcomes(person)).toEqual(['mailed']);
		}
	});

	it('a post of the longest kind is mailed, its words cut to fit the outbox', async () => {
		const reader = await createPerson();
		const thread = await createThread(open.id, tomas);
		await posts.reply(
			tomas.claims,
			{ id: thread.id, space_id: open.id },
			{ body: `@${await handleOf(reader)} ${'<&> '.repeat(4900)}` }
		);
		await runNoticeMails(ctx);
		const [mail] = await mailsTo(reader);
		expect(mail!.kind).toBe('space_notice');
		expect(mail!.text).toContain('…');
		expect(await outcomes(reader)).toEqual(['mailed']);
	});

	it('a family turned off is not mailed', async () => {
		const thread = await createThread(open.id, tomas);
		await posts.reply(
			tomas.claims,
			{ id: thread.id, space_id: open.id },
			{ body: `@${await handleOf(quiet)} hello` }
		);
		await runNoticeMails(ctx);
		expect(await mailsTo(quiet)).toEqual([]);
		expect(await outcomes(quiet)).toEqual(['off']);
	});

	it('someone who left the private space since gets none of its words', async () => {
		const thread = await createThread(wg.id, tomas, { title: 'Secret agenda' });
		await posts.reply(
			tomas.claims,
			{ id: thread.id, space_id: wg.id },
			{ body: `@${await handleOf(leaver)} the confidential draft` }
		);
		await asService(
			(sql) =>
				sql`delete from public.space_members where space_id = ${wg.id} and profile_id = ${leaver.id}`
		);
		await runNoticeMails(ctx);
		expect(await mailsTo(leaver)).toEqual([]);
		expect(await outcomes(leaver)).toEqual(['unreadable']);
	});
});

describe('digests', () => {
	it('a daily digest is built once per person and day, in their zone', async () => {
		const reader = await createPerson();
		await asService(
			(sql) => sql`update public.profiles set time_zone = 'Asia/Tokyo' where id = ${reader.id}`
		);
		await mailSettings.save(reader.claims, { ...DEFAULT_MAIL_SETTINGS, mentions: 'daily' });
		const thread = await createThread(open.id, tomas, { title: 'Digest me' });
		for (const body of ['first', 'second']) {
			await posts.reply(
				tomas.claims,
				{ id: thread.id, space_id: open.id },
				{ body: `@${await handleOf(reader)} ${body}` }
			);
		}
		// Nothing yet: today (in Tokyo) has not ended.
		await runNoticeMails(ctx);
		expect(await mailsTo(reader)).toEqual([]);
		// Move the notices to yesterday noon in Tokyo: yesterday's digest is due.
		await asService(
			(sql) => sql`
				update public.notice_mails
				set created_at = (((now() at time zone 'Asia/Tokyo')::date - 1)::timestamp + interval '12 hours') at time zone 'Asia/Tokyo'
				where profile_id = ${reader.id}
			`
		);
		await Promise.all([runNoticeMails(ctx), runNoticeMails(ctx)]);
		await runNoticeMails(ctx);
		const mails = await mailsTo(reader);
		expect(mails.map((m) => m.kind)).toEqual(['notice_digest']);
		expect(mails[0]!.subject).toBe('Your day on Capacity Commons: 2 notices');
		expect(mails[0]!.text).toContain('first');
		expect(mails[0]!.text).toContain('second');
		expect(mails[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(await outcomes(reader)).toEqual(['digested', 'digested']);
		const digests = await asService(
			(sql) =>
				sql`select cadence, notices from public.notice_digests where profile_id = ${reader.id}`
		);
		expect(digests).toEqual([{ cadence: 'daily', notices: 2 }]);
	});
	it('a weekly digest gathers the last week (from Monday, in their zone) once', async () => {
		const reader = await createPerson();
		await asService(
			(sql) =>
				sql`update public.profiles set time_zone = 'America/Lima', locale = 'es' where id = ${reader.id}`
		);
		await mailSettings.save(reader.claims, { ...DEFAULT_MAIL_SETTINGS, mentions: 'weekly' });
		const thread = await createThread(open.id, tomas, { title: 'Semana' });
		for (const body of ['lunes', 'viejo']) {
			await posts.reply(
				tomas.claims,
				{ id: thread.id, space_id: open.id },
				{ body: `@${await handleOf(reader)} ${body}` }
			);
		}
		// One notice from last week's Wednesday in Lima; one from the week before (stale by now).
		await asService(
			(sql) => sql`
				update public.notice_mails q
				set created_at = ((date_trunc('week', now() at time zone 'America/Lima')::date
				                   - case when p.body like '%lunes' then 5 else 12 end)::timestamp
				                  + interval '12 hours') at time zone 'America/Lima'
				from public.notifications n, public.posts p
				where q.profile_id = ${reader.id} and n.id = q.notification_id
				  and p.thread_id = (n.payload ->> 'thread_id')::uuid and p.number = (n.payload ->> 'post_number')::int
			`
		);
		await Promise.all([runNoticeMails(ctx), runNoticeMails(ctx)]);
		const mails = await mailsTo(reader);
		expect(mails.map((m) => m.kind)).toEqual(['notice_digest']);
		expect(mails[0]!.subject).toBe('Tu semana en Capacity Commons: 1 aviso');
		expect(mails[0]!.text).toContain('lunes');
		expect(mails[0]!.text).not.toContain('viejo');
		expect((await outcomes(reader)).sort()).toEqual(['digested', 'stale']);
	});
});

describe("a coordinator's work", () => {
	it('a claim is mailed as it happens to a coordinator who chose so, waits for the summary otherwise, and never reaches a former coordinator', async () => {
		const school = await createProgramme('Mail School');
		const [eager, patient, former, claimant] = await Promise.all([
			createPerson(),
			createPerson(),
			createPerson(),
			createPerson({ displayName: 'Nadia Claimant' })
		]);
		await addMembership(eager, school, 'coordinator');
		await addMembership(patient, school, 'coordinator');
		await addMembership(former, school, 'coordinator');
		await mailSettings.save(eager.claims, { ...DEFAULT_MAIL_SETTINGS, coordination: 'each' });
		await mailSettings.save(former.claims, { ...DEFAULT_MAIL_SETTINGS, coordination: 'each' });
		await addMembership(claimant, school, 'alumnus', 'pending');
		// Someone who stopped coordinating before the mail went is not told.
		await asService((sql) => sql`delete from public.memberships where profile_id = ${former.id}`);
		await runNoticeMails(ctx);
		expect(await mailsTo(former)).toEqual([]);
		expect(await outcomes(former)).toEqual(['unreadable']);
		const [mail, ...more] = await mailsTo(eager);
		expect(more).toEqual([]);
		expect(mail!.kind).toBe('coordination_notice');
		expect(mail!.subject).toContain('Nadia Claimant');
		expect(mail!.text).toContain('/claims');
		expect(await mailsTo(patient)).toEqual([]);
		expect(await outcomes(patient)).toEqual([null]);
	});
});
