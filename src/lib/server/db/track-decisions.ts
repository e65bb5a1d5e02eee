/**
 * The committee's decisions on a cycle's proposals, sending them, and the accepted proposers'
 * answers. RLS, the guards and the functions of supabase/migrations/20261221000100_track_decisions.sql
 * (and 20261229000100_track_decision_raised.sql: a sent waitlisted decision raised once) decide who
 * may do what and when (admins decide from the decisions phase on; proposers read a decision only
 * once sent; only they answer an acceptance); these shape it.
 */
import type { Decision, DecisionAnswer } from '$lib/words/track-decisions';
import { refusedWith } from './errors';
import { asServiceWithin, withUser, type Claims, type Tx } from './client';

/** A proposal on the admins' decisions list, with its decision and answer, if any. */
export type DecisionRow = {
	proposal_id: string;
	title: string;
	/** The proposal's status: submitted until its decision is sent, then the decision. */
	status: string;
	decision: Decision | null;
	merged_into: string | null;
	merged_into_title: string | null;
	note: string | null;
	decided_at: Date | null;
	sent_at: Date | null;
	/** When a sent waitlisted decision was raised to accepted (it then waits to be sent again). */
	raised_at: Date | null;
	answer: DecisionAnswer | null;
	answered_at: Date | null;
};

/**
 * A cycle's proposals in review or decided, with their decisions (admins; anyone else reads only
 * their own sent decisions, and no proposal they do not propose).
 */
export const list = (user: Claims, cycleId: string) =>
	withUser(
		user,
		(sql) => sql<DecisionRow[]>`
			select p.id as proposal_id, p.title, p.status, d.decision, d.merged_into, t.title as merged_into_title,
			       d.note, d.decided_at, d.sent_at, d.raised_at, c.answer, c.answered_at
			from public.track_proposals p
			left join public.track_decisions d on d.proposal_id = p.id
			left join public.track_proposals t on t.id = d.merged_into
			left join public.track_confirmations c on c.proposal_id = p.id
			where p.cycle_id = ${cycleId} and p.status not in ('draft', 'withdrawn', 'screened_out')
			order by p.title, p.id
		`
	);

export type DecideValues = { decision: Decision; merged_into: string | null; note: string | null };

export type DecideOutcome = 'done' | 'gone' | 'closed' | 'not-decidable' | 'bad-merge' | 'sent';

/** Decides on a proposal, or changes its decision while it is not sent (admins). */
export const decide = (user: Claims, proposalId: string, values: DecideValues) =>
	withUser(user, async (sql): Promise<DecideOutcome> => {
		const rows = await sql`
			insert into public.track_decisions (proposal_id, decision, merged_into, note)
			values (${proposalId}, ${values.decision}, ${values.merged_into}, ${values.note})
			on conflict (proposal_id) do update
			set decision = excluded.decision, merged_into = excluded.merged_into, note = excluded.note
			where track_decisions.sent_at is null
			returning proposal_id
		`;
		return rows.length ? 'done' : 'sent';
	}).catch((err: unknown): DecideOutcome => {
		const why = refusedWith(
			err,
			'trackPhaseClosed',
			'trackNotDecidable',
			'trackBadMerge',
			'trackDecisionSent',
			'trackDecisionRaised'
		);
		if (why === 'trackPhaseClosed') return 'closed';
		if (why === 'trackNotDecidable') return 'not-decidable';
		if (why === 'trackBadMerge') return 'bad-merge';
		if (why === 'trackDecisionSent' || why === 'trackDecisionRaised') return 'sent';
		// A proposal that is not there is refused by its key (a merge target's too: merged_into).
		if (refusedWith(err, 'missingReference')) return 'gone';
		throw err;
	});

export type RaiseOutcome = 'done' | 'not-raisable';

/**
 * Raises a sent waitlisted decision to accepted, once, when a seat frees (admins): it waits to be
 * sent again, with the note given (or the one it had). Any other decision, or one raised before,
 * is not raisable (the database refuses; RLS hides it from a non-admin).
 */
export const raise = (user: Claims, proposalId: string, note: string | null) =>
	withUser(user, async (sql): Promise<RaiseOutcome> => {
		const rows = await sql`
			update public.track_decisions set decision = 'accepted', note = coalesce(${note}, note)
			where proposal_id = ${proposalId}
			returning proposal_id
		`;
		return rows.length ? 'done' : 'not-raisable';
	}).catch((err: unknown): RaiseOutcome => {
		if (refusedWith(err, 'trackDecisionRaised', 'trackDecisionSent')) return 'not-raisable';
		throw err;
	});

/** Takes a decision back while it is not sent (admins); whether there was one to take. */
export const remove = (user: Claims, proposalId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_decisions where proposal_id = ${proposalId} and sent_at is null
			returning proposal_id
		`;
		return rows.length > 0;
	});

/** A decision that was just sent, with what its mail says. */
export type SentDecision = {
	proposal_id: string;
	title: string;
	cycle_slug: string;
	cycle_title: string;
	decision: Decision;
	note: string | null;
	merged_into_title: string | null;
	/** The reviewers' comments to the proposers (submitted reviews; never the committee's, never names). */
	comments: string[];
	/** The titles of the proposals merged into this one (their proposers join its session). */
	joined_by: string[];
	recipients: { profile_id: string; display_name: string; email: string; locale: string | null }[];
};

/**
 * Sends the cycle's decisions not sent yet (admins), once: each row is marked sent by an update
 * that takes only unsent rows, so a second send (or two at once: the second waits for the first's
 * rows and then finds them sent) sends nothing again. A decision on a proposal withdrawn since, or
 * merged into one withdrawn since, stays unsent. `deliver` writes the notices and mails of what
 * was sent, in the same transaction (as the service: other people's addresses); it returns how
 * many decisions were sent.
 */
export const send = (
	user: Claims,
	cycleId: string,
	deliver: (sql: Tx, sent: SentDecision[]) => Promise<void>
) =>
	withUser(user, async (sql) => {
		const marked = await sql<{ proposal_id: string }[]>`
			update public.track_decisions d set sent_at = now()
			from public.track_proposals p
			where d.cycle_id = ${cycleId} and d.sent_at is null and p.id = d.proposal_id
			  and (p.status = 'submitted' or (p.status = 'waitlisted' and d.raised_at is not null))
			  and (d.merged_into is null or exists (
			    select 1 from public.track_proposals t
			    where t.id = d.merged_into and t.status not in ('withdrawn', 'draft', 'screened_out')
			  ))
			returning d.proposal_id
		`;
		if (!marked.length) return 0;
		const ids = marked.map((r) => r.proposal_id);
		// As the service: the proposers' addresses and the reviews' comments are no admin's to read
		// row by row, and the notifications and the outbox are written by the service only.
		await asServiceWithin(sql, async (sql) => {
			const decisions = await sql<Omit<SentDecision, 'comments' | 'recipients' | 'joined_by'>[]>`
				select d.proposal_id, p.title, c.slug as cycle_slug, c.title as cycle_title, d.decision, d.note,
				       t.title as merged_into_title
				from public.track_decisions d
				join public.track_proposals p on p.id = d.proposal_id
				join public.track_cycles c on c.id = p.cycle_id
				left join public.track_proposals t on t.id = d.merged_into
				where d.proposal_id = any(${sql.array(ids)}::uuid[])
				order by p.title, p.id
			`;
			const comments = await sql<{ proposal_id: string; comment: string }[]>`
				select r.proposal_id, r.comment_to_proposers as comment
				from public.track_reviews r
				where r.proposal_id = any(${sql.array(ids)}::uuid[]) and r.state = 'submitted'
				  and nullif(btrim(r.comment_to_proposers), '') is not null
				order by r.submitted_at, r.id
			`;
			const joined = await sql<{ merged_into: string; title: string }[]>`
				select d.merged_into, p.title
				from public.track_decisions d join public.track_proposals p on p.id = d.proposal_id
				where d.merged_into = any(${sql.array(ids)}::uuid[])
				order by p.title, p.id
			`;
			const recipients = await sql<
				(SentDecision['recipients'][number] & { proposal_id: string })[]
			>`
				select who.proposal_id, pr.id as profile_id, pr.display_name, pr.locale, u.email
				from (
				  select p.id as proposal_id, p.proposer_id as profile_id
				  from public.track_proposals p where p.id = any(${sql.array(ids)}::uuid[])
				  union
				  select cp.proposal_id, cp.profile_id
				  from public.track_co_proposers cp
				  where cp.proposal_id = any(${sql.array(ids)}::uuid[]) and cp.status = 'accepted'
				) who
				join public.profiles pr on pr.id = who.profile_id
				join auth.users u on u.id = pr.id
				where u.email is not null
				order by pr.display_name, pr.id
			`;
			await deliver(
				sql,
				decisions.map((d) => ({
					...d,
					comments: comments.filter((c) => c.proposal_id === d.proposal_id).map((c) => c.comment),
					joined_by: joined.filter((j) => j.merged_into === d.proposal_id).map((j) => j.title),
					recipients: recipients
						.filter((r) => r.proposal_id === d.proposal_id)
						.map(({ profile_id, display_name, email, locale }) => ({
							profile_id,
							display_name,
							email,
							locale
						}))
				}))
			);
		});
		return ids.length;
	});

/** How many decisions of a cycle wait to be sent, and how many were sent (admins). */
export const sendingState = (user: Claims, cycleId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ unsent: number; sent: number }[]>`
			select count(*) filter (where sent_at is null)::int as unsent,
			       count(*) filter (where sent_at is not null)::int as sent
			from public.track_decisions where cycle_id = ${cycleId}
		`;
		return row ?? { unsent: 0, sent: 0 };
	});

/** A proposal's decision as the viewer may read it: admins always, its proposers once sent. */
export type ProposalDecision = {
	decision: Decision;
	note: string | null;
	sent_at: Date | null;
	merged_into_title: string | null;
	answer: DecisionAnswer | null;
	answered_at: Date | null;
};

export const ofProposal = (user: Claims, proposalId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<ProposalDecision[]>`
			select d.decision, d.note, d.sent_at, private.track_merge_target_title(d.proposal_id) as merged_into_title,
			       c.answer, c.answered_at
			from public.track_decisions d
			left join public.track_confirmations c on c.proposal_id = d.proposal_id
			where d.proposal_id = ${proposalId}
		`;
		return row ?? null;
	});

export type AnswerOutcome = 'done' | 'refused' | 'final';

/** A proposer confirms or declines an accepted proposal once its decision is sent. */
export const answer = (user: Claims, proposalId: string, value: DecisionAnswer) =>
	withUser(user, async (sql): Promise<AnswerOutcome> => {
		const rows = await sql`
			insert into public.track_confirmations (proposal_id, answer)
			values (${proposalId}, ${value})
			on conflict (proposal_id) do update set answer = excluded.answer
			returning proposal_id
		`;
		return rows.length ? 'done' : 'refused';
	}).catch((err: unknown): AnswerOutcome => {
		if (refusedWith(err, 'noLongerWaiting')) return 'final';
		// RLS refuses anyone but the proposers of a sent acceptance; no decision at all is a key's refusal.
		if (refusedWith(err, 'notAllowed', 'missingReference')) return 'refused';
		throw err;
	});
