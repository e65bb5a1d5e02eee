/**
 * The decisions forms: a decision on one proposal (a merge names the proposal it joins), raising
 * a sent waitlisted one to accepted, the decisions page's filter, and a proposer's answer to an
 * acceptance.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { fromList, optionalText } from './fields';
import { ANSWER_LABELS, DECISION_LABELS, NOTE_MAX, SHOW_LABELS } from '$lib/words/track-decisions';

export const decideSchema = z
	.object({
		proposal: z.uuid({ error: () => m.forms_not_a_choice() }),
		decision: fromList(DECISION_LABELS, m.track_decisions_choose),
		merged_into: z
			.string()
			.trim()
			.optional()
			.transform((v) => v || null)
			.refine((v) => v === null || z.uuid().safeParse(v).success, {
				error: () => m.forms_not_a_choice()
			}),
		note: optionalText(NOTE_MAX)
	})
	.superRefine((v, ctx) => {
		if (v.decision === 'merged' && !v.merged_into) {
			ctx.addIssue({
				code: 'custom',
				path: ['merged_into'],
				message: m.track_decisions_merge_target()
			});
		}
		if (v.decision === 'merged' && v.merged_into === v.proposal) {
			ctx.addIssue({
				code: 'custom',
				path: ['merged_into'],
				message: m.track_decisions_merge_itself()
			});
		}
	})
	.transform((v) => ({ ...v, merged_into: v.decision === 'merged' ? v.merged_into : null }));
export type DecideForm = z.output<typeof decideSchema>;

export const undecideSchema = z.object({
	proposal: z.uuid({ error: () => m.forms_not_a_choice() })
});

/** Raising a sent waitlisted decision to accepted, with a new note for the proposers if any. */
export const raiseSchema = z.object({
	proposal: z.uuid({ error: () => m.forms_not_a_choice() }),
	note: optionalText(NOTE_MAX)
});

export const decisionsFilterSchema = z.object({
	show: fromList(SHOW_LABELS).optional()
});

export const answerSchema = z.object({ answer: fromList(ANSWER_LABELS) });
