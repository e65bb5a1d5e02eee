/**
 * The track's rubric and reviews: a cycle's criteria (admins write them), the reviewer's queue and
 * review form, the other reviews a phase lets a reviewer read, the comments proposers read once
 * published, and the review phase's progress for admins. RLS, the guards and the security
 * definer functions of supabase/migrations/20261217000*_track_*.sql decide; these shape it.
 */
import type { CriterionValues, ReviewValues } from '$lib/schemas/track-reviews';
import { refusedWith } from './errors';
import { withUser, withViewer, type Claims } from './client';

export type Criterion = {
	id: string;
	position: number;
	name: string;
	description: string | null;
	weight: number;
	scale: string[];
	independent: boolean;
	/** Some review scores it (then its scale stays and it is not removed). */
	scored: boolean;
};

/** A cycle's rubric in order. */
export const criteria = (viewer: Claims | null, cycleId: string) =>
	withViewer(
		viewer,
		(sql) => sql<Criterion[]>`
			select c.id, c.position, c.name, c.description, c.weight::float8 as weight, c.scale, c.independent,
			       private.track_criterion_scored(c.id) as scored
			from public.track_criteria c
			where c.cycle_id = ${cycleId}
			order by c.position, c.created_at, c.id
		`
	);

/** Adds a criterion at the end of the rubric (admins). */
export const addCriterion = (user: Claims, cycleId: string, values: CriterionValues) =>
	withUser(user, async (sql) => {
		await sql`
			insert into public.track_criteria (cycle_id, position, name, description, weight, scale, independent)
			select ${cycleId}, coalesce(max(position) + 1, 0), ${values.name}, ${values.description},
			       ${values.weight}, ${sql.json(values.scale)}, ${values.independent}
			from public.track_criteria where cycle_id = ${cycleId}
		`;
	});

export type CriterionOutcome = 'done' | 'gone' | 'scored';

/** Changes a criterion (admins); its scale stays once it has scores ('scored'). */
export const updateCriterion = (
	user: Claims,
	cycleId: string,
	id: string,
	values: CriterionValues
) =>
	withUser(user, async (sql): Promise<CriterionOutcome> => {
		const rows = await sql`
			update public.track_criteria
			set name = ${values.name}, description = ${values.description}, weight = ${values.weight},
			    scale = ${sql.json(values.scale)}, independent = ${values.independent}
			where id = ${id} and cycle_id = ${cycleId} returning id
		`;
		return rows.length === 1 ? 'done' : 'gone';
	}).catch((error: unknown) => {
		if (refusedWith(error, 'trackCriterionScored')) return 'scored' as const;
		throw error;
	});

/** Moves a criterion one place up or down the rubric (admins): it swaps with its neighbour. */
export const moveCriterion = (user: Claims, cycleId: string, id: string, by: -1 | 1) =>
	withUser(user, async (sql) => {
		const list = await sql<{ id: string }[]>`
			select id from public.track_criteria where cycle_id = ${cycleId}
			order by position, created_at, id
		`;
		const from = list.findIndex((c) => c.id === id);
		const to = from + by;
		if (from < 0 || to < 0 || to >= list.length) return false;
		const order = list.map((c) => c.id);
		[order[from], order[to]] = [order[to]!, order[from]!];
		for (const [position, criterion] of order.entries()) {
			await sql`update public.track_criteria set position = ${position} where id = ${criterion}`;
		}
		return true;
	});

/** Removes a criterion (admins), not one with scores ('scored'). */
export const removeCriterion = (user: Claims, cycleId: string, id: string) =>
	withUser(user, async (sql): Promise<CriterionOutcome> => {
		const rows = await sql`
			delete from public.track_criteria c
			where c.id = ${id} and c.cycle_id = ${cycleId}
			  and not exists (select 1 from public.track_review_scores s where s.criterion_id = c.id)
			returning id
		`;
		if (rows.length === 1) return 'done';
		const [row] = await sql<{ scored: boolean }[]>`
			select private.track_criterion_scored(id) as scored from public.track_criteria
			where id = ${id} and (select private.is_platform_admin())
		`;
		return row?.scored ? 'scored' : 'gone';
	});

// ─── the reviewer ───────────────────────────────────────────────────────────────────────────────

export type ReviewState = 'draft' | 'submitted';

export type QueueItem = {
	id: string;
	title: string;
	format: string | null;
	state: ReviewState | null;
	updated_at: Date | null;
};

/** The proposals assigned to the signed-in reviewer that they may read, with their review's state. */
export const queue = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<QueueItem[]>`
			select p.id, p.title, p.format, r.state, r.updated_at
			from private.track_reviewer_proposals(${cycleId}) p
			join public.track_assignments a on a.proposal_id = p.id and a.reviewer_id = ${user.sub}
			left join public.track_reviews r on r.proposal_id = p.id and r.reviewer_id = ${user.sub}
			order by r.state = 'submitted' nulls first, r.state nulls first, p.title, p.id
		`
	);

export type ReviewerProposal = {
	id: string;
	cycle_id: string;
	title: string;
	format: string | null;
	duration_minutes: number | null;
	policy_questions: string | null;
	description: string | null;
	expected_outcomes: string | null;
	interaction: string | null;
	target_audience: string | null;
	topics: string[];
	languages: string[];
};

export type BlindSpeaker = {
	role: 'speaker' | 'moderator';
	stakeholder_group: string | null;
	region_code: string | null;
	attendance: 'onsite' | 'online';
	confirmed: boolean;
};

export type MyReview = {
	id: string;
	state: ReviewState;
	comment_to_proposers: string | null;
	comment_to_committee: string | null;
	updated_at: Date;
	submitted_at: Date | null;
	scores: Record<string, number>;
};

export type OtherReview = {
	id: string;
	reviewer_name: string | null;
	scores: Record<string, number>;
	comment_to_proposers: string | null;
	comment_to_committee: string | null;
	submitted_at: Date;
};

/**
 * One assigned proposal as its reviewer reads it to review it: the proposal blind, its speakers
 * without names, the rubric, their review, whether they may write now, and the other reviews
 * the phase lets them read. Null when it is not theirs to review (not assigned, or in conflict).
 */
export const reviewPage = (user: Claims, cycleId: string, proposalId: string) =>
	withUser(user, async (sql) => {
		const [proposal] = await sql<ReviewerProposal[]>`
			select p.* from private.track_reviewer_proposal(${proposalId}) p
			join public.track_assignments a on a.proposal_id = p.id and a.reviewer_id = ${user.sub}
			where p.cycle_id = ${cycleId}
		`;
		if (!proposal) return null;
		const [speakers, [may], [review], others] = await Promise.all([
			sql<BlindSpeaker[]>`select * from private.track_reviewer_speakers(${proposalId})`,
			sql<{ may: boolean }[]>`select private.track_may_review(${proposalId}) as may`,
			sql<MyReview[]>`
				select r.id, r.state, r.comment_to_proposers, r.comment_to_committee, r.updated_at, r.submitted_at,
				       coalesce((select jsonb_object_agg(s.criterion_id, s.score)
				                 from public.track_review_scores s where s.review_id = r.id), '{}') as scores
				from public.track_reviews r
				where r.proposal_id = ${proposalId} and r.reviewer_id = ${user.sub}
			`,
			sql<OtherReview[]>`select * from private.track_other_reviews(${proposalId})`
		]);
		return { proposal, speakers, mayReview: may!.may, review: review ?? null, others };
	});

export type SaveReviewOutcome =
	| { ok: true; state: ReviewState }
	| { ok: false; reason: 'closed' | 'incomplete' | 'out_of_scale' };

/**
 * Saves the signed-in reviewer's review of a proposal: its comments and scores (written again as
 * given), submitted when asked (a submitted one stays submitted). One transaction: a refusal
 * leaves the review as it was.
 */
export const saveReview = (
	user: Claims,
	proposalId: string,
	values: ReviewValues,
	submit: boolean
) =>
	withUser(user, async (sql): Promise<SaveReviewOutcome> => {
		const [row] = await sql<{ id: string; state: ReviewState }[]>`
			insert into public.track_reviews (proposal_id, comment_to_proposers, comment_to_committee)
			values (${proposalId}, ${values.comment_to_proposers}, ${values.comment_to_committee})
			on conflict (proposal_id, reviewer_id) do update
			  set comment_to_proposers = excluded.comment_to_proposers,
			      comment_to_committee = excluded.comment_to_committee
			returning id, state
		`;
		await sql`delete from public.track_review_scores where review_id = ${row!.id}`;
		const scores = Object.entries(values.scores).map(([criterion_id, score]) => ({
			review_id: row!.id,
			criterion_id,
			score
		}));
		if (scores.length) await sql`insert into public.track_review_scores ${sql(scores)}`;
		if (submit && row!.state !== 'submitted') {
			await sql`update public.track_reviews set state = 'submitted' where id = ${row!.id}`;
		}
		return { ok: true, state: submit ? 'submitted' : row!.state };
	}).catch((error: unknown): SaveReviewOutcome => {
		const refusal = refusedWith(
			error,
			'notAllowed',
			'trackReviewIncomplete',
			'trackScoreOutOfScale'
		);
		if (refusal === 'notAllowed') return { ok: false, reason: 'closed' };
		if (refusal === 'trackReviewIncomplete') return { ok: false, reason: 'incomplete' };
		if (refusal === 'trackScoreOutOfScale') return { ok: false, reason: 'out_of_scale' };
		throw error;
	});

// ─── proposers and admins ───────────────────────────────────────────────────────────────────────

/** The comments to the proposers of a proposal, for its proposers, once the phase publishes them. */
export const feedback = (user: Claims, proposalId: string) =>
	withUser(
		user,
		(sql) => sql<{ comment_to_proposers: string; submitted_at: Date }[]>`
			select * from private.track_feedback(${proposalId})
		`
	);

/** Per proposal of a cycle, its assigned reviewers and how many of them submitted (admins). */
export const progress = (user: Claims, cycleId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql<
			{ proposal_id: string; assigned: number; submitted: number; drafts: number }[]
		>`
			select a.proposal_id, count(*)::int as assigned,
			       count(r.id) filter (where r.state = 'submitted')::int as submitted,
			       count(r.id) filter (where r.state = 'draft')::int as drafts
			from public.track_assignments a
			join public.track_proposals p on p.id = a.proposal_id and p.cycle_id = ${cycleId}
			left join public.track_reviews r on r.proposal_id = a.proposal_id and r.reviewer_id = a.reviewer_id
			group by a.proposal_id
		`;
		return new Map(rows.map((r) => [r.proposal_id, r]));
	});

/** A submitted review as the committee reads it: who, every score with its label, both comments. */
export type CommitteeReview = {
	id: string;
	reviewer_name: string | null;
	submitted_at: Date;
	comment_to_proposers: string | null;
	comment_to_committee: string | null;
	scores: {
		criterion: string;
		score: number;
		label: string;
		points: number;
		independent: boolean;
	}[];
};

/**
 * A proposal's submitted reviews for the committee (platform admins; RLS gives anyone else their
 * own review at most, and the page asks for admins only), oldest first, scores in the rubric's
 * order. Reviewers' names as their profiles show them to the admin.
 */
export const forCommittee = (user: Claims, proposalId: string) =>
	withUser(
		user,
		(sql) => sql<CommitteeReview[]>`
			select r.id, pr.display_name as reviewer_name, r.submitted_at,
			       r.comment_to_proposers, r.comment_to_committee,
			       coalesce((
			         select jsonb_agg(jsonb_build_object(
			           'criterion', c.name, 'score', s.score, 'label', c.scale ->> s.score,
			           'points', jsonb_array_length(c.scale), 'independent', c.independent)
			           order by c.position, c.id)
			         from public.track_review_scores s
			         join public.track_criteria c on c.id = s.criterion_id
			         where s.review_id = r.id
			       ), '[]') as scores
			from public.track_reviews r
			left join public.profiles pr on pr.id = r.reviewer_id
			where r.proposal_id = ${proposalId} and r.state = 'submitted'
			  and (select private.is_platform_admin())
			order by r.submitted_at, r.id
		`
	);
