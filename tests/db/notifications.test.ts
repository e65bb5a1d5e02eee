import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as notifications from '$lib/server/db/notifications';
import { createPerson, type Person } from './factories';

/**
 * Notifications as the triggers write them (public.notify, which only the service may call), one
 * a millisecond apart so that the order is known; some share a timestamp to test the tie-break.
 */
async function notify(person: Person, count: number, { sameTime = false } = {}) {
	await asService(
		(sql) => sql`
			insert into public.notifications (recipient_id, kind, payload, created_at)
			select ${person.id}, 'membership_verified',
			       jsonb_build_object('programme_name', 'School ' || n, 'programme_slug', 'school-' || n),
			       ${sameTime ? sql`timestamptz '2026-01-01 12:00:00.123456+00'` : sql`now() - (n * interval '1 millisecond')`}
			from generate_series(1, ${count}) as n
		`
	);
}

const idsOf = (person: Person) =>
	asService(
		(sql) => sql<{ id: string }[]>`
			select id from public.notifications where recipient_id = ${person.id}
			order by created_at desc, id desc
		`
	).then((rows) => rows.map((r) => r.id));

describe('a person’s notifications', () => {
	let person: Person, other: Person;

	beforeAll(async () => {
		[person, other] = await Promise.all([createPerson(), createPerson()]);
		await notify(person, 3);
		await notify(other, 2);
	});

	it('each person lists only their own, newest first, with their unread count', async () => {
		const mine = await notifications.list(person.claims);
		expect(mine.items.map((n) => n.id)).toEqual(await idsOf(person));
		expect(mine.items.map((n) => n.payload.programme_name)).toEqual([
			'School 1',
			'School 2',
			'School 3'
		]);
		expect(mine.unread.count).toBe(3);
		expect(mine.next).toBeNull();
		const theirs = await notifications.list(other.claims);
		expect(theirs.items).toHaveLength(2);
		expect(theirs.items.some((n) => mine.items.some((m) => m.id === n.id))).toBe(false);
	});

	it('another member can neither read nor mark them; a visitor gets nothing at all', async () => {
		const [first] = await idsOf(person);
		const seen = await withUser(
			other.claims,
			(sql) => sql`select id from public.notifications where id = ${first!}`
		);
		expect(seen).toEqual([]);
		// Through the module (as the page's action does) and in plain SQL: nothing is marked.
		expect(await notifications.markRead(other.claims, first)).toBe(0);
		const forced = await withUser(
			other.claims,
			(sql) =>
				sql`update public.notifications set read_at = now() where id = ${first!} returning id`
		);
		expect(forced).toEqual([]);
		// "Mark all as read" by someone else marks only their own.
		expect(await notifications.markRead(other.claims)).toBe(2);
		expect((await notifications.list(person.claims)).unread.count).toBe(3);
		// A cursor that is someone else's notification finds nothing of theirs either.
		expect((await notifications.list(other.claims, { before: first })).items).toEqual([]);

		await expect(withAnon((sql) => sql`select id from public.notifications`)).rejects.toMatchObject(
			{ code: '42501' }
		);
		await expect(
			withAnon((sql) => sql`update public.notifications set read_at = now()`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the person marks one, then all, as read', async () => {
		const reader = await createPerson();
		await notify(reader, 3);
		const [first, second] = await idsOf(reader);
		expect(await notifications.markRead(reader.claims, first)).toBe(1);
		// Marking it again changes nothing (another tab did it already).
		expect(await notifications.markRead(reader.claims, first)).toBe(0);
		const page = await notifications.list(reader.claims);
		expect(page.unread.count).toBe(2);
		expect(page.items.find((n) => n.id === first)?.read_at).toBeInstanceOf(Date);
		expect(page.items.find((n) => n.id === second)?.read_at).toBeNull();
		expect(await notifications.markRead(reader.claims)).toBe(2);
		expect((await notifications.list(reader.claims)).unread.count).toBe(0);
	});

	it('pages by keyset, newest first, each once, also when timestamps tie', async () => {
		const reader = await createPerson();
		await notify(reader, 23);
		await notify(reader, 4, { sameTime: true });
		const seen: string[] = [];
		let before: string | undefined;
		for (let pages = 0; pages < 10; pages++) {
			const page = await notifications.list(reader.claims, { before, limit: 10 });
			seen.push(...page.items.map((n) => n.id));
			if (!page.next) break;
			expect(page.next).toBe(page.items.at(-1)?.id);
			before = page.next;
		}
		expect(seen).toHaveLength(27);
		expect(seen).toEqual(await idsOf(reader));
		// A cursor that is no notification at all yields an empty page, not an error.
		expect((await notifications.list(reader.claims, { before: randomUUID() })).items).toEqual([]);
	});

	it('the header’s count is cached per person, and dropped when they mark read', async () => {
		const reader = await createPerson();
		await notify(reader, 2);
		const first = await notifications.unreadCount(reader.claims);
		expect(first.count).toBe(2);
		expect(Date.parse(first.at)).not.toBeNaN();
		// A notification that arrives meanwhile is not counted yet (the browser adds it from the
		// live notice, whose created_at is after `at`)...
		await notify(reader, 1);
		const cached = await notifications.unreadCount(reader.claims);
		expect(cached).toEqual(first);
		const [newest] = await asService(
			(sql) => sql<{ created_at: Date }[]>`
				select max(created_at) as created_at from public.notifications where recipient_id = ${reader.id}
			`
		);
		expect(newest!.created_at.getTime()).toBeGreaterThanOrEqual(Date.parse(first.at));
		// ...and marking read drops the cached count at once.
		const [one] = await idsOf(reader);
		await notifications.markRead(reader.claims, one);
		expect((await notifications.unreadCount(reader.claims)).count).toBe(2);
		// Another person's count is their own.
		expect((await notifications.unreadCount(person.claims)).count).toBe(3);
	});
});

describe('the notification queries use their indexes', () => {
	let reader: Person;

	beforeAll(async () => {
		// A realistic table, analysed: 399 people with 50 notifications each, and the reader, a busy
		// coordinator, with 1,000 (some 21,000 rows).
		reader = await createPerson();
		await asService(async (sql) => {
			const people = await sql<{ id: string }[]>`
				insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
				                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
				select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
				       'authenticated', 'bulk' || n || '-' || gen_random_uuid() || '@example.test', '',
				       '{}', '{}', now(), now()
				from generate_series(1, 399) as n
				returning id
			`;
			await sql`
				insert into public.notifications (recipient_id, kind, payload, created_at, read_at)
				select p.id, 'membership_verified', '{}', now() - (n * interval '1 minute'),
				       case when n > 5 then now() end
				from unnest(${sql.array(people.map((p) => p.id))}::uuid[]) as p (id),
				     generate_series(1, 50) as n
			`;
			await sql`
				insert into public.notifications (recipient_id, kind, payload, created_at, read_at)
				select ${reader.id}, 'membership_verified', '{}', now() - (n * interval '1 minute'),
				       case when n > 5 then now() end
				from generate_series(1, 1000) as n
			`;
			await sql`analyze public.notifications`;
		});
	});

	/** The plan of a query as the person runs it (RLS applies), sequential scans allowed. */
	const plan = (query: string) =>
		withUser(reader.claims, async (sql) => {
			const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});

	it('a keyset page reads one range of the (recipient, created_at, id) index, unsorted', async () => {
		const [, cursor] = await idsOf(reader);
		// The second page's cursor: nearly all of the reader's 1,000 lie beyond it.
		const text = await plan(`
			select id, kind, payload, created_at, read_at from public.notifications
			where recipient_id = '${reader.id}'
			  and (created_at, id) < ((select c.created_at from public.notifications c where c.id = '${cursor}'), '${cursor}'::uuid)
			order by created_at desc, id desc limit 21
		`);
		expect(text).toContain('Index Scan using notifications_recipient_id_created_at_id_idx');
		expect(text).toMatch(/Index Cond: .*ROW\(created_at, id\) </);
		expect(text).not.toContain('Seq Scan');
		expect(text).not.toMatch(/\bSort\b/);
	});

	it('the unread count reads the partial index of unread ones', async () => {
		const text = await plan(`
			select count(*)::int, now() from public.notifications
			where recipient_id = '${reader.id}' and read_at is null
		`);
		expect(text).toContain('notifications_unread_idx');
		expect(text).not.toContain('Seq Scan');
	});
});

describe('opening a notification', () => {
	it('marks it read for its recipient and gives it back; for anyone else it is not there and stays unread', async () => {
		const [person, other] = await Promise.all([createPerson(), createPerson()]);
		await notify(person, 2);
		const [first, second] = await idsOf(person);
		expect(await notifications.open(other.claims, first!)).toBeUndefined();
		expect((await notifications.list(person.claims)).unread.count).toBe(2);

		const opened = await notifications.open(person.claims, first!);
		expect(opened).toMatchObject({ id: first, kind: 'membership_verified' });
		const after = await notifications.list(person.claims);
		expect(after.unread.count).toBe(1);
		expect(after.items.find((n) => n.id === first)!.read_at).not.toBeNull();
		expect(after.items.find((n) => n.id === second)!.read_at).toBeNull();
		// Opening it again keeps the first time it was read.
		const readAt = after.items.find((n) => n.id === first)!.read_at;
		await notifications.open(person.claims, first!);
		const again = await notifications.list(person.claims);
		expect(again.items.find((n) => n.id === first)!.read_at).toEqual(readAt);
	});
});
