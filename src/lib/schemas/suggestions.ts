/**
 * Suggested edits: the parts of a programme's page a member can suggest a change to, the columns
 * each part sets, and the forms that suggest, decide and apply.
 */
import { z } from 'zod';
import { fromList, holdsNul, optionalText } from './fields';
import { checkFee, checkWindow, programmeFields, withoutFeeIfFree } from './programmes';
import { formatNumber } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import {
	SUGGESTION_FIELDS,
	type SuggestionField,
	takesValue,
	type ValueField
} from '$lib/words/suggestions';

const FREE_TEXT_FIELDS = Object.keys(SUGGESTION_FIELDS).filter((f) => !takesValue(f)) as [
	SuggestionField,
	...SuggestionField[]
];

const note = optionalText(1000, () => m.curation_note_max({ max: formatNumber(1000) }));
/** A suggestion of a new value for one part: the editor's own rules for its fields. */
const valueFor = <F extends ValueField, S extends z.ZodRawShape>(field: F, shape: S) =>
	z.object({ field: z.literal(field), note, ...shape });
const f = programmeFields.shape;

/**
 * A member's suggested edit. For a plain part of the page (SUGGESTION_VALUE_COLUMNS) it carries
 * the proposed value, checked by the same rules as the editor, and an optional note; for anything
 * else ('' or a free-text part) what should change, in words.
 */
export const suggestionSchema = z
	.discriminatedUnion(
		'field',
		[
			valueFor('name', { name: f.name }),
			valueFor('summary', { summary: f.summary }),
			valueFor('description', { description: f.description }),
			valueFor('website', { website: f.website }),
			valueFor('kind', { kind: f.kind }),
			valueFor('format', { format: f.format }),
			valueFor('level', { level: f.level }),
			valueFor('status', { status: f.status }),
			valueFor('components', { components: f.components }),
			valueFor('duration', { duration_weeks: f.duration_weeks, hours_per_week: f.hours_per_week }),
			valueFor('cost', { cost: f.cost, fee_amount: f.fee_amount, fee_currency: f.fee_currency })
				.superRefine(checkFee)
				.transform(withoutFeeIfFree),
			valueFor('fellowships', {
				fellowships_available: f.fellowships_available,
				fellowship_notes: f.fellowship_notes
			}),
			valueFor('applications', {
				applications_open_on: f.applications_open_on,
				applications_close_on: f.applications_close_on
			}).superRefine(checkWindow),
			z.object({
				field: z.enum(['', ...FREE_TEXT_FIELDS]),
				proposal: z
					.string({ error: () => m.curation_proposal_required() })
					.trim()
					.min(10, { error: () => m.curation_proposal_min({ min: formatNumber(10) }) })
					.max(4000, { error: () => m.curation_proposal_max({ max: formatNumber(4000) }) })
			})
		],
		{ error: () => m.curation_choose_part() }
	)
	.transform((s): Suggestion => {
		if (!('proposal' in s)) {
			const { field, note, ...value } = s;
			return { field, value, proposal: note };
		}
		return { field: s.field || null, value: null, proposal: s.proposal };
	});
/** What is stored: the part, its proposed value (by column) or null, and the words. */
export type Suggestion = {
	field: SuggestionField | null;
	value: Record<string, unknown> | null;
	proposal: string | null;
};

/** The part of the page to suggest an edit to, as the suggest page's address carries it. */
export const suggestionFieldSchema = z
	.union([fromList(SUGGESTION_FIELDS), z.literal('other')])
	.optional();

export const decisionSchema = z.object({
	id: z.uuid({ error: () => m.curation_suggestion_unknown() }),
	status: z.enum(['accepted', 'dismissed'], { error: () => m.curation_accept_or_dismiss() }),
	reason: optionalText(500, () => m.curation_reason_max({ max: formatNumber(500) }))
});

/** Applying a suggestion's value; `confirmed` is the page's current value the coordinator saw. */
export const applySchema = z.object({
	id: z.uuid({ error: () => m.curation_suggestion_unknown() }),
	/** Ticked: the coordinator wants the part left empty, as the suggestion says. */
	empty: z.literal('yes').optional().catch(undefined),
	confirmed: z
		.string()
		.max(45000)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			try {
				const parsed = JSON.parse(v) as unknown;
				// JSON can spell a NUL (\u0000), which no page value holds and jsonb refuses.
				if (holdsNul(parsed)) throw new Error('NUL');
				return parsed;
			} catch {
				ctx.addIssue({ code: 'custom', message: m.curation_reload() });
				return z.NEVER;
			}
		})
});
