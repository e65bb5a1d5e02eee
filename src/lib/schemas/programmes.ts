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

export const FORMATS = { online: 'Online', 'in-situ': 'In person', blended: 'Blended' } as const;
export const LEVELS = {
	introductory: 'Introductory',
	intermediate: 'Intermediate',
	advanced: 'Advanced'
} as const;
export const SCOPES = {
	local: 'Local',
	national: 'National',
	regional: 'Regional',
	global: 'Global'
} as const;
export const STATUSES = { active: 'Active', paused: 'Paused', closed: 'Closed' } as const;
export const KINDS = {
	diploma: 'Diploma',
	fellowship: 'Fellowship',
	'ambassador-scheme': 'Ambassador scheme',
	'school-of-internet-governance': 'School of Internet governance',
	course: 'Course'
} as const;
export const COMPONENTS = {
	'online-learning': 'Online learning',
	'in-situ-learning': 'In-person learning',
	'coaching-tutoring': 'Coaching and tutoring',
	'training-for-trainers': 'Training for trainers',
	'policy-immersion': 'Policy immersion',
	research: 'Research',
	'peer-evaluation': 'Peer evaluation',
	'community-building': 'Community building'
} as const;

/** The most values one repeated field of the editor takes. */
const MOST = { max: 200, message: 'Choose fewer values.' };

/** A programme's fields, as its coordinators and admins edit them (and suggested edits propose). */
export const programmeFields = z.object({
	name: z
		.string()
		.trim()
		.min(2, 'Give the programme’s name.')
		.max(200, 'Use at most 200 characters.'),
	kind: fromList(KINDS, 'kind of programme'),
	summary: optionalText(300, 'Keep the summary to 300 characters.'),
	description: optionalText(20000, 'Keep the description to 20,000 characters.'),
	website: optionalUrl,
	format: fromList(FORMATS, 'format'),
	level: z
		.union([fromList(LEVELS, 'level'), z.literal('')])
		.optional()
		.transform((v) => v || null),
	scope: fromList(SCOPES, 'scope'),
	status: fromList(STATUSES, 'status'),
	components: list(fromList(COMPONENTS, 'component'), MOST),
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
	applications_open_on: optionalDate({ what: 'the opening day', example: '2026-11-01' }),
	applications_close_on: optionalDate({ what: 'the closing day', example: '2026-11-30' }),
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
