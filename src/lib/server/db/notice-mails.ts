/**
 * The notice mail job's queries (public.notice_mails, public.notice_digests; see
 * supabase/migrations/…_notice_mails.sql). They run as the service (a background job writing
 * other people's mail) and say so; what a mail says about a post is read AS ITS RECIPIENT, under
 * their RLS, inside the same transaction (readAs), so a person who may no longer read a space
 * gets none of its words. Rows are claimed `for update skip locked` and marked done in the
 * transaction that queues their mail: whichever instances run, a notice is mailed once.
 */
import type { Family } from '$lib/schemas/mail-settings';
import type { NotificationPayload } from './notifications';
import { asService, type Tx } from './client';

export type Cadence = 'each' | 'daily' | 'weekly' | 'off';
export type Outcome = 'mailed' | 'digested' | 'off' | 'unreadable' | 'stale';

/** A queued notice with its recipient and their setting for its family, now. */
export type QueuedNotice = {
	notification_id: string;
	profile_id: string;
	family: Family;
	kind: string;
	payload: NotificationPayload;
	created_at: Date;
	email: string;
	display_name: string;
	locale: string | null;
	time_zone: string | null;
	cadence: Cadence;
};

/** What a notice about a post says, read as its recipient (null: they may not read it). */
export type PostSeen = {
	thread_id: string;
	thread_title: string;
	thread_number: number;
	thread_slug: string;
	space_slug: string;
	space_name: string;
	post_id: string;
	post_number: number;
	body: string;
	actor_name: string | null;
	root_id: string;
	parent_id: string | null;
};

const CADENCE = (sql: Tx) => sql`
	case q.family
	  when 'mentions' then coalesce(s.mentions, 'each')
	  when 'watching' then coalesce(s.watching, 'daily')
	  else coalesce(s.coordination, 'daily')
	end
`;

const QUEUED = (sql: Tx) => sql`
	q.notification_id, q.profile_id, q.family, n.kind, n.payload, q.created_at, u.email,
	p.display_name, p.locale, p.time_zone, ${CADENCE(sql)} as cadence
	from public.notice_mails q
	join public.notifications n on n.id = q.notification_id
	join public.profiles p on p.id = q.profile_id
	join auth.users u on u.id = q.profile_id
	left join public.mail_settings s on s.profile_id = q.profile_id
`;

/**
 * Runs `fn` as `person` (role authenticated, their claims) inside a service transaction, then
 * gives the transaction back to the service. If fn fails the transaction is aborted and rolls
 * back whole, so it never goes on as the person.
 */
export async function readAs<T>(sql: Tx, person: string, fn: (sql: Tx) => Promise<T>): Promise<T> {
	await sql`
		select set_config('request.jwt.claims', ${JSON.stringify({ sub: person, role: 'authenticated' })}, true),
		       set_config('role', 'authenticated', true)
	`;
	const result = await fn(sql);
	await sql`set local role none`;
	await sql`select set_config('request.jwt.claims', '', true)`;
	return result;
}

/** The post a notice is about, as its recipient may read it (a hidden or removed post: null). */
export async function postSeenBy(sql: Tx, person: string, payload: NotificationPayload) {
	const thread = typeof payload.thread_id === 'string' ? payload.thread_id : null;
	const number = Number(payload.post_number);
	if (!thread || !Number.isSafeInteger(number)) return null;
	return readAs(sql, person, async (sql) => {
		const [row] = await sql<PostSeen[]>`
			select t.id as thread_id, t.title as thread_title, t.number::int as thread_number,
			       t.slug as thread_slug, s.slug as space_slug, s.name as space_name,
			       p.id as post_id, p.number as post_number, p.body,
			       (select a.display_name from private.author_in_space(p.author_id, t.space_id) a) as actor_name,
			       (select r.id from public.posts r where r.thread_id = t.id and r.number = 1) as root_id,
			       (select r.id from public.posts r
			        where r.thread_id = t.id and r.number = coalesce(p.reply_to, 1) and p.number > 1) as parent_id
			from public.posts p
			join public.threads t on t.id = p.thread_id
			join public.spaces s on s.id = t.space_id
			where p.thread_id = ${thread} and p.number = ${number}
			  and p.hidden_at is null and p.removed_at is null
		`;
		return row ?? null;
	});
}

/**
 * Whether the recipient of a coordinator's notice still coordinates its programme, asked as
 * them: someone who no longer does is not mailed about its claims and suggestions.
 */
export async function stillCoordinates(sql: Tx, person: string, payload: NotificationPayload) {
	const slug = typeof payload.programme_slug === 'string' ? payload.programme_slug : null;
	if (!slug) return false;
	return readAs(sql, person, async (sql) => {
		const [row] = await sql<{ ok: boolean }[]>`
			select private.is_coordinator_of(p.id) as ok from public.programmes p where p.slug = ${slug}
		`;
		return row?.ok ?? false;
	});
}

/** Marks queued notices done with what became of them (only those not done yet). */
const finish = (sql: Tx, done: { id: string; outcome: Outcome }[]) =>
	done.length
		? sql`
				update public.notice_mails q set done_at = now(), outcome = d.outcome
				from (select unnest(${sql.array(done.map((d) => d.id))}::uuid[]) as id,
				             unnest(${sql.array(done.map((d) => d.outcome))}::text[]) as outcome) d
				where q.notification_id = d.id and q.done_at is null
			`
		: Promise.resolve([]);

/**
 * Takes up to `limit` queued notices no other instance holds whose family the recipient wants
 * as each happens (or not at all), hands them to `handle` — which queues the mails and says
 * what became of each — and marks them done, all in one transaction; the number taken (0: none
 * due). A failure rolls it all back: the rows wait for the next run.
 */
export const eachDue = (
	handle: (sql: Tx, notices: QueuedNotice[]) => Promise<{ id: string; outcome: Outcome }[]>,
	limit = 50
) =>
	// As the service: a background job, writing other people's mail and the outbox.
	asService(async (sql) => {
		const due = await sql<QueuedNotice[]>`
			select ${QUEUED(sql)}
			where q.done_at is null and ${CADENCE(sql)} in ('each', 'off')
			order by q.created_at
			limit ${limit}
			for update of q skip locked
		`;
		if (!due.length) return 0;
		await finish(sql, await handle(sql, due));
		return due.length;
	});

/** A digest to build: a person, a cadence and its period (the first day, the instants it spans). */
export type DigestDue = {
	profile_id: string;
	cadence: 'daily' | 'weekly';
	period_start: string;
	starts_at: Date;
	ends_at: Date;
};

/**
 * The digests due now: people with queued notices of a family they want daily (or weekly) whose
 * last whole day (or week, from Monday) in their own time zone has ended since, and whose digest
 * of that period was not built yet (and who have a queued notice from before its end, so that
 * a digest is never recorded before what it should hold). At most `limit` per run.
 */
export const digestsDue = (limit = 50) =>
	// As the service: a background job, reading other people's queues and settings.
	asService(
		(sql) => sql<DigestDue[]>`
			with queued as (
				select distinct q.profile_id, ${CADENCE(sql)} as cadence,
				       coalesce(p.time_zone, 'UTC') as zone
				from public.notice_mails q
				join public.profiles p on p.id = q.profile_id
				left join public.mail_settings s on s.profile_id = q.profile_id
				where q.done_at is null and ${CADENCE(sql)} in ('daily', 'weekly')
			), periods as (
				select profile_id, cadence, zone,
				       case when cadence = 'daily' then (now() at time zone zone)::date - 1
				            else date_trunc('week', now() at time zone zone)::date - 7 end as period_start
				from queued
			)
			select d.profile_id, d.cadence, d.period_start::text as period_start,
			       d.period_start::timestamp at time zone d.zone as starts_at,
			       (d.period_start + case when d.cadence = 'daily' then 1 else 7 end)::timestamp
			         at time zone d.zone as ends_at
			from periods d
			where exists (
				select 1 from public.notice_mails q
				where q.profile_id = d.profile_id and q.done_at is null
				  and q.created_at < (d.period_start + case when d.cadence = 'daily' then 1 else 7 end)::timestamp
				        at time zone d.zone
			) and not exists (
				select 1 from public.notice_digests g
				where g.profile_id = d.profile_id and g.cadence = d.cadence and g.period_start = d.period_start
			)
			order by d.profile_id, d.cadence
			limit ${limit}
		`
	);

/**
 * Builds one digest, once: records it (person, cadence, period) — a second instance, or a
 * retried run, finds it recorded and does nothing — then takes that person's queued notices of
 * the families at that cadence from the period (older ones are stale: the person chose this
 * cadence since), hands them to `handle` and marks them done, in one transaction. False when
 * the digest was built already.
 */
export const buildDigest = (
	digest: DigestDue,
	handle: (sql: Tx, notices: QueuedNotice[]) => Promise<{ id: string; outcome: Outcome }[]>
) =>
	// As the service: a background job, writing other people's mail and the outbox.
	asService(async (sql) => {
		const [fresh] = await sql`
			insert into public.notice_digests (profile_id, cadence, period_start)
			values (${digest.profile_id}, ${digest.cadence}, ${digest.period_start})
			on conflict do nothing
			returning profile_id
		`;
		if (!fresh) return false;
		const queued = await sql<QueuedNotice[]>`
			select ${QUEUED(sql)}
			where q.profile_id = ${digest.profile_id} and q.done_at is null
			  and ${CADENCE(sql)} = ${digest.cadence} and q.created_at < ${digest.ends_at}
			order by q.created_at
			for update of q skip locked
		`;
		const stale = queued.filter((n) => n.created_at < digest.starts_at);
		const current = queued.filter((n) => n.created_at >= digest.starts_at);
		const done = [
			...stale.map((n) => ({ id: n.notification_id, outcome: 'stale' as const })),
			...(current.length ? await handle(sql, current) : [])
		];
		await finish(sql, done);
		const digested = done.filter((d) => d.outcome === 'digested').length;
		await sql`
			update public.notice_digests set notices = ${digested}
			where profile_id = ${digest.profile_id} and cadence = ${digest.cadence}
			  and period_start = ${digest.period_start}
		`;
		return true;
	});
