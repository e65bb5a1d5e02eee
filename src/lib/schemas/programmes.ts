/** A programme's vocabulary and its forms: the editor's fields and rules, and a new programme. */
import { z } from 'zod';
import { proposeSlug } from '$lib/slug';
import {
	checkbox,
	COUNTRY_CODE,
	fromList,
	LANGUAGE_CODE,
	list,
	optionalDate,
	optionalText,
	optionalUrl,
	optionalWhole,
	REGION_CODE,
	slug,
	SLUG
} from './fields';
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/dates';
import { FORMATS, LEVELS, SCOPES, STATUSES, KINDS, COMPONENTS } from '$lib/words/programmes';

/** The most values one repeated field of the editor takes. */
const MOST = { max: 200, message: () => m.forms_fewer() };

/** A programme's fields, as its coordinators and admins edit them (and suggested edits propose). */
export const programmeFields = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.curation_name_required() })
		.max(200, { error: () => m.forms_at_most({ max: 200 }) }),
	kind: fromList(KINDS),
	summary: optionalText(300, () => m.curation_summary_max({ max: formatNumber(300) })),
	description: optionalText(20000, () => m.curation_description_max({ max: formatNumber(20000) })),
	/** The language its name, summary and description are written in (ISO 639-1; the database
	 * knows which codes exist), English unless said. */
	text_language: z
		.string({ error: () => m.curation_text_language_required() })
		.trim()
		.regex(/^[a-z]{2}$/, { error: () => m.curation_text_language_required() })
		.default('en'),
	website: optionalUrl,
	format: fromList(FORMATS),
	level: z
		.union([fromList(LEVELS), z.literal('')])
		.optional()
		.transform((v) => v || null),
	scope: fromList(SCOPES),
	status: fromList(STATUSES),
	components: list(fromList(COMPONENTS), MOST),
	duration_weeks: optionalWhole(1, 520, () =>
		m.curation_duration_weeks({ min: formatNumber(1), max: formatNumber(520) })
	),
	hours_per_week: optionalWhole(1, 80, () =>
		m.curation_hours_per_week({ min: formatNumber(1), max: formatNumber(80) })
	),
	cost: z.enum(['free', 'fee'], { error: () => m.curation_cost_required() }),
	fee_amount: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isFinite(v) && v > 0 && v < 1e8), {
			error: () => m.curation_fee_amount()
		}),
	fee_currency: z
		.string()
		.trim()
		.toUpperCase()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || /^[A-Z]{3}$/.test(v), {
			error: () => m.curation_fee_currency()
		}),
	fellowships_available: checkbox,
	fellowship_notes: optionalText(1000, () =>
		m.curation_fellowship_notes_max({ max: formatNumber(1000) })
	),
	applications_open_on: optionalDate({ example: '2026-11-01' }),
	applications_close_on: optionalDate({ example: '2026-11-30' }),
	topics: list(slug(m.curation_choose_topics), MOST),
	audiences: list(slug(m.curation_choose_audiences), MOST),
	languages: list(
		z.string().regex(LANGUAGE_CODE, { error: () => m.curation_choose_languages() }),
		MOST
	),
	regions: list(z.string().regex(REGION_CODE, { error: () => m.curation_choose_regions() }), MOST),
	countries: list(
		z.string().regex(COUNTRY_CODE, { error: () => m.curation_choose_countries() }),
		MOST
	)
});
type Fee = Pick<z.infer<typeof programmeFields>, 'cost' | 'fee_amount' | 'fee_currency'>;
type Window = Pick<
	z.infer<typeof programmeFields>,
	'applications_open_on' | 'applications_close_on'
>;
type Checked = Fee & Window;

/** A fee comes with its currency. */
export function checkFee(p: Fee, ctx: z.core.$RefinementCtx<Fee>) {
	if (p.cost === 'fee' && (p.fee_amount === null) !== (p.fee_currency === null)) {
		ctx.addIssue({
			code: 'custom',
			path: [p.fee_amount === null ? 'fee_amount' : 'fee_currency'],
			message: m.curation_fee_both()
		});
	}
}

/** An application window has both ends, in order. */
export function checkWindow(p: Window, ctx: z.core.$RefinementCtx<Window>) {
	if ((p.applications_open_on === null) !== (p.applications_close_on === null)) {
		ctx.addIssue({
			code: 'custom',
			path: [p.applications_open_on === null ? 'applications_open_on' : 'applications_close_on'],
			message: m.curation_window_both()
		});
	} else if (
		p.applications_open_on &&
		p.applications_close_on &&
		p.applications_close_on < p.applications_open_on
	) {
		ctx.addIssue({
			code: 'custom',
			path: ['applications_close_on'],
			message: m.curation_window_order()
		});
	}
}

/** The rules that span fields: a fee with its currency, an application window in order. */
function checkProgramme(p: Checked, ctx: z.core.$RefinementCtx<Checked>) {
	checkFee(p, ctx as z.core.$RefinementCtx<Fee>);
	checkWindow(p, ctx as z.core.$RefinementCtx<Window>);
}

/** A free programme keeps no fee. */
export const withoutFeeIfFree = <T extends Fee>(p: T): T =>
	p.cost === 'free' ? { ...p, fee_amount: null, fee_currency: null } : p;

export const programmeSchema = programmeFields
	.superRefine(checkProgramme)
	.transform(withoutFeeIfFree);
export type ProgrammeForm = z.infer<typeof programmeSchema>;

/** Addresses that are pages of the site under /programmes/, never a programme's. */
const RESERVED_SLUGS = new Set(['new']);

/**
 * A new programme (admins add them): its fields, the organisation that runs it, and its address.
 * Left empty, the address is proposed from the name.
 */
export const newProgrammeFields = programmeFields.extend({
	organisation_id: z.uuid({ error: () => m.curation_choose_organisation() }),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(80, { error: () => m.forms_at_most({ max: 80 }) })
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || SLUG.test(v), { error: () => m.curation_slug_format() })
});

export const newProgrammeSchema = newProgrammeFields
	.superRefine((p, ctx) => {
		checkProgramme(p, ctx);
		const address = p.slug ?? proposeSlug(p.name);
		if (!address) {
			ctx.addIssue({
				code: 'custom',
				path: ['slug'],
				message: m.curation_slug_latin()
			});
		} else if (RESERVED_SLUGS.has(address)) {
			ctx.addIssue({
				code: 'custom',
				path: ['slug'],
				message: m.curation_slug_reserved()
			});
		}
	})
	.transform((p) => ({ ...withoutFeeIfFree(p), slug: p.slug ?? proposeSlug(p.name) }));
export type NewProgrammeForm = z.infer<typeof newProgrammeSchema>;

/** Which version of a programme's page to restore (its history's form). */
export const restoreVersionSchema = z.object({
	number: z.coerce
		.number({ error: () => m.curation_version_unknown() })
		.int({ error: () => m.curation_version_unknown() })
		.min(1, { error: () => m.curation_version_unknown() })
		.max(2_147_483_647, { error: () => m.curation_version_unknown() })
});
