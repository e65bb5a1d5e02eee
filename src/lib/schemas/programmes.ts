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
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const FORMATS = labelled({
	online: m.programmes_format_online,
	'in-situ': m.programmes_format_in_situ,
	blended: m.programmes_format_blended
});
export const LEVELS = labelled({
	introductory: m.programmes_level_introductory,
	intermediate: m.programmes_level_intermediate,
	advanced: m.programmes_level_advanced
});
export const SCOPES = labelled({
	local: m.programmes_scope_local,
	national: m.programmes_scope_national,
	regional: m.programmes_scope_regional,
	global: m.programmes_scope_global
});
export const STATUSES = labelled({
	active: m.programmes_status_active,
	paused: m.programmes_status_paused,
	closed: m.programmes_status_closed
});
export const KINDS = labelled({
	diploma: m.programmes_kind_diploma,
	fellowship: m.programmes_kind_fellowship,
	'ambassador-scheme': m.programmes_kind_ambassador_scheme,
	'school-of-internet-governance': m.programmes_kind_school,
	course: m.programmes_kind_course
});
export const COMPONENTS = labelled({
	'online-learning': m.programmes_component_online_learning,
	'in-situ-learning': m.programmes_component_in_situ_learning,
	'coaching-tutoring': m.programmes_component_coaching,
	'training-for-trainers': m.programmes_component_trainers,
	'policy-immersion': m.programmes_component_policy_immersion,
	research: m.programmes_component_research,
	'peer-evaluation': m.programmes_component_peer_evaluation,
	'community-building': m.programmes_component_community
});

/** The most values one repeated field of the editor takes. */
const MOST = { max: 200, message: () => m.forms_fewer() };

/** A programme's fields, as its coordinators and admins edit them (and suggested edits propose). */
export const programmeFields = z.object({
	name: z
		.string()
		.trim()
		.min(2, 'Give the programme’s name.')
		.max(200, 'Use at most 200 characters.'),
	kind: fromList(KINDS),
	summary: optionalText(300, 'Keep the summary to 300 characters.'),
	description: optionalText(20000, 'Keep the description to 20,000 characters.'),
	website: optionalUrl,
	format: fromList(FORMATS),
	level: z
		.union([fromList(LEVELS), z.literal('')])
		.optional()
		.transform((v) => v || null),
	scope: fromList(SCOPES),
	status: fromList(STATUSES),
	components: list(fromList(COMPONENTS), MOST),
	duration_weeks: optionalWhole(1, 520, 'Give the duration in whole weeks, from 1 to 520.'),
	hours_per_week: optionalWhole(1, 80, 'Give the hours a week as a whole number, from 1 to 80.'),
	cost: z.enum(['free', 'fee'], { error: 'Say whether the programme is free or has a fee.' }),
	fee_amount: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine(
			(v) => v === null || (Number.isFinite(v) && v > 0 && v < 1e8),
			'Give the fee as a positive number, like 450 or 99.50.'
		),
	fee_currency: z
		.string()
		.trim()
		.toUpperCase()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || /^[A-Z]{3}$/.test(v), 'Give a currency code like USD or EUR.'),
	fellowships_available: checkbox,
	fellowship_notes: optionalText(1000, 'Keep the fellowship notes to 1,000 characters.'),
	applications_open_on: optionalDate({ example: '2026-11-01' }),
	applications_close_on: optionalDate({ example: '2026-11-30' }),
	topics: list(slug('Choose topics from the list.'), MOST),
	audiences: list(slug('Choose target groups from the list.'), MOST),
	languages: list(z.string().regex(LANGUAGE_CODE, 'Choose languages from the list.'), MOST),
	regions: list(z.string().regex(REGION_CODE, 'Choose regions from the list.'), MOST),
	countries: list(z.string().regex(COUNTRY_CODE, 'Choose countries from the list.'), MOST)
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
			message: 'Give both the amount and its currency, or neither.'
		});
	}
}

/** An application window has both ends, in order. */
export function checkWindow(p: Window, ctx: z.core.$RefinementCtx<Window>) {
	if ((p.applications_open_on === null) !== (p.applications_close_on === null)) {
		ctx.addIssue({
			code: 'custom',
			path: [p.applications_open_on === null ? 'applications_open_on' : 'applications_close_on'],
			message: 'Give both the opening and the closing date, or neither.'
		});
	} else if (
		p.applications_open_on &&
		p.applications_close_on &&
		p.applications_close_on < p.applications_open_on
	) {
		ctx.addIssue({
			code: 'custom',
			path: ['applications_close_on'],
			message: 'Applications must close on or after the day they open.'
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
	organisation_id: z.uuid({ error: 'Choose the organisation that runs the programme.' }),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(80, 'Use at most 80 characters.')
		.optional()
		.transform((v) => v || null)
		.refine(
			(v) => v === null || SLUG.test(v),
			'Use lowercase letters, digits and hyphens, like “monsoon-school”.'
		)
});

export const newProgrammeSchema = newProgrammeFields
	.superRefine((p, ctx) => {
		checkProgramme(p, ctx);
		const address = p.slug ?? proposeSlug(p.name);
		if (!address) {
			ctx.addIssue({
				code: 'custom',
				path: ['slug'],
				message: 'Give the programme an address in Latin letters, like “monsoon-school”.'
			});
		} else if (RESERVED_SLUGS.has(address)) {
			ctx.addIssue({
				code: 'custom',
				path: ['slug'],
				message: 'That address belongs to a page of the site; choose another.'
			});
		}
	})
	.transform((p) => ({ ...withoutFeeIfFree(p), slug: p.slug ?? proposeSlug(p.name) }));
export type NewProgrammeForm = z.infer<typeof newProgrammeSchema>;
