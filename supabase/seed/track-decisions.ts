/**
 * Decisions for a demo cycle, for whichever seed builds a cycle past its decisions phase (last
 * year's completed cycle, or a timetable's accepted sessions). The demo's current cycle (IGF 2027,
 * track.ts) is in its review phase, so the demo world has no decisions of its own yet.
 *
 * Use, in the seed's transaction, after the proposals exist:
 *
 *   await insertDecisions(tx, [
 *     { proposalId: a, decision: 'accepted', note: 'Please invite a speaker from the Pacific.', answer: 'confirmed' },
 *     { proposalId: b, decision: 'waitlisted' },
 *     { proposalId: c, decision: 'merged', mergedInto: a },
 *     { proposalId: d, decision: 'rejected' }
 *   ], { decidedBy: adminId, sentAt: new Date(...) });
 *
 * Each decision is written unsent and then marked sent, so the database's own trigger gives each
 * proposal its decision as its status, as sending does in the product; without `sentAt` they stay
 * unsent (a cycle mid-decisions). No notification or mail is written: the demo's past is told
 * already. The proposals must be submitted; the merge rules are the admins' (the guard checks them
 * only for people, so keep them: a merge target of the same cycle, not merged or rejected itself).
 * Idempotent: decisions already there are left as they are.
 */
import type { TransactionSql } from 'postgres';

export type SeedDecision = {
	proposalId: string;
	decision: 'accepted' | 'waitlisted' | 'rejected' | 'merged';
	mergedInto?: string;
	note?: string;
	/** An accepted proposal's answer, once sent. */
	answer?: 'confirmed' | 'declined';
};

export async function insertDecisions(
	tx: TransactionSql,
	decisions: SeedDecision[],
	{ decidedBy = null, sentAt = null }: { decidedBy?: string | null; sentAt?: Date | null } = {}
): Promise<number> {
	if (!decisions.length) return 0;
	const rows = decisions.map((d) => ({
		proposal_id: d.proposalId,
		decision: d.decision,
		merged_into: d.mergedInto ?? null,
		note: d.note ?? null,
		decided_by: decidedBy,
		decided_at: sentAt ? new Date(sentAt.getTime() - 3 * 24 * 3600_000) : new Date()
	}));
	const added = await tx<{ proposal_id: string }[]>`
		insert into public.track_decisions ${tx(rows)}
		on conflict (proposal_id) do nothing
		returning proposal_id
	`;
	if (!sentAt || !added.length) return added.length;
	const ids = added.map((r) => r.proposal_id);
	await tx`
		update public.track_decisions set sent_at = ${sentAt}, sent_by = ${decidedBy}
		where proposal_id = any(${tx.array(ids)}::uuid[])
	`;
	const answers = decisions
		.filter((d) => d.decision === 'accepted' && d.answer && ids.includes(d.proposalId))
		.map((d) => ({
			proposal_id: d.proposalId,
			answer: d.answer!,
			answered_at: new Date(sentAt.getTime() + 2 * 24 * 3600_000)
		}));
	if (answers.length) {
		await tx`insert into public.track_confirmations ${tx(answers)} on conflict (proposal_id) do nothing`;
	}
	return added.length;
}
