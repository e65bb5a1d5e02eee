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
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const AUDIENCES = ['public', 'members', 'programmes', 'private'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = labelled({
	public: m.profiles_audience_public,
	members: m.profiles_audience_members,
	programmes: m.profiles_audience_programmes,
	private: m.profiles_audience_private
});
export const OPEN_TO_LABELS = labelled({
	mentoring: m.profiles_open_mentoring,
	'being-mentored': m.profiles_open_being_mentored,
	speaking: m.profiles_open_speaking,
	collaborating: m.profiles_open_collaborating
});
export const LANGUAGE_LEVEL_LABELS = labelled({
	native: m.profiles_level_native,
	professional: m.profiles_level_professional,
	conversational: m.profiles_level_conversational,
	basic: m.profiles_level_basic
});
export const POSITION_KIND_LABELS = labelled({
	government: m.profiles_kind_government,
	regulator: m.profiles_kind_regulator,
	parliament: m.profiles_kind_parliament,
	intergovernmental: m.profiles_kind_intergovernmental,
	'private-sector': m.profiles_kind_private_sector,
	'civil-society': m.profiles_kind_civil_society,
	academia: m.profiles_kind_academia,
	'technical-community': m.profiles_kind_technical_community
});
/** Kinds of link; the services' own names are names, the same in every language. */
export const LINK_KIND_LABELS = labelled({
	website: m.profiles_link_website,
	linkedin: () => 'LinkedIn',
	mastodon: () => 'Mastodon',
	bluesky: () => 'Bluesky',
	github: () => 'GitHub',
	orcid: () => 'ORCID',
	other: m.profiles_link_other
});
/** The fields with their own audience, as the editor labels them. */
export const VISIBILITY_FIELD_LABELS = labelled({
	headline: m.profiles_field_headline,
	work: m.profiles_field_work,
	location: m.profiles_field_location,
	city: m.profiles_field_city,
	stakeholder: m.profiles_field_stakeholder,
	bio: m.profiles_field_bio,
	topics: m.profiles_field_topics,
	languages: m.profiles_field_languages,
	positions: m.profiles_field_positions,
	links: m.profiles_field_links,
	open_to: m.profiles_field_open_to,
	time_zone: m.profiles_field_time_zone,
	email: m.profiles_field_email
});

/** A label map as the options of a select. */
export const optionsOf = (labels: Record<string, string>) =>
	Object.entries(labels).map(([value, label]) => ({ value, label }));

/** An optional text field, its limit said with the field's name. */
const upTo = (max: number, message: (inputs: { max: number }) => string) =>
	optionalText(max, () => message({ max }));

const audience = z.enum(AUDIENCES, { error: () => m.profiles_choose_audience() });

const slug = slugOf(m.forms_not_a_choice);

export const profileSchema = z.object({
	display_name: z
		.string()
		.trim()
		.min(1, { error: () => m.profiles_name_required() })
		.max(120, { error: () => m.profiles_name_long({ max: 120 }) }),
	headline: upTo(160, m.profiles_headline_long),
	bio: upTo(8000, m.profiles_bio_long),
	country_code: z
		.string()
		.regex(/^([A-Z]{2})?$/, { error: () => m.forms_country() })
		.transform((v) => v || null),
	city: upTo(120, m.profiles_city_long),
	// zod's default is the output (it skips the transform): a missing group is null, never ''.
	stakeholder_group: z
		.union([z.literal(''), slug])
		.transform((v) => v || null)
		.default(null),
	current_position: upTo(160, m.profiles_position_long),
	current_organisation: upTo(200, m.profiles_organisation_long),
	time_zone: z
		.string()
		.trim()
		.refine((v) => v === '' || isTimeZone(v), { error: () => m.profiles_time_zone_choose() })
		.transform((v) => v || null),
	open_to: list(z.enum(keys(OPEN_TO_LABELS), { error: () => m.forms_not_a_choice() })),
	topics: list(slug).refine((t) => t.length <= 12, {
		error: () => m.profiles_topics_most({ max: 12 })
	}),
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
		if (!LANGUAGE_CODE.test(code)) {
			errors[`language_${i}`] = m.profiles_language_choose();
		} else if (!(level in LANGUAGE_LEVEL_LABELS)) {
			errors[`level_${i}`] = m.profiles_level_choose();
		} else if (rows.some((r) => r.code === code)) {
			errors[`language_${i}`] = m.profiles_language_twice();
		} else {
			rows.push({ code, level });
		}
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
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.profiles_position_title_required() })
			.max(160, { error: () => m.profiles_at_most({ max: 160 }) }),
		organisation: z
			.string()
			.trim()
			.min(1, { error: () => m.profiles_position_organisation_required() })
			.max(200, { error: () => m.profiles_at_most({ max: 200 }) }),
		kind: z.enum(keys(POSITION_KIND_LABELS), { error: () => m.profiles_position_kind_choose() }),
		starts_on: optionalMonth({ example: '2021-09' }),
		ends_on: optionalMonth({ example: '2023-06' })
	})
	.refine((p) => !p.starts_on || !p.ends_on || p.ends_on >= p.starts_on, {
		error: () => m.profiles_position_end_before_start(),
		path: ['ends_on']
	});

export const linkSchema = z.object({
	kind: z.enum(keys(LINK_KIND_LABELS), { error: () => m.profiles_link_kind_choose() }),
	url: z
		.string()
		.trim()
		.max(500, { error: () => m.profiles_at_most({ max: 500 }) })
		.refine(
			(v) => {
				try {
					const url = new URL(v);
					return url.protocol === 'https:' || url.protocol === 'http:';
				} catch {
					return false;
				}
			},
			{ error: () => m.profiles_link_url() }
		),
	label: upTo(80, m.profiles_label_long)
});

export const idSchema = z.object({ id: z.uuid({ error: () => m.profiles_item_missing() }) });

export const consentSchema = z.object({
	aggregate_consent: z.preprocess((v) => v === 'on' || v === 'true', z.boolean())
});
