/**
 * Profiles: one person's profile as each viewer may see it, the person's own edits, and "download
 * my data". The database decides visibility (profile_cards masks fields, row policies guard the
 * lists); these queries only shape the results. Finding people is the directory's (directory.ts).
 */
import type { Locale } from '$lib/paraglide/runtime';
import { withUser, withViewer, type Claims, type Tx } from './client';
import { forgetMatches } from './directory';

export const AUDIENCES = ['public', 'members', 'programmes', 'private'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The parts of a profile with their own audience, in the order the editor shows them. */
export const VISIBILITY_FIELDS = [
	'headline',
	'work',
	'location',
	'city',
	'stakeholder',
	'bio',
	'topics',
	'languages',
	'positions',
	'links',
	'open_to',
	'time_zone',
	'email'
] as const;
export type VisibilityField = (typeof VISIBILITY_FIELDS)[number];

export const OPEN_TO = ['mentoring', 'being-mentored', 'speaking', 'collaborating'] as const;
export type OpenTo = (typeof OPEN_TO)[number];
export const LANGUAGE_LEVELS = ['basic', 'conversational', 'professional', 'native'] as const;
export const POSITION_KINDS = [
	'government',
	'regulator',
	'parliament',
	'intergovernmental',
	'private-sector',
	'civil-society',
	'academia',
	'technical-community'
] as const;
export const LINK_KINDS = [
	'website',
	'linkedin',
	'mastodon',
	'bluesky',
	'github',
	'orcid',
	'other'
] as const;

/** A profile as the viewer may see it: a field the viewer may not see is null. */
export type ProfileCard = {
	id: string;
	handle: string;
	display_name: string;
	is_me: boolean;
	visibility: Audience | null;
	headline: string | null;
	bio: string | null;
	country_code: string | null;
	country_name: string | null;
	region_name: string | null;
	city: string | null;
	stakeholder_group: string | null;
	stakeholder_group_name: string | null;
	current_position: string | null;
	current_organisation: string | null;
	time_zone: string | null;
	open_to: OpenTo[] | null;
	email: string | null;
	aggregate_consent: boolean | null;
	onboarded_at: Date | null;
	field_visibility: Record<VisibilityField, Audience> | null;
	created_at: Date;
};

export type ProfileTopic = { slug: string; name: string };
export type ProfileLanguage = {
	code: string;
	name: string;
	level: (typeof LANGUAGE_LEVELS)[number];
};
export type Position = {
	id: string;
	title: string;
	organisation: string;
	kind: (typeof POSITION_KINDS)[number];
	starts_on: string | null;
	ends_on: string | null;
};
export type ProfileLink = {
	id: string;
	kind: (typeof LINK_KINDS)[number];
	url: string;
	label: string | null;
};

export type Profile = ProfileCard & {
	topics: ProfileTopic[];
	languages: ProfileLanguage[];
	positions: Position[];
	links: ProfileLink[];
};

const cardColumns = (sql: Tx) =>
	sql`c.id, c.handle, c.display_name, c.is_me, c.visibility, c.headline, c.bio, c.country_code,
	    c.country_name, c.region_name, c.city, c.stakeholder_group, c.stakeholder_group_name,
	    c.current_position, c.current_organisation, c.time_zone, c.open_to, c.email,
	    c.aggregate_consent, c.onboarded_at, c.field_visibility, c.created_at`;

/** The lists of a profile the viewer may see (each table's policy decides, per field). */
async function withLists(sql: Tx, card: ProfileCard): Promise<Profile> {
	const [topics, languages, positions, links] = await Promise.all([
		sql<ProfileTopic[]>`
			select t.slug, private.named(t.names, t.name) as name from public.profile_topics pt
			join public.topics t on t.slug = pt.topic_slug
			where pt.profile_id = ${card.id} order by t.sort_order, t.name
		`,
		sql<ProfileLanguage[]>`
			select l.code, private.named(l.names, l.name) as name, pl.level from public.profile_languages pl
			join public.languages l on l.code = pl.language_code
			where pl.profile_id = ${card.id}
			order by array_position(array['native', 'professional', 'conversational', 'basic'], pl.level), l.name
		`,
		sql<Position[]>`
			select id, title, organisation, kind, starts_on::text, ends_on::text from public.positions
			where profile_id = ${card.id}
			order by ends_on desc nulls first, starts_on desc nulls last
		`,
		sql<ProfileLink[]>`
			select id, kind, url, label from public.profile_links
			where profile_id = ${card.id} order by created_at
		`
	]);
	return { ...card, topics, languages, positions, links };
}

/** One profile by its handle, as the viewer may see it (undefined if they may not see it at all). */
export const getByHandle = (viewer: Claims | null, handle: string) =>
	withViewer(viewer, async (sql) => {
		const [card] = await sql<ProfileCard[]>`
			select ${cardColumns(sql)} from private.profile_cards c where c.handle = ${handle}
		`;
		return card ? withLists(sql, card) : undefined;
	});

/** The signed-in person's own profile, every field and its audience. */
export const getOwn = (user: Claims) =>
	withUser(user, async (sql) => {
		const [card] = await sql<ProfileCard[]>`
			select ${cardColumns(sql)} from private.profile_cards c where c.id = ${user.sub}
		`;
		return withLists(sql, card!);
	});

/** Whether the person has been through onboarding (or skipped it). One indexed lookup. */
export const needsOnboarding = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ onboarded_at: Date | null }[]>`
			select onboarded_at from private.profile_cards where id = ${user.sub}
		`;
		return !!row && row.onboarded_at === null;
	});

export type ProfileChanges = Partial<{
	display_name: string;
	headline: string | null;
	bio: string | null;
	country_code: string | null;
	city: string | null;
	stakeholder_group: string | null;
	current_position: string | null;
	current_organisation: string | null;
	time_zone: string | null;
	open_to: OpenTo[];
	visibility: Audience;
	aggregate_consent: boolean;
}> &
	Partial<Record<`${VisibilityField}_visibility`, Audience>>;

async function update(sql: Tx, id: string, changes: ProfileChanges): Promise<void> {
	const columns = Object.keys(changes) as (keyof ProfileChanges)[];
	if (columns.length === 0) return;
	await sql`update public.profiles set ${sql(changes, columns)} where id = ${id}`;
}

async function replaceTopics(sql: Tx, id: string, topics: string[]): Promise<void> {
	await sql`delete from public.profile_topics where profile_id = ${id}`;
	if (topics.length > 0) {
		await sql`
			insert into public.profile_topics
			${sql(
				topics.map((topic_slug) => ({ profile_id: id, topic_slug })),
				'profile_id',
				'topic_slug'
			)}
		`;
	}
}

async function replaceLanguages(
	sql: Tx,
	id: string,
	languages: { code: string; level: string }[]
): Promise<void> {
	await sql`delete from public.profile_languages where profile_id = ${id}`;
	if (languages.length > 0) {
		await sql`
			insert into public.profile_languages ${sql(
				languages.map((l) => ({ profile_id: id, language_code: l.code, level: l.level })),
				'profile_id',
				'language_code',
				'level'
			)}
		`;
	}
}

/** Saves the person's own profile: its fields, topics and languages, all or nothing. */
export const saveOwn = (
	user: Claims,
	changes: ProfileChanges,
	lists: { topics?: string[]; languages?: { code: string; level: string }[] } = {}
) =>
	withUser(user, async (sql) => {
		await update(sql, user.sub, changes);
		if (lists.topics) await replaceTopics(sql, user.sub, lists.topics);
		if (lists.languages) await replaceLanguages(sql, user.sub, lists.languages);
		forgetMatches(user.sub);
	});

/** Ends onboarding, with what the person filled in (or nothing, when they skip). */
export const finishOnboarding = (
	user: Claims,
	changes: ProfileChanges,
	lists: { topics?: string[]; languages?: { code: string; level: string }[] } = {}
) =>
	withUser(user, async (sql) => {
		await update(sql, user.sub, changes);
		if (lists.topics) await replaceTopics(sql, user.sub, lists.topics);
		if (lists.languages) await replaceLanguages(sql, user.sub, lists.languages);
		forgetMatches(user.sub);
		// (API roles cannot read onboarded_at directly, so it is set rather than compared.)
		await sql`update public.profiles set onboarded_at = now() where id = ${user.sub}`;
	});

/**
 * The person's language, for the mail and notices sent to them (only they may set it; nobody
 * reads it through the API).
 */
export const setLocale = (user: Claims, locale: Locale) =>
	withUser(user, async (sql) => {
		await sql`update public.profiles set locale = ${locale} where id = ${user.sub}`;
	});

export const addPosition = (user: Claims, position: Omit<Position, 'id'>) =>
	withUser(
		user,
		(sql) => sql`
			insert into public.positions (profile_id, title, organisation, kind, starts_on, ends_on)
			values (${user.sub}, ${position.title}, ${position.organisation}, ${position.kind},
			        ${position.starts_on}, ${position.ends_on})
		`
	);

/** Removes one of the person's positions; false when it is not theirs or already gone (RLS). */
export const removePosition = (user: Claims, id: string) =>
	withUser(
		user,
		async (sql) =>
			(await sql`delete from public.positions where id = ${id} returning id`).length > 0
	);

export const addLink = (user: Claims, link: Omit<ProfileLink, 'id'>) =>
	withUser(
		user,
		(sql) => sql`
			insert into public.profile_links (profile_id, kind, url, label)
			values (${user.sub}, ${link.kind}, ${link.url}, ${link.label})
		`
	);

/** Removes one of the person's links; false when it is not theirs or already gone (RLS). */
export const removeLink = (user: Claims, id: string) =>
	withUser(
		user,
		async (sql) =>
			(await sql`delete from public.profile_links where id = ${id} returning id`).length > 0
	);

/**
 * Everything Capacity Commons holds about the signed-in person, for "download my data": the
 * profile, memberships, suggested edits, notifications and invitations, their spaces, posts,
 * reactions and reports, their answers to events, their track proposals and their e-mail
 * settings, in one transaction. Read
 * as the person, so it is exactly what the policies let them see of their own rows.
 */
export const exportMine = (user: Claims) =>
	withUser(user, async (sql) => {
		const [card] = await sql<ProfileCard[]>`
			select ${cardColumns(sql)} from private.profile_cards c where c.id = ${user.sub}
		`;
		const profile = await withLists(sql, card!);
		const [{ locale }] = (await sql`select private.my_locale() as locale`) as [
			{ locale: string | null }
		];
		const memberships = await sql`
			select p.name as programme, p.slug as programme_slug, c.edition as cohort, m.role, m.status,
			       m.decline_reason, m.created_at, m.decided_at
			from public.memberships m
			join public.programmes p on p.id = m.programme_id
			left join public.cohorts c on c.id = m.cohort_id
			where m.profile_id = ${user.sub}
			order by m.created_at
		`;
		const suggestions = await sql`
			select p.name as programme, p.slug as programme_slug, s.field, s.proposal, s.proposed_value,
			       s.based_on, s.status, s.decision_reason, s.created_at, s.decided_at
			from public.programme_suggestions s
			join public.programmes p on p.id = s.programme_id
			where s.author_id = ${user.sub}
			order by s.created_at, s.id
		`;
		const notifications = await sql`
			select n.kind, n.payload, n.created_at, n.read_at
			from public.notifications n
			where n.recipient_id = ${user.sub}
			order by n.created_at, n.id
		`;
		// Addressed to them (RLS shows the open ones) and sent by them (while they coordinate the
		// programme); never the token's hash.
		const invitations = await sql`
			select case when i.invited_by = ${user.sub} then 'sent' else 'received' end as direction,
			       p.name as programme, p.slug as programme_slug, c.edition as cohort, i.role, i.email,
			       i.name, i.status, i.created_at, i.expires_at, i.accepted_at
			from public.membership_invitations i
			join public.programmes p on p.id = i.programme_id
			left join public.cohorts c on c.id = i.cohort_id
			where i.invited_by = ${user.sub} or i.email = private.my_email()
			order by i.created_at, i.id
		`;
		// What they wrote and did in the spaces: their places, posts (removed ones without
		// words, as the database keeps them), reactions, reports and requests to join.
		const spaces = await sql`
			select s.name as space, s.slug as space_slug, m.role, m.via, m.watch_level, m.joined_at,
			       m.suspended_until, m.suspension_reason
			from public.space_members m join public.spaces s on s.id = m.space_id
			where m.profile_id = ${user.sub}
			order by m.joined_at
		`;
		const posts = await sql`
			select s.slug as space_slug, t.title as thread, t.number as thread_number, p.number,
			       p.body, p.text_language, p.created_at, p.edited_at, p.removed_at, p.hidden_at, p.hidden_reason
			from public.posts p
			join public.threads t on t.id = p.thread_id
			join public.spaces s on s.id = p.space_id
			where p.author_id = ${user.sub}
			order by p.created_at, t.number, p.number
		`;
		const reactions = await sql`
			select t.number as thread_number, p.number as post_number, r.reaction, r.created_at
			from public.post_reactions r
			join public.posts p on p.id = r.post_id
			join public.threads t on t.id = p.thread_id
			where r.profile_id = ${user.sub}
			order by r.created_at
		`;
		const reports = await sql`
			select r.reason, r.note, r.status, r.created_at, r.decided_at
			from public.post_reports r
			where r.reporter_id = ${user.sub}
			order by r.created_at, r.id
		`;
		const events = await sql`
			select e.title as event, e.id as event_id, r.response, r.waitlist_position, r.note,
			       r.created_at, r.updated_at
			from public.event_rsvps r join public.events e on e.id = r.event_id
			where r.profile_id = ${user.sub}
			order by r.created_at
		`;
		const proposals = await sql`
			select c.title as cycle, p.title, p.format, p.status, p.submitted_at, p.withdrawn_at,
			       p.screening_reason, p.created_at, p.updated_at,
			       case when p.proposer_id = ${user.sub} then 'proposer' else 'co-proposer' end as role
			from public.track_proposals p
			join public.track_cycles c on c.id = p.cycle_id
			where p.proposer_id = ${user.sub}
			   or p.id in (select x.proposal_id from public.track_co_proposers x where x.profile_id = ${user.sub})
			order by p.created_at, p.id
		`;
		// Their reviews of track proposals (the proposal by its title, as a reviewer reads it).
		const reviews = await sql`
			select c.title as cycle, rp.title as proposal, r.state, r.comment_to_proposers,
			       r.comment_to_committee, r.created_at, r.updated_at, r.submitted_at,
			       coalesce((select jsonb_object_agg(k.name, s.score)
			                 from public.track_review_scores s join public.track_criteria k on k.id = s.criterion_id
			                 where s.review_id = r.id), '{}') as scores
			from public.track_reviews r
			join public.track_cycles c on c.id = private.track_proposal_cycle(r.proposal_id)
			left join lateral private.track_reviewer_proposal(r.proposal_id) rp on true
			where r.reviewer_id = ${user.sub}
			order by r.created_at, r.id
		`;
		const [mail] = await sql`
			select m.mentions, m.watching, m.coordination, m.updated_at
			from public.mail_settings m where m.profile_id = ${user.sub}
		`;
		return {
			profile: { ...profile, locale },
			memberships,
			suggestions,
			notifications,
			invitations,
			spaces,
			posts,
			reactions,
			reports,
			events,
			proposals,
			reviews,
			mail_settings: mail ?? null
		};
	});
