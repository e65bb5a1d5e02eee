/**
 * The capacity-building track's lists and forms: formats, statuses and phases with their labels
 * (as the database's checks say them), the proposal form (a draft may be incomplete; speakers
 * come as rows of repeated fields), the cycle form with its phases (wall-clock times in the
 * venue's zone) and screening.
 */
import { z } from 'zod';
import { atWallClock } from '$lib/event-time';
import { m } from '$lib/paraglide/messages';
import {
	checkbox,
	fromList,
	isSlug,
	isTimeZone,
	LANGUAGE_CODE,
	list,
	optionalText,
	optionalWhole,
	REGION_CODE,
	SLUG
} from './fields';
import { FORMAT_LABELS, PHASE_LABELS, MAX_CO_PROPOSERS } from '$lib/words/track';

const name = z
	.string()
	.trim()
	.max(200, { error: () => m.forms_at_most({ max: 200 }) });
const groupOrNull = z
	.string()
	.trim()
	.transform((v) => v || null)
	.refine((v) => v === null || /^[a-z-]{2,60}$/.test(v), { error: () => m.forms_not_a_choice() });
const regionOrNull = z
	.string()
	.trim()
	.transform((v) => v || null)
	.refine((v) => v === null || REGION_CODE.test(v), { error: () => m.forms_not_a_choice() });
const attendance = z.enum(['onsite', 'online'], { error: () => m.forms_not_a_choice() });
const yesNo = z.enum(['yes', 'no'], { error: () => m.forms_not_a_choice() });
const gender = z
	.string()
	.trim()
	.max(60, { error: () => m.forms_at_most({ max: 60 }) })
	.transform((v) => v || null);

export type PersonValues = {
	name: string;
	organisation: string | null;
	stakeholder_group: string | null;
	region_code: string | null;
	gender: string | null;
	attendance: 'onsite' | 'online';
	confirmed: boolean;
};

const rows = <T extends z.ZodType>(item: T) => list(item, { max: 20, message: m.track_too_many });

export const proposalSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(2, { error: () => m.track_title_required() })
			.max(200, { error: () => m.forms_at_most({ max: 200 }) }),
		format: z
			.string()
			.optional()
			.transform((v) => v || null)
			.pipe(fromList(FORMAT_LABELS).nullable()),
		duration_minutes: optionalWhole(15, 180, m.track_duration_range),
		policy_questions: optionalText(3000),
		description: optionalText(10000),
		expected_outcomes: optionalText(3000),
		interaction: optionalText(3000),
		target_audience: optionalText(2000),
		languages: list(z.string().regex(LANGUAGE_CODE, { error: () => m.forms_not_a_choice() }), {
			max: 6,
			message: m.track_too_many
		}),
		topics: list(z.string().trim(), { max: 8, message: m.track_too_many }).transform((t) =>
			[...new Set(t.filter(Boolean))].filter((slug) => isSlug(slug))
		),
		co_proposers: list(z.string().trim(), {
			max: MAX_CO_PROPOSERS,
			message: m.track_too_many
		}).transform((handles) => [
			...new Set(handles.map((h) => h.replace(/^@/, '').toLowerCase()).filter(Boolean))
		]),
		speaker_name: rows(name),
		speaker_organisation: rows(name),
		speaker_group: rows(groupOrNull),
		speaker_region: rows(regionOrNull),
		speaker_gender: rows(gender),
		speaker_attendance: rows(attendance),
		speaker_confirmed: rows(yesNo),
		moderator_name: name.optional().transform((v) => v || ''),
		moderator_organisation: name.optional().transform((v) => v || null),
		moderator_group: groupOrNull.optional().transform((v) => v ?? null),
		moderator_region: regionOrNull.optional().transform((v) => v ?? null),
		moderator_gender: gender.optional().transform((v) => v ?? null),
		moderator_attendance: attendance.optional().transform((v) => v ?? 'onsite'),
		moderator_confirmed: yesNo.optional().transform((v) => v === 'yes')
	})
	.transform((form) => {
		const speakers: PersonValues[] = form.speaker_name.flatMap((speaker, i) =>
			speaker
				? [
						{
							name: speaker,
							organisation: form.speaker_organisation[i] || null,
							stakeholder_group: form.speaker_group[i] ?? null,
							region_code: form.speaker_region[i] ?? null,
							gender: form.speaker_gender[i] ?? null,
							attendance: form.speaker_attendance[i] ?? 'onsite',
							confirmed: form.speaker_confirmed[i] === 'yes'
						}
					]
				: []
		);
		const moderator: PersonValues | null = form.moderator_name
			? {
					name: form.moderator_name,
					organisation: form.moderator_organisation,
					stakeholder_group: form.moderator_group,
					region_code: form.moderator_region,
					gender: form.moderator_gender,
					attendance: form.moderator_attendance,
					confirmed: form.moderator_confirmed
				}
			: null;
		return {
			title: form.title,
			format: form.format,
			duration_minutes: form.duration_minutes,
			policy_questions: form.policy_questions,
			description: form.description,
			expected_outcomes: form.expected_outcomes,
			interaction: form.interaction,
			target_audience: form.target_audience,
			languages: form.languages,
			topics: form.topics,
			co_proposers: form.co_proposers,
			speakers,
			moderator
		};
	});
export type ProposalDraft = z.output<typeof proposalSchema>;

/** What a submission needs beyond a draft, field by field (the database checks it too). */
export function missingForSubmission(draft: ProposalDraft): Record<string, string> {
	const missing: Record<string, string> = {};
	const need = m.track_needed_to_submit();
	for (const field of [
		'format',
		'duration_minutes',
		'policy_questions',
		'description',
		'expected_outcomes',
		'interaction',
		'target_audience'
	] as const) {
		if (draft[field] === null) missing[field] = need;
	}
	if (draft.languages.length === 0) missing.languages = need;
	return missing;
}

export const screenSchema = z.object({
	proposal: z.uuid({ error: () => m.forms_not_a_choice() }),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.track_reason_required() })
		.max(2000, { error: () => m.forms_at_most({ max: 2000 }) })
});

export const unscreenSchema = z.object({
	proposal: z.uuid({ error: () => m.forms_not_a_choice() })
});

export const cycleSchema = z.object({
	title: z
		.string()
		.trim()
		.min(2, { error: () => m.track_title_required() })
		.max(200, { error: () => m.forms_at_most({ max: 200 }) }),
	description: optionalText(20000),
	venue: optionalText(200),
	time_zone: z
		.string()
		.trim()
		.refine((zone) => zone !== '' && zone.length <= 64 && isTimeZone(zone), {
			error: () => m.track_time_zone_required()
		})
});
export type CycleValues = z.output<typeof cycleSchema>;

export const newCycleSchema = cycleSchema.extend({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.refine((v) => isSlug(v) && v.length <= 60, { error: () => m.track_slug_invalid() })
});

export type PhaseValues = {
	kind: keyof typeof PHASE_LABELS;
	starts_at: Date;
	ends_at: Date;
	proposers_may_edit: boolean;
	reviewers_see_reviews: boolean;
	blind_review: boolean;
	reviewers_may_review: boolean;
	proposers_see_reviews: boolean;
};

const wallTime = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), {
		error: () => m.track_phase_time_invalid()
	});

const phaseFields = Object.fromEntries(
	Object.keys(PHASE_LABELS).flatMap((kind) => [
		[`${kind}_starts`, wallTime],
		[`${kind}_ends`, wallTime],
		[`${kind}_may_edit`, checkbox],
		[`${kind}_see_reviews`, checkbox],
		[`${kind}_blind`, checkbox],
		[`${kind}_may_review`, checkbox],
		[`${kind}_publish_reviews`, checkbox]
	])
) as Record<string, typeof wallTime | typeof checkbox>;

/** The phases of a cycle as the form writes them: wall clocks in the venue's zone. */
export const phasesSchema = z
	.object({ time_zone: cycleSchema.shape.time_zone, ...phaseFields })
	.transform((parsed, context) => {
		const form = parsed as Record<string, unknown> & { time_zone: string };
		const phases: PhaseValues[] = [];
		for (const kind of Object.keys(PHASE_LABELS) as PhaseValues['kind'][]) {
			const starts = form[`${kind}_starts`] as string | null;
			const ends = form[`${kind}_ends`] as string | null;
			if (!starts && !ends) continue;
			const at = (v: string | null) =>
				v ? atWallClock(v.slice(0, 10), v.slice(11), form.time_zone) : null;
			const startsAt = at(starts);
			const endsAt = at(ends);
			if (!startsAt || !endsAt) {
				context.addIssue({
					code: 'custom',
					path: [`${kind}_starts`],
					message: m.track_phase_time_invalid()
				});
				continue;
			}
			if (endsAt <= startsAt) {
				context.addIssue({
					code: 'custom',
					path: [`${kind}_ends`],
					message: m.track_phase_ends_after()
				});
				continue;
			}
			phases.push({
				kind,
				starts_at: startsAt,
				ends_at: endsAt,
				proposers_may_edit: form[`${kind}_may_edit`] as boolean,
				reviewers_see_reviews: form[`${kind}_see_reviews`] as boolean,
				blind_review: form[`${kind}_blind`] as boolean,
				reviewers_may_review: form[`${kind}_may_review`] as boolean,
				proposers_see_reviews: form[`${kind}_publish_reviews`] as boolean
			});
		}
		return phases;
	});

// ─── reviewers and conflicts ─────────────────────────────────────────────────────────────────────

/** An admin invites a member by handle (with or without the @). */
export const inviteReviewerSchema = z.object({
	handle: z.preprocess(
		(v) => (typeof v === 'string' ? v.trim().replace(/^@/, '') : v),
		z
			.string({ error: () => m.track_reviewers_handle_invalid() })
			.regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, {
				error: () => m.track_reviewers_handle_invalid()
			})
	)
});

/** The invited person's answer. */
export const answerReviewingSchema = z.object({ answer: z.enum(['accepted', 'declined']) });

/** A reviewer declares a conflict with a proposal. */
export const declareConflictSchema = z.object({
	proposal: z.uuid(),
	reason: optionalText(500)
});

/** A reviewer takes back a conflict they declared. */
export const withdrawConflictSchema = z.object({ proposal: z.uuid() });

/** A reviewer's topic preferences: at most twelve of the taxonomy's topics (checked by the route). */
export const reviewerTopicsSchema = z.object({
	topics: list(z.string().regex(SLUG, { error: () => m.forms_not_a_choice() }), {
		max: 12,
		message: () => m.profiles_topics_up_to({ max: 12 })
	})
});

/** The automatic assignment: how many reviewers each proposal gets. */
export const runAssignmentSchema = z.object({
	per_proposal: z.coerce
		.number({ error: () => m.track_assign_per_proposal_invalid() })
		.int({ error: () => m.track_assign_per_proposal_invalid() })
		.min(1, { error: () => m.track_assign_per_proposal_invalid() })
		.max(10, { error: () => m.track_assign_per_proposal_invalid() })
});

/** An admin adds or removes one assignment. */
export const assignmentSchema = z.object({ proposal: z.uuid(), reviewer: z.uuid() });

/** The ranked list's filters (a GET form): each empty or one of its choices. */
export const rankingFilterSchema = z.object({
	format: fromList(FORMAT_LABELS).optional(),
	topic: z
		.string()
		.refine((v) => isSlug(v), { error: () => m.forms_not_a_choice() })
		.optional(),
	region: z
		.string()
		.regex(REGION_CODE, { error: () => m.forms_not_a_choice() })
		.optional(),
	criteria: z.enum(['met', 'missed'], { error: () => m.forms_not_a_choice() }).optional()
});
export type RankingFilter = z.output<typeof rankingFilterSchema>;
