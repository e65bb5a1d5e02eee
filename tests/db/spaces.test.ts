/**
 * Discussion spaces' policies, as each role: a visitor, a signed-in member, a space member, a
 * space moderator, a programme's verified alumnus and its coordinator (whose programme space
 * follows their memberships), the platform's moderator, a suspended member, and an outsider of a
 * private space. Reading spaces, threads, posts, member lists, authors and realtime topics;
 * joining, posting, editing, hiding, locking, slow mode, read state — allowed and refused.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as posts from '$lib/server/db/posts';
import * as spaces from '$lib/server/db/spaces';
import * as threads from '$lib/server/db/threads';
import {
	addMembership,
	asPlatformModerator,
	createPerson,
	createProgramme,
	createSpace,
	createThread,
	seasoned,
	setProfile,
	spaceOf,
	type Person,
	type Programme
} from './factories';

type Who =
	| 'visitor'
	| 'member'
	| 'space member'
	| 'space moderator'
	| 'alumnus'
	| 'coordinator'
	| 'platform moderator'
	| 'suspended';

let people: Record<Exclude<Who, 'visitor'>, Person>;
let programme: Programme;
let space: Record<'public' | 'members' | 'private' | 'programme', { id: string; slug: string }>;
let thread: Record<keyof typeof space, { id: string; number: number }>;

const claims = (who: Exclude<Who, 'visitor'>): Claims => people[who].claims;
const as = <T>(who: Who, fn: (sql: postgres.TransactionSql) => Promise<T>) =>
	who === 'visitor' ? withAnon(fn) : withUser(claims(who), fn);

beforeAll(async () => {
	programme = await createProgramme('Spaces School');
	const list = await Promise.all(Array.from({ length: 7 }, () => createPerson()));
	const [member, spaceMember, spaceModerator, alumnus, coordinator, platformModerator, suspended] =
		list as [Person, Person, Person, Person, Person, Person, Person];
	people = {
		member,
		'space member': spaceMember,
		'space moderator': spaceModerator,
		alumnus,
		coordinator,
		'platform moderator': platformModerator,
		suspended
	};
	await seasoned(...list);
	await asPlatformModerator(platformModerator);
	await addMembership(alumnus, programme, 'alumnus');
	await addMembership(coordinator, programme, 'coordinator');
	const members = [spaceMember, suspended];
	const moderators = [spaceModerator];
	space = {
		public: await createSpace({ visibility: 'public' }, { members, moderators }),
		members: await createSpace({ visibility: 'members', kind: 'region' }, { members, moderators }),
		private: await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members, moderators }
		),
		programme: await spaceOf(programme)
	};
	await asService(
		(sql) => sql`
			update public.space_members set suspended_until = now() + interval '1 day', suspension_reason = 'Spam'
			where profile_id = ${suspended.id}
		`
	);
	thread = {
		public: await createThread(space.public.id, spaceMember, { replies: 2 }),
		members: await createThread(space.members.id, spaceMember, { replies: 2 }),
		private: await createThread(space.private.id, spaceMember, {
			title: 'Secret plans',
			replies: 2
		}),
		programme: await createThread(space.programme.id, alumnus, { replies: 2 })
	};
});

describe('a programme’s space follows its memberships', () => {
	it('is made with the programme, and takes in its verified people: coordinators moderate', async () => {
		const rows = await asService(
			(sql) => sql<{ profile_id: string; role: string; via: string }[]>`
				select profile_id, role, via from public.space_members where space_id = ${space.programme.id}
				order by role
			`
		);
		expect(rows).toEqual([
			{ profile_id: people.alumnus.id, role: 'member', via: 'programme' },
			{ profile_id: people.coordinator.id, role: 'moderator', via: 'programme' }
		]);
	});

	it('a pending claim is not a place; verifying it is, withdrawing it ends it', async () => {
		const newcomer = await createPerson();
		await addMembership(newcomer, programme, 'alumnus', 'pending');
		const inSpace = () =>
			asService(
				(sql) => sql`
					select 1 from public.space_members where space_id = ${space.programme.id} and profile_id = ${newcomer.id}
				`
			).then((r) => r.length === 1);
		expect(await inSpace()).toBe(false);
		await asService(
			(sql) => sql`
				update public.memberships set status = 'verified', decided_at = now() where profile_id = ${newcomer.id}
			`
		);
		expect(await inSpace()).toBe(true);
		await withUser(
			newcomer.claims,
			(sql) => sql`delete from public.memberships where profile_id = ${newcomer.id}`
		);
		expect(await inSpace()).toBe(false);
	});

	it('a renamed programme renames its space', async () => {
		const other = await createProgramme('Renamed School');
		await asService(
			(sql) =>
				sql`update public.programmes set name = 'Renamed Academy' where id = ${other.programmeId}`
		);
		const [row] = await asService(
			(sql) =>
				sql<
					{ name: string }[]
				>`select name from public.spaces where programme_id = ${other.programmeId}`
		);
		expect(row?.name).toBe('Renamed Academy');
	});
});

const readsThread = (who: Who, key: keyof typeof space) =>
	as(who, (sql) => sql`select id from public.threads where id = ${thread[key].id}`).then(
		(r) => r.length === 1
	);
const readsPosts = (who: Who, key: keyof typeof space) =>
	as(who, (sql) => sql`select id from public.posts where thread_id = ${thread[key].id}`).then(
		(r) => r.length
	);

describe('who reads which space’s threads and posts', () => {
	it.each<[Who, boolean, boolean, boolean, boolean]>([
		// who                  public members private programme(members)
		['visitor', true, false, false, false],
		['member', true, true, false, true],
		['space member', true, true, true, true],
		['space moderator', true, true, true, true],
		['alumnus', true, true, false, true],
		['coordinator', true, true, false, true],
		['platform moderator', true, true, false, true],
		['suspended', true, true, true, true]
	])('%s: public %s, members %s, private %s, programme %s', async (who, ...expected) => {
		const keys = ['public', 'members', 'private', 'programme'] as const;
		expect(await Promise.all(keys.map((k) => readsThread(who, k)))).toEqual(expected);
		expect(await Promise.all(keys.map((k) => readsPosts(who, k)))).toEqual(
			expected.map((e) => (e ? 3 : 0))
		);
	});

	it('a private space’s name is listed for signed-in people, never for visitors', async () => {
		const listed = (who: Who) =>
			as(who, (sql) => sql`select id from public.spaces where id = ${space.private.id}`).then(
				(r) => r.length === 1
			);
		expect(await listed('visitor')).toBe(false);
		expect(await listed('member')).toBe(true);
	});

	it('a private space’s member list reaches its members only', async () => {
		const memberList = (who: Who) =>
			as(
				who,
				(sql) =>
					sql`select profile_id from public.space_members where space_id = ${space.private.id}`
			).then((r) => r.length);
		expect(await memberList('space member')).toBe(3);
		expect(await memberList('member')).toBe(0);
		expect(await memberList('platform moderator')).toBe(0);
	});

	it('leaving a private space stops reading it at once', async () => {
		const leaver = await createPerson();
		const wg = await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members: [leaver] }
		);
		const t = await createThread(wg.id, leaver);
		const reads = () =>
			withUser(
				leaver.claims,
				(sql) => sql`select id from public.posts where thread_id = ${t.id}`
			).then((r) => r.length);
		expect(await reads()).toBe(1);
		expect(await spaces.leave(leaver.claims, wg.id)).toBe(true);
		expect(await reads()).toBe(0);
	});
});

describe('one predicate, two shapes', () => {
	it.each<Who>(['visitor', 'member', 'space member', 'alumnus', 'platform moderator', 'suspended'])(
		'for %s, the readable set and the single question agree on every space',
		async (who) => {
			const rows = await as(
				who,
				(sql) => sql<{ id: string; single: boolean; inSet: boolean }[]>`
					select s.id, private.can_read_space(s.id) as single,
						s.id = any ((select private.readable_space_ids())::uuid[]) as "inSet"
					from public.spaces s
				`
			);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.filter((r) => r.single !== r.inSet)).toEqual([]);
		}
	);
});

describe('authors are named to the readers of their space', () => {
	it('even when their profile is only for themselves; not to people who may not read the space', async () => {
		await setProfile(people['space member'].id, { visibility: 'private' });
		const name = (who: Who, key: keyof typeof space) =>
			as(
				who,
				(sql) => sql<{ display_name: string }[]>`
					select a.display_name from private.author_in_space(${people['space member'].id}, ${space[key].id}) a
				`
			).then((r) => r.length);
		expect(await name('member', 'members')).toBe(1);
		expect(await name('visitor', 'public')).toBe(1);
		expect(await name('member', 'private')).toBe(0);
		expect(await name('visitor', 'members')).toBe(0);
		// Someone who neither belongs to nor wrote in a space is not named through it.
		const [{ n } = { n: -1 }] = await withUser(
			claims('member'),
			(sql) =>
				sql<{ n: number }[]>`
				select count(*)::int as n from private.author_in_space(${people.alumnus.id}, ${space.public.id})
			`
		);
		expect(n).toBe(0);
		await setProfile(people['space member'].id, { visibility: 'members' });
	});
});

describe('joining', () => {
	it('a member joins an open topic space by themselves, not a private one nor a programme’s', async () => {
		const joiner = await createPerson();
		expect(await spaces.join(joiner.claims, space.public.id)).toBe(true);
		expect(await spaces.join(joiner.claims, space.private.id)).toBe(false);
		await expect(
			withUser(
				joiner.claims,
				(sql) => sql`
				insert into public.space_members (space_id, profile_id) values (${space.private.id}, ${joiner.id})
			`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				joiner.claims,
				(sql) => sql`
				insert into public.space_members (space_id, profile_id) values (${space.programme.id}, ${joiner.id})
			`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('who joins by themselves is a plain member, whatever they ask for', async () => {
		const joiner = await createPerson();
		await withUser(
			joiner.claims,
			(sql) => sql`
			insert into public.space_members (space_id, profile_id, role) values (${space.public.id}, ${joiner.id}, 'moderator')
		`
		);
		const [row] = await asService(
			(sql) => sql<{ role: string }[]>`
				select role from public.space_members where space_id = ${space.public.id} and profile_id = ${joiner.id}
			`
		);
		expect(row?.role).toBe('member');
	});

	it('a member cannot make themselves a moderator or lift their suspension', async () => {
		await expect(
			withUser(
				claims('suspended'),
				(sql) => sql`
				update public.space_members set suspended_until = null where profile_id = ${people.suspended.id}
			`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				claims('space member'),
				(sql) => sql`
				update public.space_members set role = 'moderator'
				where profile_id = ${people['space member'].id} and space_id = ${space.public.id}
			`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a programme’s space is left by leaving the programme, not by leaving the space', async () => {
		expect(await spaces.leave(claims('alumnus'), space.programme.id)).toBe(false);
	});
});

describe('who starts threads and replies', () => {
	const title = 'Comments on the draft data protection bill';
	it.each<[Who, keyof typeof space, 'started' | 'not-allowed']>([
		['space member', 'public', 'started'],
		// An open topic space: whoever writes joins it.
		['member', 'public', 'started'],
		['member', 'members', 'started'],
		['member', 'private', 'not-allowed'],
		['platform moderator', 'private', 'not-allowed'],
		['suspended', 'public', 'not-allowed'],
		['alumnus', 'programme', 'started'],
		['member', 'programme', 'not-allowed']
	])('%s in the %s space: %s', async (who, key, outcome) => {
		const started = await threads.start(claims(who as Exclude<Who, 'visitor'>), space[key].id, {
			title,
			body: 'What do you think of article 12?'
		});
		expect(started === 'not-allowed' ? 'not-allowed' : 'started').toBe(outcome);
	});

	it('a visitor starts nothing', async () => {
		await expect(
			withAnon(
				(sql) => sql`
				insert into public.threads (space_id, title) values (${space.public.id}, 'Visitor thread')
			`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('replies are numbered in order, and the thread counts them', async () => {
		const t = await createThread(space.public.id, people['space member']);
		const a = await posts.reply(
			claims('space member'),
			{ id: t.id, space_id: space.public.id },
			{ body: 'Two' }
		);
		const b = await posts.reply(
			claims('space moderator'),
			{ id: t.id, space_id: space.public.id },
			{
				body: 'Three',
				reply_to: 2
			}
		);
		expect([a, b]).toEqual([{ number: 2 }, { number: 3 }]);
		const got = await threads.get(claims('member'), t.number);
		expect(got).toMatchObject({ last_post_number: 3, post_count: 3 });
	});

	it('a reply to a post that is not in the thread is refused', async () => {
		const t = await createThread(space.public.id, people['space member']);
		expect(
			await posts.reply(
				claims('space member'),
				{ id: t.id, space_id: space.public.id },
				{ body: 'x', reply_to: 7 }
			)
		).toBe('no-such-post');
	});

	it('nobody writes a thread’s counters or a post’s number', async () => {
		await expect(
			withUser(
				claims('space moderator'),
				(sql) => sql`
				update public.threads set last_post_number = 0 where id = ${thread.public.id}
			`
			)
		).rejects.toMatchObject({ code: '42501' });
		const t = await createThread(space.public.id, people['space member']);
		await withUser(
			claims('space member'),
			(sql) => sql`
			insert into public.posts (thread_id, author_id, body) values (${t.id}, ${people['space member'].id}, 'Hello')
		`
		);
		const [row] = await asService(
			(sql) => sql<{ number: number; space_id: string }[]>`
				select number, space_id from public.posts where thread_id = ${t.id} order by number desc limit 1
			`
		);
		expect(row).toEqual({ number: 2, space_id: space.public.id });
	});

	it('nobody posts as someone else', async () => {
		await expect(
			withUser(
				claims('space member'),
				(sql) => sql`
				insert into public.posts (thread_id, author_id, body) values (${thread.public.id}, ${people['space moderator'].id}, 'As you')
			`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('locks and slow mode', () => {
	it('a locked thread takes replies from its moderators only; only moderators lock', async () => {
		const t = await createThread(space.public.id, people['space member']);
		expect(await threads.moderate(claims('space member'), t.id, { locked: true })).toBe(false);
		expect(
			await threads.moderate(claims('space moderator'), t.id, { locked: true, pinned: true })
		).toBe(true);
		const where = { id: t.id, space_id: space.public.id };
		expect(await posts.reply(claims('space member'), where, { body: 'Still?' })).toBe('locked');
		expect(await posts.reply(claims('space moderator'), where, { body: 'Closing note.' })).toEqual({
			number: 2
		});
		expect(await threads.get(null, t.number)).toMatchObject({ locked: true, pinned: true });
	});

	it('the platform’s moderators lock in spaces that are not private', async () => {
		const t = await createThread(space.members.id, people['space member']);
		expect(await threads.moderate(claims('platform moderator'), t.id, { locked: true })).toBe(true);
		expect(
			await threads.moderate(claims('platform moderator'), thread.private.id, { locked: true })
		).toBe(false);
	});

	it('slow mode allows one post per person per wait', async () => {
		const t = await createThread(space.public.id, people['space moderator']);
		await withUser(
			claims('space moderator'),
			(sql) => sql`
			update public.threads set slow_mode_minutes = 10 where id = ${t.id}
		`
		);
		const where = { id: t.id, space_id: space.public.id };
		expect(await posts.reply(claims('space member'), where, { body: 'First' })).toEqual({
			number: 2
		});
		expect(await posts.reply(claims('space member'), where, { body: 'Second' })).toBe('slow');
		// Not theirs: RLS leaves the row out, so nothing changes.
		await expect(
			withUser(
				claims('space member'),
				(sql) =>
					sql`update public.threads set slow_mode_minutes = null where id = ${t.id} returning id`
			)
		).resolves.toHaveLength(0);
	});
});

describe('editing, removing and hiding', () => {
	it('the author edits; the earlier text is kept for the author and moderators only', async () => {
		const t = await createThread(space.public.id, people['space member']);
		const [first] = await posts.page(claims('space member'), t.id, {});
		expect(await posts.edit(claims('space moderator'), first!.id, 'Not yours')).toBe(false);
		expect(await posts.edit(claims('space member'), first!.id, 'Better words')).toBe(true);
		const [edited] = await posts.page(null, t.id, {});
		expect(edited).toMatchObject({ body: 'Better words' });
		expect(edited?.edited_at).toBeInstanceOf(Date);
		expect((await posts.revisions(claims('space member'), first!.id)).map((r) => r.body)).toEqual([
			'Post 1'
		]);
		expect(
			(await posts.revisions(claims('space moderator'), first!.id)).map((r) => r.body)
		).toEqual(['Post 1']);
		expect(await posts.revisions(claims('member'), first!.id)).toEqual([]);
	});

	it('a removed post stays, as removed, without its text', async () => {
		const t = await createThread(space.public.id, people['space member'], { replies: 1 });
		const [, second] = await posts.page(null, t.id, {});
		expect(await posts.remove(claims('space moderator'), second!.id)).toBe(false);
		expect(await posts.remove(claims('space member'), second!.id)).toBe(true);
		const [, removed] = await posts.page(claims('member'), t.id, {});
		expect(removed).toMatchObject({ number: 2, removed: true, body: '' });
		expect(await posts.edit(claims('space member'), second!.id, 'Back again')).toBe(false);
	});

	it('a hidden post reaches its author and the moderators, nobody else; only moderators hide', async () => {
		const t = await createThread(space.public.id, people['space member'], { replies: 1 });
		const [, second] = await posts.page(null, t.id, {});
		const hide = (who: Who) =>
			as(
				who,
				(sql) => sql`
				update public.posts set hidden_at = now(), hidden_reason = 'Personal attack' where id = ${second!.id}
				returning id
			`
			);
		await expect(hide('space member')).rejects.toMatchObject({ code: '42501' });
		expect(await hide('space moderator')).toHaveLength(1);
		const numbers = async (who: Who) =>
			(await posts.page(who === 'visitor' ? null : claims(who), t.id, {})).map((p) => p.number);
		expect(await numbers('space member')).toEqual([1, 2]);
		expect(await numbers('space moderator')).toEqual([1, 2]);
		expect(await numbers('platform moderator')).toEqual([1, 2]);
		expect(await numbers('member')).toEqual([1]);
		expect(await numbers('visitor')).toEqual([1]);
	});
});

describe('reactions', () => {
	it('members react once each, take it back; visitors and outsiders do not react', async () => {
		const [first] = await posts.page(null, thread.public.id, {});
		expect(await posts.react(claims('space member'), first!.id, 'thanks')).toBe(true);
		expect(await posts.react(claims('space moderator'), first!.id, 'thanks')).toBe(true);
		let [again] = await posts.page(claims('space member'), thread.public.id, {});
		expect(again?.reactions).toEqual([{ reaction: 'thanks', count: 2, mine: true }]);
		expect(await posts.react(claims('space member'), first!.id, 'thanks')).toBe(true);
		[again] = await posts.page(claims('space member'), thread.public.id, {});
		expect(again?.reactions).toEqual([{ reaction: 'thanks', count: 1, mine: false }]);
		const [secret] = await posts.page(claims('space member'), thread.private.id, {});
		expect(await posts.react(claims('member'), secret!.id, 'like')).toBe(false);
		expect(await posts.react(claims('suspended'), first!.id, 'like')).toBe(false);
	});
});

describe('read state', () => {
	it('is the person’s own, only rises, and makes unread one subtraction', async () => {
		const t = await createThread(space.public.id, people['space moderator'], { replies: 4 });
		await threads.markRead(claims('space member'), t.id, 3);
		await threads.markRead(claims('space member'), t.id, 2);
		const got = await threads.get(claims('space member'), t.number);
		expect(got?.last_read_number).toBe(3);
		expect(got!.last_post_number - got!.last_read_number!).toBe(2);
		const others = await withUser(
			claims('member'),
			(sql) => sql`
			select profile_id from public.thread_reads where profile_id = ${people['space member'].id}
		`
		);
		expect(others).toHaveLength(0);
	});

	it('nobody records reading a thread they may not read', async () => {
		await expect(threads.markRead(claims('member'), thread.private.id, 1)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('the space list counts new and unread threads for a member who tracks it', async () => {
		const reader = await createPerson();
		const wg = await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members: [reader] }
		);
		const opened = await createThread(wg.id, people['space moderator'], { replies: 1 });
		await createThread(wg.id, people['space moderator']);
		await threads.markRead(reader.claims, opened.id, 1);
		const card = (await spaces.list(reader.claims)).find((s) => s.id === wg.id);
		expect(card).toMatchObject({ new_threads: 1, unread_threads: 1, my_role: 'member' });
		await spaces.watch(reader.claims, wg.id, 'muted');
		const muted = (await spaces.list(reader.claims)).find((s) => s.id === wg.id);
		expect(muted).toMatchObject({ new_threads: 0, unread_threads: 0 });
	});

	it('the counts are kept while true, and made again after a post, a read or a new watch level; they are the person’s own', async () => {
		const reader = await createPerson();
		const wg = await createSpace(
			{ visibility: 'private', kind: 'working_group' },
			{ members: [reader, people['space member']] }
		);
		const opened = await createThread(wg.id, people['space moderator'], { replies: 1 });
		await threads.markRead(reader.claims, opened.id, 1);
		const countsOf = async () => {
			const card = (await spaces.list(reader.claims)).find((s) => s.id === wg.id)!;
			return [card.new_threads, card.unread_threads];
		};
		const kept = () =>
			withUser(
				reader.claims,
				(sql) =>
					sql<{ new_threads: number; unread_threads: number }[]>`
						select new_threads, unread_threads from public.space_counts where space_id = ${wg.id}
					`
			).then((rows) => rows.map((r) => [r.new_threads, r.unread_threads]));

		expect(await countsOf()).toEqual([0, 1]);
		expect(await kept()).toEqual([[0, 1]]);
		// Kept counts are what the list says while nothing changed (a wrong row would show).
		await withUser(
			reader.claims,
			(sql) => sql`update public.space_counts set unread_threads = 7 where space_id = ${wg.id}`
		);
		expect(await countsOf()).toEqual([0, 7]);
		// A new thread in the space: counted again.
		await createThread(wg.id, people['space moderator']);
		expect(await countsOf()).toEqual([1, 1]);
		// Reading up to the end forgets them too.
		await threads.markRead(reader.claims, opened.id, 2);
		expect(await kept()).toEqual([]);
		expect(await countsOf()).toEqual([1, 0]);
		await spaces.watch(reader.claims, wg.id, 'normal');
		expect(await kept()).toEqual([]);
		// No one else reads them, nor a visitor.
		const theirs = await withUser(
			people['space member'].claims,
			(sql) => sql`select 1 from public.space_counts where space_id = ${wg.id}`
		);
		expect(theirs).toHaveLength(0);
		await expect(withAnon((sql) => sql`select 1 from public.space_counts`)).rejects.toThrow(
			/permission denied/
		);
	});
});

describe('realtime topics', () => {
	/** Whether joining `topic` is allowed, checked as Realtime does: a probe row read back. */
	const mayJoin = (who: Exclude<Who, 'visitor'>, topic: string) =>
		asService(
			(sql) => sql<{ id: string }[]>`
				insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)
				returning id
			`
		).then(async ([probe]) => {
			try {
				return await withUser(claims(who), async (tx) => {
					await tx`select set_config('realtime.topic', ${topic}, true)`;
					const rows = await tx`select id from realtime.messages where id = ${probe!.id}`;
					return rows.length === 1;
				});
			} finally {
				await asService((sql) => sql`delete from realtime.messages where id = ${probe!.id}`);
			}
		});

	it.each<[Exclude<Who, 'visitor'>, keyof typeof space, boolean]>([
		['space member', 'private', true],
		['member', 'private', false],
		['platform moderator', 'private', false],
		['member', 'members', true],
		['alumnus', 'programme', true]
	])('%s joins the %s space’s thread and space topics: %s', async (who, key, allowed) => {
		expect(await mayJoin(who, `thread:${thread[key].id}`)).toBe(allowed);
		expect(await mayJoin(who, `space:${space[key].id}`)).toBe(allowed);
	});

	it('a malformed topic is refused, never an error', async () => {
		expect(await mayJoin('member', 'thread:not-a-uuid')).toBe(false);
	});

	it('typing and presence on a thread: its readers only', async () => {
		const say = (who: Exclude<Who, 'visitor'>, topic: string) =>
			withUser(claims(who), async (tx) => {
				await tx`select set_config('realtime.topic', ${topic}, true)`;
				await tx`insert into realtime.messages (topic, extension, private) values (${topic}, 'presence', true)`;
			});
		await expect(say('space member', `thread:${thread.private.id}`)).resolves.toBeUndefined();
		await expect(say('member', `thread:${thread.private.id}`)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('a new post is broadcast with numbers and ids, never its text', async () => {
		const t = await createThread(space.private.id, people['space member']);
		const sent = await asService(
			(sql) => sql<{ topic: string; event: string; payload: Record<string, unknown> }[]>`
				select topic, event, payload from realtime.messages
				where topic in (${'thread:' + t.id}, ${'space:' + space.private.id}) and event in ('post', 'activity')
				  and payload ->> 'thread_id' = ${t.id}
			`
		);
		expect(sent.map((s) => s.event).sort()).toEqual(['activity', 'post']);
		for (const message of sent) expect(JSON.stringify(message.payload)).not.toContain('Post 1');
	});
});
