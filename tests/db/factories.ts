/**
 * Test data, built fresh by each test: people (rows in auth.users, whose trigger makes their
 * profile) and the claims their access token would carry.
 */
import { randomUUID } from 'node:crypto';
import { asService, type Claims } from '$lib/server/db/client';

export type Person = { id: string; email: string; claims: Claims };

let counter = 0;

/** A confirmed account, as Supabase Auth would create it, and the claims of its access token. */
export async function createPerson(
	options: { displayName?: string; email?: string; metadata?: Record<string, unknown> } = {}
): Promise<Person> {
	const id = randomUUID();
	counter += 1;
	const email = options.email ?? `person${counter}-${id.slice(0, 8)}@example.test`;
	const metadata = {
		display_name: options.displayName ?? `Person ${counter}`,
		...options.metadata
	};
	// Test setup writes auth.users directly, as the auth service does.
	await asService(
		(sql) => sql`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, '',
			        now(), ${sql.json({ provider: 'email', providers: ['email'] })}, ${sql.json(metadata)}, now(), now())
		`
	);
	const now = Math.floor(Date.now() / 1000);
	return {
		id,
		email,
		claims: {
			sub: id,
			role: 'authenticated',
			aud: 'authenticated',
			email,
			iat: now,
			exp: now + 3600,
			session_id: randomUUID(),
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: metadata
		}
	};
}

/**
 * Makes the person a platform admin as the service does (app_metadata.platform_role in auth.users,
 * which is what the database asks), and returns the claims their next token carries.
 */
export async function asAdmin(person: Person): Promise<Claims> {
	await asService(
		(sql) => sql`
			update auth.users
			set raw_app_meta_data = raw_app_meta_data || ${sql.json({ platform_role: 'admin' })}::jsonb
			where id = ${person.id}
		`
	);
	return {
		...person.claims,
		app_metadata: { ...person.claims.app_metadata, platform_role: 'admin' }
	};
}

/** Changes a profile the way only the service may (test setup). */
export function setProfile(id: string, values: Record<string, string | null>) {
	return asService((sql) => sql`update public.profiles set ${sql(values)} where id = ${id}`);
}

export type Programme = { organisationId: string; programmeId: string; cohortId: string };

/** An organisation with one programme and one cohort (the compendium is written by the service). */
export async function createProgramme(
	name = 'Test School of Internet Governance'
): Promise<Programme> {
	const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}`;
	return asService(async (sql) => {
		const [org] = await sql<{ id: string }[]>`
			insert into public.organisations (slug, name) values (${slug}, ${name + ' Foundation'}) returning id
		`;
		const [programme] = await sql<{ id: string }[]>`
			insert into public.programmes (slug, organisation_id, name, kind, format, scope)
			values (${slug}, ${org!.id}, ${name}, 'school-of-internet-governance', 'blended', 'regional')
			returning id
		`;
		const [cohort] = await sql<{ id: string }[]>`
			insert into public.cohorts (programme_id, edition, starts_on, ends_on)
			values (${programme!.id}, '2025', '2025-06-01', '2025-06-07')
			returning id
		`;
		return { organisationId: org!.id, programmeId: programme!.id, cohortId: cohort!.id };
	});
}

/** A membership decided on by the service (test setup), e.g. a programme's first coordinator. */
export function addMembership(
	person: Person,
	programme: Programme,
	role: 'alumnus' | 'trainer' | 'coordinator',
	status: 'pending' | 'verified' | 'declined' = 'verified'
) {
	return asService(
		(sql) => sql`
			insert into public.memberships (profile_id, programme_id, cohort_id, role, status, decided_at)
			values (${person.id}, ${programme.programmeId}, ${role === 'alumnus' ? programme.cohortId : null}, ${role},
			        ${status}, ${status === 'pending' ? null : new Date()})
		`
	);
}

/**
 * Test setup: the database refuses (raises 'boom') any invitation to `email`, as a lost race or an
 * outage would. Returns what takes the refusal away again.
 */
export async function refuseInvitationsTo(email: string): Promise<() => Promise<void>> {
	await asService(async (sql) => {
		await sql.unsafe(`
			create or replace function public.test_boom() returns trigger language plpgsql as $$
			begin raise exception 'boom'; end $$;
			create trigger test_boom before insert on public.membership_invitations
			for each row when (new.email = '${email.replace(/'/g, "''")}') execute function public.test_boom();
		`);
	});
	return () =>
		asService(
			async (sql) => void (await sql`drop trigger test_boom on public.membership_invitations`)
		);
}

export type EventValues = {
	title?: string;
	visibility?: 'public' | 'members' | 'programmes';
	capacity?: number | null;
	format?: 'online' | 'in-person' | 'hybrid';
	startsAt?: Date;
	joinUrl?: string | null;
};

/**
 * An event organised by `programme`, added as the service would (test setup): an hour long,
 * starting in a week unless told otherwise, with its join link.
 */
export async function createEvent(programme: Programme, values: EventValues = {}) {
	const startsAt = values.startsAt ?? new Date(Date.now() + 7 * 24 * 3600_000);
	return asService(async (sql) => {
		const [event] = await sql<{ id: string; slug: string }[]>`
			insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at, capacity, visibility)
			values ('test-event', ${values.title ?? 'Test webinar'}, 'webinar', ${values.format ?? 'online'},
			        'Europe/Zurich', ${startsAt}, ${new Date(startsAt.getTime() + 3600_000)},
			        ${values.capacity ?? null}, ${values.visibility ?? 'public'})
			returning id, slug
		`;
		await sql`
			insert into public.event_organisers (event_id, programme_id) values (${event!.id}, ${programme.programmeId})
		`;
		const joinUrl =
			values.joinUrl === undefined ? 'https://meet.example.test/room' : values.joinUrl;
		if (joinUrl) {
			await sql`insert into public.event_join_links (event_id, join_url) values (${event!.id}, ${joinUrl})`;
		}
		return event!;
	});
}

/** A platform moderator (app_metadata.platform_role, as an admin would grant it). */
export async function asPlatformModerator(person: Person): Promise<Claims> {
	await asService(
		(sql) => sql`
			update auth.users
			set raw_app_meta_data = raw_app_meta_data || ${sql.json({ platform_role: 'moderator' })}::jsonb
			where id = ${person.id}
		`
	);
	return person.claims;
}

export type SpaceValues = {
	kind?: 'topic' | 'region' | 'working_group';
	visibility?: 'public' | 'members' | 'private';
	name?: string;
};

/** A space (as an admin makes it), with its members and moderators added by the service. */
export async function createSpace(
	values: SpaceValues = {},
	people: { members?: Person[]; moderators?: Person[] } = {}
): Promise<{ id: string; slug: string }> {
	const kind = values.kind ?? 'topic';
	const slug = `space-${randomUUID().slice(0, 8)}`;
	return asService(async (sql) => {
		const [space] = await sql<{ id: string; slug: string }[]>`
			insert into public.spaces (slug, kind, name, visibility, topic_slug, region_code)
			values (${slug}, ${kind}, ${values.name ?? 'Test space'}, ${values.visibility ?? 'public'},
			        ${kind === 'topic' ? 'cybersecurity' : null}, ${kind === 'region' ? '002' : null})
			returning id, slug
		`;
		const rows = [
			...(people.members ?? []).map((p) => ({
				space_id: space!.id,
				profile_id: p.id,
				role: 'member'
			})),
			...(people.moderators ?? []).map((p) => ({
				space_id: space!.id,
				profile_id: p.id,
				role: 'moderator'
			}))
		];
		if (rows.length) await sql`insert into public.space_members ${sql(rows)}`;
		return space!;
	});
}

/** The space a programme got with it. */
export function spaceOf(programme: Programme): Promise<{ id: string; slug: string }> {
	return asService(async (sql) => {
		const [space] = await sql<{ id: string; slug: string }[]>`
			select id, slug from public.spaces where programme_id = ${programme.programmeId} and kind = 'programme'
		`;
		return space!;
	});
}

/** A thread with its opening post and `replies` more, written by the service as `author`. */
export async function createThread(
	spaceId: string,
	author: Person,
	{ title = 'A test thread', replies = 0 }: { title?: string; replies?: number } = {}
): Promise<{ id: string; number: number }> {
	return asService(async (sql) => {
		const [thread] = await sql<{ id: string; number: string }[]>`
			insert into public.threads (space_id, author_id, title, slug)
			values (${spaceId}, ${author.id}, ${title}, 'a-test-thread')
			returning id, number
		`;
		for (let i = 0; i <= replies; i += 1) {
			await sql`insert into public.posts (thread_id, author_id, body) values (${thread!.id}, ${author.id}, ${`Post ${i + 1}`})`;
		}
		return { id: thread!.id, number: Number(thread!.number) };
	});
}

/** Someone who has been here for two months: past the limits on new accounts' posts. */
export function seasoned(...people: Person[]) {
	return asService(
		(sql) => sql`
			update auth.users set created_at = now() - interval '60 days'
			where id in ${sql(people.map((p) => p.id))}
		`
	);
}
