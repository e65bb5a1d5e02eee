/**
 * Moderation's policies: reporting (readers, not of their own post, once while pending), who reads
 * reports (the reporter and the space's moderators; the platform's for spaces that are not
 * private), deciding once, hiding settles the reports, every moderator's action in a log that only
 * the space's moderators read, and the limits on new accounts (links per post, posts per hour).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as moderationLog from '$lib/server/db/moderation-log';
import * as posts from '$lib/server/db/posts';
import * as reports from '$lib/server/db/reports';
import * as threads from '$lib/server/db/threads';
import {
	asPlatformModerator,
	createPerson,
	createSpace,
	createThread,
	seasoned,
	type Person
} from './factories';

let author: Person, reporter: Person, moderator: Person, bystander: Person, platform: Person;
let open: { id: string }, closed: { id: string };
let openPost: string, closedPost: string;

const readsReports = (person: Person, postId: string) =>
	withUser(
		person.claims,
		(sql) => sql`select id from public.post_reports where post_id = ${postId}`
	).then((r) => r.length);

beforeAll(async () => {
	[author, reporter, moderator, bystander, platform] = (await Promise.all(
		Array.from({ length: 5 }, () => createPerson())
	)) as [Person, Person, Person, Person, Person];
	await asPlatformModerator(platform);
	const members = [author, reporter, bystander];
	open = await createSpace({ visibility: 'public' }, { members, moderators: [moderator] });
	closed = await createSpace(
		{ visibility: 'private', kind: 'working_group' },
		{ members, moderators: [moderator] }
	);
	const a = await createThread(open.id, author);
	const b = await createThread(closed.id, author);
	openPost = (await posts.page(null, a.id, {}))[0]!.id;
	closedPost = (await posts.page(author.claims, b.id, {}))[0]!.id;
});

describe('reporting', () => {
	it('a reader reports once while it waits; not their own post; not a post they may not read', async () => {
		expect(
			await reports.report(reporter.claims, openPost, {
				reason: 'spam',
				note: 'Same link everywhere'
			})
		).toBe('reported');
		expect(await reports.report(reporter.claims, openPost, { reason: 'spam', note: null })).toBe(
			'already'
		);
		expect(await reports.report(author.claims, openPost, { reason: 'other', note: null })).toBe(
			'not-allowed'
		);
		const outsider = await createPerson();
		expect(await reports.report(outsider.claims, closedPost, { reason: 'spam', note: null })).toBe(
			'not-allowed'
		);
		expect(
			await reports.report(reporter.claims, closedPost, { reason: 'harassment', note: null })
		).toBe('reported');
	});

	it('reports reach the reporter and the space’s moderators only; the platform’s for spaces that are not private', async () => {
		expect(await readsReports(reporter, openPost)).toBe(1);
		expect(await readsReports(moderator, openPost)).toBe(1);
		expect(await readsReports(bystander, openPost)).toBe(0);
		expect(await readsReports(author, openPost)).toBe(0);
		expect(await readsReports(platform, openPost)).toBe(1);
		expect(await readsReports(platform, closedPost)).toBe(0);
		const queued = (await reports.queue(moderator.claims)).map((r) => r.post_id);
		expect(queued).toEqual(expect.arrayContaining([openPost, closedPost]));
		expect(await reports.queue(bystander.claims)).toEqual([]);
	});

	it('only moderators decide, and only once; a dismissal is in the log', async () => {
		await expect(
			withUser(
				bystander.claims,
				(sql) => sql`
				update public.post_reports set status = 'dismissed' where post_id = ${closedPost} returning id
			`
			)
		).resolves.toHaveLength(0);
		expect(await reports.dismiss(moderator.claims, closedPost)).toBe(true);
		expect(await reports.dismiss(moderator.claims, closedPost)).toBe(false);
		const log = await moderationLog.ofSpace(moderator.claims, closed.id);
		expect(log.map((e) => e.action)).toContain('dismiss_report');
	});

	it('hiding settles the post’s reports, and is logged with its reason', async () => {
		expect(await posts.hide(bystander.claims, openPost, 'Spam')).toBe(false);
		expect(
			await posts.hide(moderator.claims, openPost, 'Advertising, against the space’s rules')
		).toBe(true);
		const [report] = await asService(
			(sql) => sql<{ status: string; decided_by: string }[]>`
				select status, decided_by from public.post_reports where post_id = ${openPost}
			`
		);
		expect(report).toEqual({ status: 'hidden', decided_by: moderator.id });
		const [entry] = await moderationLog.ofSpace(moderator.claims, open.id);
		expect(entry).toMatchObject({
			action: 'hide',
			reason: 'Advertising, against the space’s rules'
		});
		expect(await posts.unhide(moderator.claims, openPost)).toBe(true);
	});
});

describe('the moderation log', () => {
	it('records pins, locks and suspensions; only the space’s moderators read it', async () => {
		const t = await createThread(open.id, author);
		await threads.moderate(moderator.claims, t.id, { pinned: true, locked: true });
		await withUser(
			moderator.claims,
			(sql) => sql`
			update public.space_members set suspended_until = now() + interval '3 days', suspension_reason = 'Cooling off'
			where space_id = ${open.id} and profile_id = ${bystander.id}
		`
		);
		const actions = (await moderationLog.ofSpace(moderator.claims, open.id)).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['pin', 'lock', 'suspend']));
		expect(await moderationLog.ofSpace(author.claims, open.id)).toEqual([]);
		expect(await moderationLog.ofSpace(bystander.claims, open.id)).toEqual([]);
		await expect(
			withUser(
				moderator.claims,
				(sql) => sql`
				insert into public.space_moderation_log (space_id, action) values (${open.id}, 'pin')
			`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('moving and slowing threads', () => {
	it('a moderator of both spaces moves a thread, its posts with it; not into a space they do not moderate', async () => {
		const elsewhere = await createSpace({ visibility: 'members' }, { moderators: [moderator] });
		const foreign = await createSpace({ visibility: 'public' });
		const t = await createThread(open.id, author, { replies: 2 });
		expect(await threads.move(author.claims, t.id, elsewhere.id)).toBeNull();
		expect(await threads.move(moderator.claims, t.id, foreign.id)).toBeNull();
		expect(await threads.move(moderator.claims, t.id, elsewhere.id)).toMatchObject({
			number: t.number
		});
		const spacesOfPosts = await asService(
			(sql) =>
				sql<
					{ space_id: string }[]
				>`select distinct space_id from public.posts where thread_id = ${t.id}`
		);
		expect(spacesOfPosts).toEqual([{ space_id: elsewhere.id }]);
		expect(
			(await moderationLog.ofSpace(moderator.claims, elsewhere.id)).map((e) => e.action)
		).toContain('move_in');
		expect((await moderationLog.ofSpace(moderator.claims, open.id)).map((e) => e.action)).toContain(
			'move_out'
		);
	});

	it('only moderators set slow mode', async () => {
		const t = await createThread(open.id, author);
		expect(await threads.slowMode(author.claims, t.id, 15)).toBe(false);
		expect(await threads.slowMode(moderator.claims, t.id, 15)).toBe(true);
		expect((await threads.get(author.claims, t.number))?.slow_mode_minutes).toBe(15);
	});
});

describe('new accounts', () => {
	it('put at most two links in a post', async () => {
		const newcomer = await createPerson();
		const space = await createSpace({ visibility: 'public' }, { members: [newcomer] });
		const t = await createThread(space.id, newcomer);
		const where = { id: t.id, space_id: space.id };
		const links = 'See https://a.example, https://b.example and https://c.example';
		expect(await posts.reply(newcomer.claims, where, { body: links })).toBe('new-links');
		await seasoned(newcomer);
		expect(await posts.reply(newcomer.claims, where, { body: links })).toEqual({ number: 2 });
	});

	it('post at most ten times an hour; a refused post takes no number', async () => {
		const newcomer = await createPerson();
		const space = await createSpace({ visibility: 'public' }, { members: [newcomer] });
		const t = await createThread(space.id, newcomer);
		const where = { id: t.id, space_id: space.id };
		for (let i = 0; i < 9; i += 1) {
			expect(await posts.reply(newcomer.claims, where, { body: `Reply ${i}` })).toEqual({
				number: i + 2
			});
		}
		expect(await posts.reply(newcomer.claims, where, { body: 'One too many' })).toBe('new-hourly');
		expect(
			await threads.start(newcomer.claims, space.id, { title: 'Another thread', body: 'Hello' })
		).toBe('new-hourly');
		const got = await threads.get(newcomer.claims, t.number);
		expect(got?.last_post_number).toBe(10);
	});
});
