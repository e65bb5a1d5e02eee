/**
 * What a new post tells whom: mentions (only of people who may read the space), replies to a post
 * or a thread, new posts for those who watch; never the author, never whoever muted the thread;
 * each person once. Notices carry ids only: their words are read under RLS when shown, so a person
 * who has left a private space sees nothing of it. A hidden post's author is told why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as notifications from '$lib/server/db/notifications';
import * as posts from '$lib/server/db/posts';
import * as spaces from '$lib/server/db/spaces';
import * as threads from '$lib/server/db/threads';
import { createPerson, createSpace, createThread, seasoned, type Person } from './factories';

let author: Person, replier: Person, watcher: Person, outsider: Person, muter: Person;
let wg: { id: string; slug: string };

const handleOf = (person: Person) =>
	asService(
		(sql) => sql<{ handle: string }[]>`select handle from public.profiles where id = ${person.id}`
	).then((r) => r[0]!.handle);
const kindsFor = (person: Person) =>
	asService(
		(sql) => sql<{ kind: string; payload: Record<string, unknown> }[]>`
			select kind, payload from public.notifications where recipient_id = ${person.id} order by created_at
		`
	);

beforeAll(async () => {
	[author, replier, watcher, outsider, muter] = (await Promise.all(
		Array.from({ length: 5 }, () => createPerson())
	)) as [Person, Person, Person, Person, Person];
	await seasoned(author, replier, watcher, outsider, muter);
	wg = await createSpace(
		{ visibility: 'private', kind: 'working_group' },
		{ members: [author, replier, watcher, muter] }
	);
	await spaces.watch(watcher.claims, wg.id, 'watching');
});

describe('who a post tells', () => {
	it('a mention tells a reader, not someone outside the private space; the reply tells its target once', async () => {
		const t = await createThread(wg.id, author);
		const words = `@${await handleOf(outsider)} and @${await handleOf(replier)}, what do you think?`;
		await posts.reply(author.claims, { id: t.id, space_id: wg.id }, { body: words });
		expect((await kindsFor(replier)).map((n) => n.kind)).toEqual(['space_mention']);
		expect(await kindsFor(outsider)).toEqual([]);
		const mentions = await asService(
			(sql) => sql`select profile_id from public.post_mentions where profile_id = ${outsider.id}`
		);
		expect(mentions).toHaveLength(0);
		// The replier answers post 2, which mentioned them: its author hears it once, as a reply.
		await posts.reply(
			replier.claims,
			{ id: t.id, space_id: wg.id },
			{ body: `Agreed @${await handleOf(author)}`, reply_to: 2 }
		);
		expect((await kindsFor(author)).map((n) => n.kind)).toEqual(['space_mention']);
	});

	it('a reply to the thread tells its author; watchers hear of every post; the muted hear nothing', async () => {
		const t = await createThread(wg.id, author);
		await threads.watch(muter.claims, t.id, 'muted');
		const before = (await kindsFor(author)).length;
		await posts.reply(
			replier.claims,
			{ id: t.id, space_id: wg.id },
			{ body: `Reply @${await handleOf(muter)}` }
		);
		const toAuthor = (await kindsFor(author)).slice(before);
		expect(toAuthor.map((n) => n.kind)).toEqual(['space_reply']);
		expect((await kindsFor(watcher)).map((n) => n.kind)).toContain('space_post');
		expect(await kindsFor(muter)).toEqual([]);
		expect((await kindsFor(replier)).filter((n) => n.payload.thread_id === t.id)).toEqual([]);
	});

	it('a notice carries ids and numbers, never words', async () => {
		for (const notice of await kindsFor(watcher)) {
			expect(Object.keys(notice.payload).sort()).toEqual(['actor_id', 'post_number', 'thread_id']);
		}
	});
});

describe('what a notice shows', () => {
	it('the thread’s title and the writer to a reader; nothing once they have left the space', async () => {
		const leaver = await createPerson();
		const secret = await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members: [leaver, author] }
		);
		const t = await createThread(secret.id, leaver, { title: 'Budget for the 2027 school' });
		await posts.reply(
			author.claims,
			{ id: t.id, space_id: secret.id },
			{ body: 'Numbers attached.' }
		);
		const [shown] = (await notifications.list(leaver.claims)).items;
		expect(shown?.payload).toMatchObject({
			thread_title: 'Budget for the 2027 school',
			post_number: 2
		});
		expect(shown?.payload.actor_name).toEqual(expect.any(String));
		expect(await spaces.leave(leaver.claims, secret.id)).toBe(true);
		const [after] = (await notifications.list(leaver.claims)).items;
		expect(after?.kind).toBe('space_reply');
		expect(after?.payload.thread_title).toBeUndefined();
		expect(after?.payload.actor_name).toBeUndefined();
	});

	it('a hidden post’s author is told why', async () => {
		const moderator = await createPerson();
		const space = await createSpace(
			{ visibility: 'public' },
			{ members: [author], moderators: [moderator] }
		);
		const t = await createThread(space.id, author);
		const [first] = await posts.page(null, t.id, {});
		await withUser(
			moderator.claims,
			(sql) => sql`
			update public.posts set hidden_at = now(), hidden_reason = 'Off topic' where id = ${first!.id}
		`
		);
		const told = (await kindsFor(author)).filter((n) => n.kind === 'post_hidden');
		expect(told.map((n) => n.payload.reason)).toEqual(['Off topic']);
	});
});

describe('opening a notice', () => {
	it('gives back what it shows, read under RLS, to lead to the post', async () => {
		const reader = await createPerson();
		const space = await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members: [reader, author] }
		);
		const t = await createThread(space.id, reader, { title: 'Opened from the bell' });
		await posts.reply(author.claims, { id: t.id, space_id: space.id }, { body: 'A reply' });
		const [notice] = (await notifications.list(reader.claims)).items;
		const opened = await notifications.open(reader.claims, notice!.id);
		expect(opened?.payload).toMatchObject({
			thread_title: 'Opened from the bell',
			thread_number: t.number
		});
	});
});
