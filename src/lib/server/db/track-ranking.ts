/**
 * What the track's ranked list is made of, for admins: the proposals in review or decided, their
 * speakers (the people named on them), their assignments, every review with its scores, and
 * whether each lead proposer proposed in an earlier cycle. RLS decides: admins read all of it;
 * a reviewer reads only their own reviews and assignments, a proposer only their own proposals,
 * and nobody else anything, so the same calls for anyone else return only what is theirs. The
 * arithmetic is src/lib/track/aggregate.ts's.
 */
import type { CriteriaPerson } from '$lib/track/criteria';
import { withUser, type Claims } from './client';

export type RankingProposal = {
	id: string;
	title: string;
	format: string | null;
	status: string;
	topics: string[];
	proposer_id: string;
	/** The lead proposer submitted a proposal to an earlier cycle. */
	proposed_before: boolean;
};

export type RankingSpeaker = CriteriaPerson & { proposal_id: string };

export type RankingReview = {
	proposal_id: string;
	state: 'draft' | 'submitted';
	scores: Record<string, number>;
};

export type RankingSource = {
	proposals: RankingProposal[];
	speakers: RankingSpeaker[];
	/** Assigned reviewers by proposal id. */
	assigned: Map<string, number>;
	reviews: RankingReview[];
};

/**
 * The proposals of a cycle that reached review (submitted, or decided since), with everything the
 * ranking counts. A cycle is earlier than another when its first phase starts sooner (its
 * creation, for one without phases).
 */
export const source = (user: Claims, cycleId: string) =>
	withUser(user, async (sql): Promise<RankingSource> => {
		const [proposals, speakers, assigned, reviews] = await Promise.all([
			sql<RankingProposal[]>`
				with starts as (
				  select c.id, coalesce(min(ph.starts_at), c.created_at) as at
				  from public.track_cycles c
				  left join public.track_phases ph on ph.cycle_id = c.id
				  group by c.id
				)
				select p.id, p.title, p.format, p.status, p.topics, p.proposer_id,
				       exists (
				         select 1 from public.track_proposals e
				         join starts es on es.id = e.cycle_id
				         where e.proposer_id = p.proposer_id and e.submitted_at is not null
				           and es.at < (select at from starts where id = p.cycle_id)
				       ) as proposed_before
				from public.track_proposals p
				where p.cycle_id = ${cycleId} and p.status not in ('draft', 'withdrawn', 'screened_out')
				order by p.title, p.id
			`,
			sql<RankingSpeaker[]>`
				select s.proposal_id, s.role, s.confirmed, s.attendance, s.stakeholder_group, s.region_code,
				       g.gender
				from public.track_speakers s
				join public.track_proposals p on p.id = s.proposal_id
				left join public.track_speaker_genders g on g.speaker_id = s.id
				where p.cycle_id = ${cycleId}
			`,
			sql<{ proposal_id: string; n: number }[]>`
				select a.proposal_id, count(*)::int as n
				from public.track_assignments a
				join public.track_proposals p on p.id = a.proposal_id
				where p.cycle_id = ${cycleId}
				group by a.proposal_id
			`,
			sql<RankingReview[]>`
				select r.proposal_id, r.state,
				       coalesce((select jsonb_object_agg(s.criterion_id, s.score)
				                 from public.track_review_scores s where s.review_id = r.id), '{}') as scores
				from public.track_reviews r
				join public.track_proposals p on p.id = r.proposal_id
				where p.cycle_id = ${cycleId}
			`
		]);
		return {
			proposals,
			speakers,
			assigned: new Map(assigned.map((a) => [a.proposal_id, a.n])),
			reviews
		};
	});
