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
import { m } from '$lib/paraglide/messages';
import {
	LANGUAGE_LEVEL_LABELS,
	POSITION_KIND_LABELS,
	LINK_KIND_LABELS,
	VISIBILITY_FIELD_LABELS,
	LANGUAGE_ROWS,
	AUDIENCES,
	OPEN_TO_LABELS
} from '$lib/words/profiles';

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
