/**
 * The capacity-building track: cycles and their phases, proposals with their co-proposers and
 * speakers, and screening. RLS and the proposals' guard trigger decide who sees and changes what,
 * and when the phase allows it (supabase/migrations/20261211*_track_*.sql); these queries shape it.
 */
import type { ProposalDraft, CycleValues, PhaseValues } from '$lib/schemas/track';
import { assignReviewers } from '$lib/track/assignment';
import { withAnon, withUser, withViewer, type Claims } from './client';

export const PHASE_KINDS = ['call', 'screening', 'review', 'decisions', 'timetable'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export type Cycle = {
	id: string;
	slug: string;
	title: string;
	description: string | null;
	venue: string | null;
	time_zone: string;
	may_edit: boolean;
	call_open: boolean;
};

export type Phase = {
	kind: PhaseKind;
	starts_at: Date;
	ends_at: Date;
	proposers_may_edit: boolean;
	reviewers_see_reviews: boolean;
	blind_review: boolean;
	reviewers_may_review: boolean;
	proposers_see_reviews: boolean;
};

export type ProposalStatus =
	| 'draft'
	| 'submitted'
	| 'withdrawn'
	| 'screened_out'
	| 'accepted'
	| 'waitlisted'
	| 'rejected'
	| 'merged';

export type ProposalCard = {
	id: string;
	title: string;
	format: string | null;
	status: ProposalStatus;
	proposer_name: string;
	updated_at: Date;
	screening_reason: string | null;
};

export type Speaker = {
	id: string;
	role: 'speaker' | 'moderator';
	position: number;
	name: string;
	organisation: string | null;
	stakeholder_group: string | null;
	region_code: string | null;
	attendance: 'onsite' | 'online';
	confirmed: boolean;
	gender: string | null;
};

export type CoProposer = {
	profile_id: string;
	display_name: string;
	handle: string | null;
	status: 'invited' | 'accepted' | 'declined';
};

export type Proposal = {
	id: string;
	cycle_id: string;
	proposer_id: string;
	proposer_name: string;
	title: string;
	format: string | null;
	duration_minutes: number | null;
	policy_questions: string | null;
	description: string | null;
	expected_outcomes: string | null;
	interaction: string | null;
	target_audience: string | null;
	languages: string[];
	topics: string[];
	status: ProposalStatus;
	submitted_at: Date | null;
	withdrawn_at: Date | null;
	screening_reason: string | null;
	screened_at: Date | null;
	updated_at: Date;
	/** The viewer proposes it (lead or accepted co-proposer): they may change it. */
	mine: boolean;
	speakers: Speaker[];
	co_proposers: CoProposer[];
};

const CYCLE_COLUMNS = (sql: Parameters<Parameters<typeof withAnon>[0]>[0]) =>
	sql`c.id, c.slug, c.title, c.description, c.venue, c.time_zone,
	    private.track_may_edit(c.id) as may_edit, private.track_call_open(c.id) as call_open`;

/** The current cycle: the one whose call opened last (or opens next, when none has). */
export const current = () =>
	withAnon(async (sql) => {
		const [row] = await sql<{ slug: string }[]>`
			select c.slug from public.track_cycles c
			left join public.track_phases p on p.cycle_id = c.id and p.kind = 'call'
			order by (p.starts_at <= now()) desc nulls last,
			         case when p.starts_at <= now() then p.starts_at end desc,
			         p.starts_at, c.created_at desc
			limit 1
		`;
		return row?.slug ?? null;
	});

/** A cycle by its slug, with its phases in order, or null. */
export const get = (viewer: Claims | null, slug: string) =>
	withViewer(viewer, async (sql) => {
		const [cycle] = await sql<Cycle[]>`
			select ${CYCLE_COLUMNS(sql)} from public.track_cycles c where c.slug = ${slug}
		`;
		if (!cycle) return null;
		const phases = await sql<Phase[]>`
			select kind, starts_at, ends_at, proposers_may_edit, reviewers_see_reviews, blind_review,
			       reviewers_may_review, proposers_see_reviews
			from public.track_phases where cycle_id = ${cycle.id}
			order by array_position(${sql.array([...PHASE_KINDS])}::text[], kind)
		`;
		return { ...cycle, phases };
	});

/** Adds a cycle (admins; RLS refuses anyone else). */
export const create = (user: Claims, values: CycleValues & { slug: string }) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ slug: string }[]>`
			insert into public.track_cycles ${sql(values, 'slug', 'title', 'description', 'venue', 'time_zone')}
			returning slug
		`;
		return row!;
	});

/** Changes a cycle's words and zone (admins). */
export const update = (user: Claims, id: string, values: CycleValues) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.track_cycles set ${sql(values, 'title', 'description', 'venue', 'time_zone')}
			where id = ${id} returning id
		`;
		return rows.length === 1;
	});

/** Sets a cycle's phases: each given one is written, each left empty is removed (admins). */
export const setPhases = (user: Claims, cycleId: string, phases: PhaseValues[]) =>
	withUser(user, async (sql) => {
		const kept = phases.map((p) => p.kind);
		await sql`
			delete from public.track_phases
			where cycle_id = ${cycleId} and not (kind = any(${sql.array(kept)}::text[]))
		`;
		for (const p of phases) {
			await sql`
				insert into public.track_phases (cycle_id, kind, starts_at, ends_at, proposers_may_edit,
				                                 reviewers_see_reviews, blind_review, reviewers_may_review,
				                                 proposers_see_reviews)
				values (${cycleId}, ${p.kind}, ${p.starts_at}, ${p.ends_at}, ${p.proposers_may_edit},
				        ${p.reviewers_see_reviews}, ${p.blind_review}, ${p.reviewers_may_review},
				        ${p.proposers_see_reviews})
				on conflict (cycle_id, kind) do update set starts_at = excluded.starts_at,
				  ends_at = excluded.ends_at, proposers_may_edit = excluded.proposers_may_edit,
				  reviewers_see_reviews = excluded.reviewers_see_reviews, blind_review = excluded.blind_review,
				  reviewers_may_review = excluded.reviewers_may_review,
				  proposers_see_reviews = excluded.proposers_see_reviews
			`;
		}
	});

/** The proposals of a cycle the viewer may read: their own, or all of them for admins. */
export const list = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<ProposalCard[]>`
			select p.id, p.title, p.format, p.status, pr.display_name as proposer_name, p.updated_at,
			       p.screening_reason
			from public.track_proposals p
			join public.profiles pr on pr.id = p.proposer_id
			where p.cycle_id = ${cycleId}
			order by p.status = 'draft', p.updated_at desc, p.id
		`
	);

/** The proposals of a cycle the viewer proposes, newest first. */
export const mine = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<ProposalCard[]>`
			select p.id, p.title, p.format, p.status, pr.display_name as proposer_name, p.updated_at,
			       p.screening_reason
			from public.track_proposals p
			join public.profiles pr on pr.id = p.proposer_id
			where p.cycle_id = ${cycleId} and private.is_track_proposer(p.id)
			order by p.updated_at desc, p.id
		`
	);

/** One proposal with its speakers and co-proposers, as the viewer may read it, or null. */
export const proposal = (user: Claims, cycleId: string, id: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<Omit<Proposal, 'speakers' | 'co_proposers'>[]>`
			select p.id, p.cycle_id, p.proposer_id, pr.display_name as proposer_name, p.title, p.format,
			       p.duration_minutes, p.policy_questions, p.description, p.expected_outcomes, p.interaction,
			       p.target_audience, p.languages, p.topics, p.status, p.submitted_at, p.withdrawn_at,
			       p.screening_reason, p.screened_at, p.updated_at, private.is_track_proposer(p.id) as mine
			from public.track_proposals p
			join public.profiles pr on pr.id = p.proposer_id
			where p.id = ${id} and p.cycle_id = ${cycleId}
		`;
		if (!row) return null;
		const [speakers, coProposers] = await Promise.all([
			sql<Speaker[]>`
				select s.id, s.role, s.position, s.name, s.organisation, s.stakeholder_group, s.region_code,
				       s.attendance, s.confirmed, g.gender
				from public.track_speakers s
				left join public.track_speaker_genders g on g.speaker_id = s.id
				where s.proposal_id = ${id}
				order by s.role = 'moderator', s.position, s.id
			`,
			sql<CoProposer[]>`
				select c.profile_id, pr.display_name, pr.handle, c.status
				from public.track_co_proposers c
				join public.profiles pr on pr.id = c.profile_id
				where c.proposal_id = ${id}
				order by c.created_at, c.profile_id
			`
		]);
		return { ...row, speakers, co_proposers: coProposers } satisfies Proposal;
	});

export type SaveOutcome =
	| { ok: true; id: string }
	| { ok: false; reason: 'unknown_co_proposers'; handles: string[] }
	| { ok: false; reason: 'gone' };

/**
 * Saves a proposal as a draft or submits it: its words, then its speakers and moderator (written
 * again as given), then its co-proposers (new handles are asked, missing ones removed), in one
 * transaction: a refusal (the phase, a rule) leaves it as it was.
 */
export const save = (
	user: Claims,
	cycleId: string,
	id: string | null,
	draft: ProposalDraft,
	status: 'draft' | 'submitted'
) =>
	withUser(user, async (sql): Promise<SaveOutcome> => {
		const words = {
			title: draft.title,
			format: draft.format,
			duration_minutes: draft.duration_minutes,
			policy_questions: draft.policy_questions,
			description: draft.description,
			expected_outcomes: draft.expected_outcomes,
			interaction: draft.interaction,
			target_audience: draft.target_audience,
			languages: draft.languages,
			topics: draft.topics,
			programmes: [] as string[]
		};
		let proposalId = id;
		if (proposalId) {
			// Words first, as a draft; a submission is its own step, once the speakers are in.
			const [row] = await sql<{ id: string; status: string }[]>`
				update public.track_proposals set ${sql(words)}
				where id = ${proposalId} and cycle_id = ${cycleId} returning id, status
			`;
			if (!row) return { ok: false, reason: 'gone' };
		} else {
			const [row] = await sql<{ id: string }[]>`
				insert into public.track_proposals ${sql({ ...words, cycle_id: cycleId, status: 'draft' })}
				returning id
			`;
			proposalId = row!.id;
		}
		await sql`delete from public.track_speakers where proposal_id = ${proposalId}`;
		const people = [
			...draft.speakers.map((s, position) => ({ ...s, role: 'speaker' as const, position })),
			...(draft.moderator
				? [{ ...draft.moderator, role: 'moderator' as const, position: draft.speakers.length }]
				: [])
		];
		for (const person of people) {
			const [speaker] = await sql<{ id: string }[]>`
				insert into public.track_speakers ${sql({
					proposal_id: proposalId,
					role: person.role,
					position: person.position,
					name: person.name,
					organisation: person.organisation,
					stakeholder_group: person.stakeholder_group,
					region_code: person.region_code,
					attendance: person.attendance,
					confirmed: person.confirmed
				})}
				returning id
			`;
			if (person.gender) {
				await sql`
					insert into public.track_speaker_genders (speaker_id, gender) values (${speaker!.id}, ${person.gender})
				`;
			}
		}
		const handles = draft.co_proposers;
		const found = handles.length
			? await sql<{ id: string; handle: string }[]>`
					select id, handle from public.profiles
					where handle = any(${sql.array(handles)}::text[]) and id <> ${user.sub}
				`
			: [];
		const unknown = handles.filter((h) => !found.some((f) => f.handle === h));
		if (unknown.length) {
			throw new UnknownCoProposers(unknown);
		}
		await sql`
			delete from public.track_co_proposers
			where proposal_id = ${proposalId} and not (profile_id = any(${sql.array(found.map((f) => f.id))}::uuid[]))
		`;
		for (const person of found) {
			await sql`
				insert into public.track_co_proposers (proposal_id, profile_id) values (${proposalId}, ${person.id})
				on conflict do nothing
			`;
		}
		if (status === 'submitted') {
			await sql`
				update public.track_proposals set status = 'submitted'
				where id = ${proposalId} and status = 'draft'
			`;
		}
		return { ok: true, id: proposalId };
	}).catch((error: unknown) => {
		if (error instanceof UnknownCoProposers) {
			return { ok: false, reason: 'unknown_co_proposers', handles: error.handles } as SaveOutcome;
		}
		throw error;
	});

/** Rolls the save back when a co-proposer's handle names nobody the proposer may see. */
class UnknownCoProposers extends Error {
	constructor(readonly handles: string[]) {
		super('unknown co-proposers');
	}
}

/** Sets a proposal's status as its proposers may: withdraw, or take it up again as a draft. */
export const setStatus = (user: Claims, id: string, status: 'withdrawn' | 'draft') =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.track_proposals set status = ${status} where id = ${id} returning id
		`;
		return rows.length === 1;
	});

/** The viewer answers being named as a co-proposer. */
export const answer = (user: Claims, proposalId: string, status: 'accepted' | 'declined') =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.track_co_proposers set status = ${status}
			where proposal_id = ${proposalId} and profile_id = ${user.sub} and status = 'invited'
			returning proposal_id
		`;
		return rows.length === 1;
	});

/** Screens a submitted proposal out with its reason, or back in (reason null; admins). */
export const screen = (user: Claims, id: string, reason: string | null) =>
	withUser(user, async (sql) => {
		const rows = reason
			? await sql`
					update public.track_proposals set status = 'screened_out', screening_reason = ${reason}
					where id = ${id} and status = 'submitted' returning id
				`
			: await sql`
					update public.track_proposals set status = 'submitted'
					where id = ${id} and status = 'screened_out' returning id
				`;
		return rows.length === 1;
	});

/** The speakers of every proposal of a cycle the viewer may read, for the criteria (admins). */
export const speakersOfCycle = (user: Claims, cycleId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql<(Speaker & { proposal_id: string })[]>`
			select s.proposal_id, s.id, s.role, s.position, s.name, s.organisation, s.stakeholder_group,
			       s.region_code, s.attendance, s.confirmed, g.gender
			from public.track_speakers s
			join public.track_proposals p on p.id = s.proposal_id
			left join public.track_speaker_genders g on g.speaker_id = s.id
			where p.cycle_id = ${cycleId}
		`;
		const byProposal = new Map<string, Speaker[]>();
		for (const row of rows) {
			const list = byProposal.get(row.proposal_id) ?? [];
			list.push(row);
			byProposal.set(row.proposal_id, list);
		}
		return byProposal;
	});

// ─── reviewers and conflicts (supabase/migrations/20261214000100_track_reviewers.sql) ────────────

export type ReviewerStatus = 'invited' | 'accepted' | 'declined';

export type Reviewer = {
	profile_id: string;
	display_name: string;
	handle: string;
	status: ReviewerStatus;
	topics: string[];
};

/** Invites a member to review a cycle, by handle (admins). False when no one has the handle. */
export const inviteReviewer = (user: Claims, cycleId: string, handle: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			insert into public.track_reviewers (cycle_id, profile_id)
			select ${cycleId}, p.id from public.profiles p where p.handle = ${handle}
			on conflict do nothing
			returning profile_id
		`;
		return rows.length === 1;
	});

/** A cycle's reviewers (admins see all; anyone else only themselves). */
export const reviewers = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<Reviewer[]>`
			select r.profile_id, p.display_name, p.handle, r.status, r.topics
			from public.track_reviewers r join public.profiles p on p.id = r.profile_id
			where r.cycle_id = ${cycleId}
			order by p.display_name, r.profile_id
		`
	);

/** The signed-in person's invitation to review a cycle, or null. */
export const myReviewing = (user: Claims, cycleId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ status: ReviewerStatus; topics: string[] }[]>`
			select status, topics from public.track_reviewers
			where cycle_id = ${cycleId} and profile_id = ${user.sub}
		`;
		return row ?? null;
	});

/** The invited person accepts or declines (once). */
export const answerReviewing = (user: Claims, cycleId: string, status: 'accepted' | 'declined') =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.track_reviewers set status = ${status}
			where cycle_id = ${cycleId} and profile_id = ${user.sub} and status = 'invited'
			returning profile_id
		`;
		return rows.length === 1;
	});

/** A reviewer's topic preferences. */
export const setReviewerTopics = (user: Claims, cycleId: string, topics: string[]) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.track_reviewers set topics = ${sql.array(topics)}::text[]
			where cycle_id = ${cycleId} and profile_id = ${user.sub}
			returning profile_id
		`;
		return rows.length === 1;
	});

/** A reviewer declares a conflict with a proposal of a cycle they review. */
export const declareConflict = (user: Claims, proposalId: string, reason: string | null) =>
	withUser(user, async (sql) => {
		await sql`
			insert into public.track_conflicts (proposal_id, reason) values (${proposalId}, ${reason})
			on conflict do nothing
		`;
	});

/** A conflict the signed-in reviewer declared in a cycle, with the proposal's title. */
export type DeclaredConflict = {
	proposal_id: string;
	title: string;
	reason: string | null;
	created_at: Date;
};

/** The signed-in reviewer's declared conflicts in a cycle. */
export const declaredConflicts = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<DeclaredConflict[]>`
			select proposal_id, title, reason, created_at from private.track_declared_conflicts(${cycleId})
		`
	);

/** A reviewer takes back a conflict they declared; whether there was one. */
export const withdrawConflict = (user: Claims, proposalId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_conflicts
			where proposal_id = ${proposalId} and reviewer_id = ${user.sub}
			returning proposal_id
		`;
		return rows.length === 1;
	});

export type ReviewerProposal = {
	id: string;
	title: string;
	format: string | null;
	duration_minutes: number | null;
	topics: string[];
	languages: string[];
};

/** What an accepted reviewer may read of a cycle's proposals (none in conflict, no names). */
export const reviewerProposals = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<ReviewerProposal[]>`select * from private.track_reviewer_proposals(${cycleId})`
	);

/** Every (reviewer, proposal) pair of a cycle in conflict, declared or seen (admins). */
export const conflictsOf = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<{ reviewer_id: string; proposal_id: string; declared: boolean }[]>`
			select * from private.track_conflicts_of(${cycleId})
		`
	);

// ─── assignments (supabase/migrations/20261214000200_track_assignments.sql) ──────────────────────

export type AssignmentRow = { proposal_id: string; reviewer_id: string; by_hand: boolean };

/** A cycle's assignments (admins see all; a reviewer their own). */
export const assignments = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<AssignmentRow[]>`
			select a.proposal_id, a.reviewer_id, a.by_hand
			from public.track_assignments a
			where private.track_proposal_cycle(a.proposal_id) = ${cycleId}
			order by a.proposal_id, a.reviewer_id
		`
	);

/**
 * Runs the automatic assignment for a cycle (admins): every submitted proposal gets `perProposal`
 * reviewers among those who accepted, never one in conflict, loads within one, topics first.
 * What an admin assigned by hand is kept and counts; the earlier automatic rows are replaced; a
 * reviewer an admin removed from a proposal is never put back on it.
 */
export const runAssignment = (user: Claims, cycleId: string, perProposal: number) =>
	withUser(user, async (sql) => {
		const proposals = await sql<{ id: string; topics: string[] }[]>`
			select id, topics from public.track_proposals
			where cycle_id = ${cycleId} and status = 'submitted' order by id
		`;
		const reviewerRows = await sql<{ id: string; topics: string[] }[]>`
			select profile_id as id, topics from public.track_reviewers
			where cycle_id = ${cycleId} and status = 'accepted' order by profile_id
		`;
		const conflicts = await sql<{ reviewer_id: string; proposal_id: string }[]>`
			select reviewer_id, proposal_id from private.track_conflicts_of(${cycleId})
		`;
		const removed = await sql<{ reviewer_id: string; proposal_id: string }[]>`
			select x.reviewer_id, x.proposal_id from public.track_assignment_removals x
			join public.track_proposals p on p.id = x.proposal_id
			where p.cycle_id = ${cycleId}
		`;
		// An assignment with a review (draft or submitted) stays, like one made by hand.
		await sql`
			delete from public.track_assignments a
			where not a.by_hand and private.track_proposal_cycle(a.proposal_id) = ${cycleId}
			  and not exists (
			    select 1 from public.track_reviews r
			    where r.proposal_id = a.proposal_id and r.reviewer_id = a.reviewer_id
			  )
		`;
		const kept = await sql<{ reviewer_id: string; proposal_id: string }[]>`
			select reviewer_id, proposal_id from public.track_assignments a
			where private.track_proposal_cycle(a.proposal_id) = ${cycleId}
		`;
		const result = assignReviewers({
			proposals,
			reviewers: reviewerRows,
			perProposal,
			conflicts: conflicts.map((c) => [c.reviewer_id, c.proposal_id] as const),
			keep: kept.map((k) => [k.reviewer_id, k.proposal_id] as const),
			exclude: removed.map((x) => [x.reviewer_id, x.proposal_id] as const)
		});
		const keptPairs = new Set(kept.map((k) => `${k.reviewer_id}:${k.proposal_id}`));
		const rows = [];
		for (const [proposal_id, ids] of result.byProposal) {
			for (const reviewer_id of ids) {
				if (!keptPairs.has(`${reviewer_id}:${proposal_id}`)) {
					rows.push({ proposal_id, reviewer_id, by_hand: false });
				}
			}
		}
		if (rows.length) await sql`insert into public.track_assignments ${sql(rows)}`;
		return { short: result.short.length, assigned: rows.length + kept.length };
	});

/** An admin assigns one reviewer to one proposal by hand (kept by a re-run; a removal forgotten). */
export const assignByHand = (user: Claims, proposalId: string, reviewerId: string) =>
	withUser(user, async (sql) => {
		await sql`
			delete from public.track_assignment_removals
			where proposal_id = ${proposalId} and reviewer_id = ${reviewerId}
		`;
		await sql`
			delete from public.track_assignments
			where proposal_id = ${proposalId} and reviewer_id = ${reviewerId}
		`;
		await sql`
			insert into public.track_assignments (proposal_id, reviewer_id, by_hand)
			values (${proposalId}, ${reviewerId}, true)
		`;
	});

/**
 * An admin takes one assignment back (not one with a review: false then), and the removal is
 * remembered: the automatic assignment never puts the reviewer back on the proposal.
 */
export const unassign = (user: Claims, proposalId: string, reviewerId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_assignments a
			where a.proposal_id = ${proposalId} and a.reviewer_id = ${reviewerId}
			  and not exists (
			    select 1 from public.track_reviews r
			    where r.proposal_id = a.proposal_id and r.reviewer_id = a.reviewer_id
			  )
			returning 1
		`;
		if (rows.length !== 1) return false;
		// Remembered, so that a re-run of the automatic assignment does not put them back.
		await sql`
			insert into public.track_assignment_removals (proposal_id, reviewer_id)
			values (${proposalId}, ${reviewerId})
			on conflict (proposal_id, reviewer_id) do nothing
		`;
		return true;
	});
