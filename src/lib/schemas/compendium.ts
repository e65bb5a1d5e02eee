/**
 * The compendium's vocabulary and rules, shared by the data layer, the pages and the tests: the
 * search's query parameters, the programme and organisation forms, and suggested edits.
 */
import { z } from 'zod';
import { proposeSlug } from '$lib/slug';
import { date, holdsNul, optionalDate } from './fields';

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
export const COSTS = { free: 'Free', fellowships: 'Fellowships available' } as const;
export const OPEN = { now: 'Applications open now' } as const;
/** The parts of a programme's page a member can suggest an edit to, in the order the form offers them. */
export const SUGGESTION_FIELDS = {
	name: 'Name',
	summary: 'Summary',
	description: 'Description',
	website: 'Website',
	kind: 'Kind',
	format: 'Format',
	level: 'Level',
	status: 'Status',
	components: 'Components',
	duration: 'Duration',
	cost: 'Cost',
	fellowships: 'Fellowships',
	applications: 'Application window',
	topics: 'Topics',
	'target-groups': 'Target groups',
	languages: 'Languages',
	scope: 'Scope, regions and countries',
	cohorts: 'Cohorts'
} as const;
export type SuggestionField = keyof typeof SUGGESTION_FIELDS;

/**
 * The parts a suggestion carries a new value for, and the editor's fields (programmes' columns)
 * each one sets; public.suggestion_columns in the database says the same (a db test checks).
 * The other parts (topics, cohorts…) take free text and are marked done by hand.
 */
export const SUGGESTION_VALUE_COLUMNS = {
	name: ['name'],
	summary: ['summary'],
	description: ['description'],
	website: ['website'],
	kind: ['kind'],
	format: ['format'],
	level: ['level'],
	status: ['status'],
	components: ['components'],
	duration: ['duration_weeks', 'hours_per_week'],
	cost: ['cost', 'fee_amount', 'fee_currency'],
	fellowships: ['fellowships_available', 'fellowship_notes'],
	applications: ['applications_open_on', 'applications_close_on']
} as const satisfies Partial<Record<SuggestionField, readonly string[]>>;
export type ValueField = keyof typeof SUGGESTION_VALUE_COLUMNS;

/** Whether a suggestion about this part of the page carries a value (else it is free text). */
export const takesValue = (field: string | null | undefined): field is ValueField =>
	!!field && Object.hasOwn(SUGGESTION_VALUE_COLUMNS, field);

const keys = <T extends object>(o: T) =>
	Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** The search's facets, in the order the page shows them; each is a query parameter. */
export const FACETS = [
	'open',
	'cost',
	'format',
	'level',
	'topic',
	'audience',
	'component',
	'language',
	'scope',
	'region',
	'country',
	'status'
] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_NAMES: Record<Facet, string> = {
	open: 'Applications',
	cost: 'Cost',
	format: 'Format',
	level: 'Level',
	topic: 'Topic',
	audience: 'Target group',
	component: 'Component',
	language: 'Language',
	scope: 'Scope',
	region: 'Region',
	country: 'Country',
	status: 'Status'
};

/** Labels for the facets whose values are fixed in code (the others are taxonomy rows). */
export const FIXED_LABELS: Partial<Record<Facet, Record<string, string>>> = {
	open: OPEN,
	cost: COSTS,
	format: FORMATS,
	level: LEVELS,
	component: COMPONENTS,
	scope: SCOPES,
	status: STATUSES
};

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const many = <T extends z.ZodType>(item: T) =>
	z.array(item).max(40, 'Choose at most 40 values in one filter.').default([]);
const fromList = <T extends object>(labels: T, what: string) =>
	z.enum(keys(labels), { error: `That is not a ${what} the compendium knows.` });

/** The words of a search box; an empty box is no search. */
const words = z
	.string()
	.trim()
	.max(200, 'Use at most 200 characters in the search box.')
	.optional()
	.transform((q) => q || undefined);

/**
 * A keyset cursor as a page link carries it (base64url). Room for a 200-character name in a script
 * of three or four bytes a character, which base64 makes a third longer again.
 */
const pageLink = z
	.string()
	.max(1500, 'That page link is not valid; start the search again.')
	.regex(/^[A-Za-z0-9_-]+$/, 'That page link is not valid; start the search again.')
	.optional();

export const searchSchema = z.object({
	q: words,
	open: many(fromList(OPEN, 'application filter')),
	cost: many(fromList(COSTS, 'cost')),
	format: many(fromList(FORMATS, 'format')),
	level: many(fromList(LEVELS, 'level')),
	component: many(fromList(COMPONENTS, 'component')),
	scope: many(fromList(SCOPES, 'scope')),
	status: many(fromList(STATUSES, 'status')),
	topic: many(z.string().regex(slug, 'A topic is written like “data-governance”.')),
	audience: many(z.string().regex(slug, 'A target group is written like “youth”.')),
	language: many(z.string().regex(/^[a-z]{2}$/, 'A language is a two-letter code like “fr”.')),
	region: many(z.string().regex(/^[0-9]{3}$/, 'A region is a three-digit UN M49 code like “002”.')),
	country: many(z.string().regex(/^[A-Z]{2}$/, 'A country is a two-letter code like “KE”.')),
	after: pageLink
});
export type Search = z.infer<typeof searchSchema>;

/** The search as the URL says it, or the first thing wrong with it in people's words. */
export function parseSearch(params: URLSearchParams) {
	const raw: Record<string, unknown> = { q: params.get('q') ?? undefined };
	for (const facet of FACETS) raw[facet] = params.getAll(facet);
	raw.after = params.get('after') ?? undefined;
	return firstProblem(searchSchema, raw);
}

/** The index of organisations: words to find in their names, and where the last page ended. */
export const organisationSearchSchema = z.object({ q: words, after: pageLink });

/** The organisations' search as the URL says it, or the first thing wrong with it. */
export const parseOrganisationSearch = (params: URLSearchParams) =>
	firstProblem(organisationSearchSchema, {
		q: params.get('q') ?? undefined,
		after: params.get('after') ?? undefined
	});

function firstProblem<S extends z.ZodType>(
	schema: S,
	raw: unknown
): { ok: true; search: z.output<S> } | { ok: false; message: string } {
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, search: result.data };
	return { ok: false, message: result.error.issues[0]?.message ?? 'That search is not valid.' };
}

// ─── Forms ──────────────────────────────────────────────────────────────────────────────────────

/** A repeated form field: none, one (a string) or several (an array) values, always as an array. */
const list = <T extends z.ZodType>(item: T) =>
	z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(item).max(200, 'Choose fewer values.')
	);
const optionalText = (max: number, message: string) =>
	z
		.string()
		.trim()
		.max(max, message)
		.optional()
		.transform((v) => v || null);
const optionalUrl = z
	.string()
	.trim()
	.max(500, 'Use at most 500 characters.')
	.optional()
	.transform((v) => v || null)
	.refine(
		(v) => v === null || /^https?:\/\/[^\s]+$/.test(v),
		'Give a web address that starts with https://.'
	);
const optionalWhole = (min: number, max: number, message: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v >= min && v <= max), message);
const checkbox = z
	.literal('on')
	.optional()
	.transform((v) => v === 'on');

/** A programme's fields, as its coordinators and admins edit them. */
const programmeFields = z.object({
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
	components: list(fromList(COMPONENTS, 'component')),
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
	topics: list(z.string().regex(slug, 'Choose topics from the list.')),
	audiences: list(z.string().regex(slug, 'Choose target groups from the list.')),
	languages: list(z.string().regex(/^[a-z]{2}$/, 'Choose languages from the list.')),
	regions: list(z.string().regex(/^[0-9]{3}$/, 'Choose regions from the list.')),
	countries: list(z.string().regex(/^[A-Z]{2}$/, 'Choose countries from the list.'))
});
type Fee = Pick<z.infer<typeof programmeFields>, 'cost' | 'fee_amount' | 'fee_currency'>;
type Window = Pick<
	z.infer<typeof programmeFields>,
	'applications_open_on' | 'applications_close_on'
>;
type Checked = Fee & Window;

/** A fee comes with its currency. */
function checkFee(p: Fee, ctx: z.core.$RefinementCtx<Fee>) {
	if (p.cost === 'fee' && (p.fee_amount === null) !== (p.fee_currency === null)) {
		ctx.addIssue({
			code: 'custom',
			path: [p.fee_amount === null ? 'fee_amount' : 'fee_currency'],
			message: 'Give both the amount and its currency, or neither.'
		});
	}
}

/** An application window has both ends, in order. */
function checkWindow(p: Window, ctx: z.core.$RefinementCtx<Window>) {
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
const withoutFeeIfFree = <T extends Fee>(p: T): T =>
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
export const newProgrammeSchema = programmeFields
	.extend({
		organisation_id: z.uuid({ error: 'Choose the organisation that runs the programme.' }),
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.max(80, 'Use at most 80 characters.')
			.optional()
			.transform((v) => v || null)
			.refine(
				(v) => v === null || slug.test(v),
				'Use lowercase letters, digits and hyphens, like “monsoon-school”.'
			)
	})
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

export const cohortSchema = z
	.object({
		id: z
			.uuid()
			.optional()
			.or(z.literal('').transform(() => undefined)),
		edition: z
			.string()
			.trim()
			.min(1, 'Name the edition, like “2027” or “2027 — Spring”.')
			.max(80, 'Use at most 80 characters.'),
		starts_on: date({ what: 'the first day', example: '2027-03-01' }),
		ends_on: date({ what: 'the last day', example: '2027-03-05' }),
		place: optionalText(200, 'Use at most 200 characters.'),
		country_code: z
			.string()
			.trim()
			.optional()
			.transform((v) => v || null)
			.refine((v) => v === null || /^[A-Z]{2}$/.test(v), 'Choose a country from the list.'),
		online: checkbox
	})
	.refine((c) => c.ends_on >= c.starts_on, {
		path: ['ends_on'],
		message: 'The last day cannot be before the first.'
	});
export type CohortForm = z.infer<typeof cohortSchema>;

// ─── Suggested edits ────────────────────────────────────────────────────────────────────────────

const FREE_TEXT_FIELDS = Object.keys(SUGGESTION_FIELDS).filter((f) => !takesValue(f)) as [
	SuggestionField,
	...SuggestionField[]
];
const note = optionalText(1000, 'Keep the note to 1,000 characters.');
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
					.string({ error: 'Say what should change.' })
					.trim()
					.min(10, 'Say what should change, in at least 10 characters.')
					.max(4000, 'Keep it to 4,000 characters.')
			})
		],
		{ error: 'Choose which part of the page your suggestion is about.' }
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
	.union([fromList(SUGGESTION_FIELDS, 'part of the page'), z.literal('other')])
	.optional();

export const decisionSchema = z.object({
	id: z.uuid({ error: 'That suggestion is not known.' }),
	status: z.enum(['accepted', 'dismissed'], { error: 'Accept or dismiss the suggestion.' }),
	reason: optionalText(500, 'Keep the reason to 500 characters.')
});

/** Applying a suggestion's value; `confirmed` is the page's current value the coordinator saw. */
export const applySchema = z.object({
	id: z.uuid({ error: 'That suggestion is not known.' }),
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
				ctx.addIssue({ code: 'custom', message: 'Reload the page and try again.' });
				return z.NEVER;
			}
		})
});

export const organisationSchema = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(slug, 'Use lowercase letters, digits and hyphens, like “open-horizons”.')
		.max(80, 'Use at most 80 characters.'),
	name: z
		.string()
		.trim()
		.min(2, 'Give the organisation’s name.')
		.max(200, 'Use at most 200 characters.'),
	short_name: optionalText(40, 'Keep the short name to 40 characters.'),
	stakeholder_group: z
		.string()
		.optional()
		.transform((v) => v || null),
	country_code: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || /^[A-Z]{2}$/.test(v), 'Choose a country from the list.'),
	website: optionalUrl,
	description: optionalText(8000, 'Keep the description to 8,000 characters.')
});
export type OrganisationForm = z.infer<typeof organisationSchema>;
