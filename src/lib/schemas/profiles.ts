/**
 * What people may send about themselves (profile, languages, positions, links, audiences), with
 * messages in plain words. Forms post strings (and repeated keys for lists); these schemas turn
 * them into clean values.
 */
import { z } from 'zod';
import {
	isTimeZone,
	keys,
	LANGUAGE_CODE,
	list,
	optionalMonth,
	optionalText,
	slug as slugOf
} from './fields';

export const AUDIENCES = ['public', 'members', 'programmes', 'private'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
	public: 'Anyone',
	members: 'Members',
	programmes: 'My programmes',
	private: 'Only me'
};
export const OPEN_TO_LABELS = {
	mentoring: 'Mentoring others',
	'being-mentored': 'Being mentored',
	speaking: 'Speaking at events',
	collaborating: 'Collaborating on projects'
} as const;
export const LANGUAGE_LEVEL_LABELS = {
	native: 'Native',
	professional: 'Professional',
	conversational: 'Conversational',
	basic: 'Basic'
} as const;
export const POSITION_KIND_LABELS = {
	government: 'Government',
	regulator: 'Regulator',
	parliament: 'Parliament',
	intergovernmental: 'Intergovernmental organisation',
	'private-sector': 'Private sector',
	'civil-society': 'Civil society',
	academia: 'Academia',
	'technical-community': 'Technical community'
} as const;
export const LINK_KIND_LABELS = {
	website: 'Website',
	linkedin: 'LinkedIn',
	mastodon: 'Mastodon',
	bluesky: 'Bluesky',
	github: 'GitHub',
	orcid: 'ORCID',
	other: 'Other'
} as const;
/** The fields with their own audience, as the editor labels them. */
export const VISIBILITY_FIELD_LABELS = {
	headline: 'Headline',
	work: 'Current position',
	location: 'Country and region',
	city: 'City',
	stakeholder: 'Stakeholder group',
	bio: 'About me',
	topics: 'Expertise',
	languages: 'Languages',
	positions: 'Past positions',
	links: 'Links',
	open_to: 'Open to',
	time_zone: 'Time zone',
	email: 'E-mail address'
} as const;

/** A label map as the options of a select. */
export const optionsOf = (labels: Record<string, string>) =>
	Object.entries(labels).map(([value, label]) => ({ value, label }));

/** An optional text field, its limit said with the field's name. */
const upTo = (max: number, name: string) =>
	optionalText(max, `${name} can be at most ${max} characters.`);

const audience = z.enum(AUDIENCES, { message: 'Choose who may see this.' });

const slug = slugOf('That is not one of the choices.');

export const profileSchema = z.object({
	display_name: z
		.string()
		.trim()
		.min(1, 'Tell people your name.')
		.max(120, 'Your name can be at most 120 characters.'),
	headline: upTo(160, 'The headline'),
	bio: upTo(8000, 'About me'),
	country_code: z
		.string()
		.regex(/^([A-Z]{2})?$/, 'Choose a country from the list.')
		.transform((v) => v || null),
	city: upTo(120, 'The city'),
	// zod's default is the output (it skips the transform): a missing group is null, never ''.
	stakeholder_group: z
		.union([z.literal(''), slug])
		.transform((v) => v || null)
		.default(null),
	current_position: upTo(160, 'The position'),
	current_organisation: upTo(200, 'The organisation'),
	time_zone: z
		.string()
		.trim()
		.refine((v) => v === '' || isTimeZone(v), 'Choose a time zone from the list.')
		.transform((v) => v || null),
	open_to: list(z.enum(keys(OPEN_TO_LABELS), { message: 'That is not one of the choices.' })),
	topics: list(slug).refine((t) => t.length <= 12, 'Choose at most 12 topics.'),
	visibility: audience
});

/** Up to four language rows, each a language and a level; blank rows are ignored. */
export const LANGUAGE_ROWS = 4;
export function languagesFrom(values: Record<string, unknown>) {
	const rows: { code: string; level: string }[] = [];
	const errors: Record<string, string> = {};
	for (let i = 0; i < LANGUAGE_ROWS; i++) {
		const code = String(values[`language_${i}`] ?? '');
		const level = String(values[`level_${i}`] ?? '');
		if (!code) continue;
		if (!LANGUAGE_CODE.test(code)) errors[`language_${i}`] = 'Choose a language from the list.';
		else if (!(level in LANGUAGE_LEVEL_LABELS)) errors[`level_${i}`] = 'Choose a level.';
		else if (rows.some((r) => r.code === code)) errors[`language_${i}`] = 'Listed twice.';
		else rows.push({ code, level });
	}
	return { rows, errors };
}

export const audiencesSchema = z.object(
	Object.fromEntries(
		Object.keys(VISIBILITY_FIELD_LABELS).map((f) => [`${f}_visibility`, audience])
	) as Record<`${keyof typeof VISIBILITY_FIELD_LABELS}_visibility`, typeof audience>
);

export const positionSchema = z
	.object({
		title: z.string().trim().min(1, 'Give the title.').max(160, 'At most 160 characters.'),
		organisation: z
			.string()
			.trim()
			.min(1, 'Give the organisation.')
			.max(200, 'At most 200 characters.'),
		kind: z.enum(keys(POSITION_KIND_LABELS), { message: 'Choose the kind of organisation.' }),
		starts_on: optionalMonth({ what: 'the start', example: '2021-09' }),
		ends_on: optionalMonth({ what: 'the end', example: '2023-06' })
	})
	.refine((p) => !p.starts_on || !p.ends_on || p.ends_on >= p.starts_on, {
		message: 'The end is before the start.',
		path: ['ends_on']
	});

export const linkSchema = z.object({
	kind: z.enum(keys(LINK_KIND_LABELS), { message: 'Choose what kind of link it is.' }),
	url: z
		.string()
		.trim()
		.max(500, 'At most 500 characters.')
		.refine((v) => {
			try {
				const url = new URL(v);
				return url.protocol === 'https:' || url.protocol === 'http:';
			} catch {
				return false;
			}
		}, 'Give a full address starting with https://'),
	label: upTo(80, 'The label')
});

export const idSchema = z.object({ id: z.uuid('That item does not exist.') });

export const consentSchema = z.object({
	aggregate_consent: z.preprocess((v) => v === 'on' || v === 'true', z.boolean())
});
