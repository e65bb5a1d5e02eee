/**
 * The track's rubric and review forms: a criterion as admins write it (its scale as one label a
 * line, lowest first), and a review as its reviewer writes it (a score per criterion of the
 * cycle, named score_<criterion id>, checked against that criterion's scale).
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, optionalText } from './fields';
import { MAX_SCALE_POINTS } from '$lib/words/track';

export const criterionSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.track_rubric_name_required() })
		.max(120, { error: () => m.forms_at_most({ max: 120 }) }),
	description: optionalText(2000),
	weight: z
		.string()
		.trim()
		.transform((v) => v.replace(',', '.'))
		.refine((v) => /^\d{1,3}(\.\d{1,2})?$/.test(v) && Number(v) > 0 && Number(v) <= 100, {
			error: () => m.track_rubric_weight_invalid()
		})
		.transform(Number),
	scale: z
		.string()
		.transform((v) =>
			v
				.split(/\r?\n/)
				.map((label) => label.trim())
				.filter(Boolean)
		)
		.refine((labels) => labels.length >= 2 && labels.length <= MAX_SCALE_POINTS, {
			error: () => m.track_rubric_scale_invalid({ max: MAX_SCALE_POINTS })
		})
		.refine((labels) => labels.every((label) => label.length <= 80), {
			error: () => m.forms_at_most({ max: 80 })
		}),
	independent: checkbox
});
export type CriterionValues = z.output<typeof criterionSchema>;

export const criterionIdSchema = z.object({ criterion: z.uuid() });

export const moveCriterionSchema = z.object({
	criterion: z.uuid(),
	by: z.enum(['up', 'down'], { error: () => m.forms_not_a_choice() })
});

export type ReviewValues = {
	scores: Record<string, number>;
	comment_to_proposers: string | null;
	comment_to_committee: string | null;
};

/** What the review form's rubric needs to check a score: each criterion's id and points. */
export type ScaleOf = { id: string; scale: readonly string[] };

/**
 * A review form against a cycle's rubric: a score, where given, must be a point of its
 * criterion's scale; submitting (intent "submit") needs a score on every criterion.
 */
export function reviewSchema(rubric: readonly ScaleOf[]) {
	const scoreFields = Object.fromEntries(
		rubric.map((c) => [
			`score_${c.id}`,
			z
				.string()
				.optional()
				.transform((v) => (v === undefined || v === '' ? null : v))
				.refine((v) => v === null || (/^\d{1,2}$/.test(v) && Number(v) < c.scale.length), {
					error: () => m.track_review_score_out_of_scale({ max: c.scale.length - 1 })
				})
				.transform((v) => (v === null ? null : Number(v)))
		])
	) as Record<string, z.ZodType<number | null>>;
	return z
		.object({
			intent: z.enum(['draft', 'submit'], { error: () => m.forms_not_a_choice() }),
			comment_to_proposers: optionalText(5000),
			comment_to_committee: optionalText(5000),
			...scoreFields
		})
		.superRefine((form, context) => {
			if (form.intent !== 'submit') return;
			for (const c of rubric) {
				if ((form as Record<string, unknown>)[`score_${c.id}`] === null) {
					context.addIssue({
						code: 'custom',
						path: [`score_${c.id}`],
						message: m.track_review_score_required()
					});
				}
			}
		})
		.transform((form) => {
			const all = form as Record<string, unknown>;
			const scores: Record<string, number> = {};
			for (const c of rubric) {
				const score = all[`score_${c.id}`];
				if (typeof score === 'number') scores[c.id] = score;
			}
			return {
				submit: form.intent === 'submit',
				values: {
					scores,
					comment_to_proposers: form.comment_to_proposers,
					comment_to_committee: form.comment_to_committee
				} satisfies ReviewValues
			};
		});
}
