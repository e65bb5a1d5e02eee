/** The directory's query string: the words, the filters, the order and where the last page ended. */
import { z } from 'zod';
import { formatNumber } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { COUNTRY_CODE, keys, LANGUAGE_CODE, slug as slugOf } from './fields';
import { OPEN_TO_LABELS } from '$lib/words/profiles';

const slug = slugOf(m.forms_not_a_choice);

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const directorySchema = z.object({
	q: optional(
		z
			.string()
			.trim()
			.max(200, { error: () => m.directory_search_at_most({ max: formatNumber(200) }) })
	),
	country: optional(z.string().regex(COUNTRY_CODE, { error: () => m.forms_country() })),
	region: optional(z.string().regex(/^\d{3}$/, { error: () => m.directory_region_choose() })),
	group: optional(slug),
	topic: optional(slug),
	language: optional(
		z.string().regex(LANGUAGE_CODE, { error: () => m.directory_language_choose() })
	),
	open: optional(z.enum(keys(OPEN_TO_LABELS), { error: () => m.forms_not_a_choice() })),
	programme: optional(z.uuid({ error: () => m.directory_programme_choose() })),
	cohort: optional(z.uuid({ error: () => m.directory_cohort_choose() })),
	role: optional(
		z.enum(['alumnus', 'trainer', 'coordinator'], { error: () => m.directory_role_choose() })
	),
	sort: optional(z.enum(['relevance', 'newest'], { error: () => m.directory_order_choose() })),
	after: optional(z.string().max(200))
});
export type DirectoryParams = z.infer<typeof directorySchema>;

/** The directory's filters as the database's filter tokens. */
export function filterTokens(params: DirectoryParams): string[] {
	return [
		params.country && `country:${params.country}`,
		params.region && `region:${params.region}`,
		params.group && `group:${params.group}`,
		params.topic && `topic:${params.topic}`,
		params.language && `lang:${params.language}`,
		params.open && `open:${params.open}`
	].filter((t): t is string => !!t);
}
