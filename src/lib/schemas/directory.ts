/** The directory's query string: the words, the filters, the order and where the last page ended. */
import { z } from 'zod';
import { COUNTRY_CODE, keys, LANGUAGE_CODE, slug as slugOf } from './fields';
import { OPEN_TO_LABELS } from './profiles';

const slug = slugOf('That is not one of the choices.');

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const directorySchema = z.object({
	q: optional(z.string().trim().max(200, 'Search for at most 200 characters.')),
	country: optional(z.string().regex(COUNTRY_CODE, 'Choose a country from the list.')),
	region: optional(z.string().regex(/^\d{3}$/, 'Choose a region from the list.')),
	group: optional(slug),
	topic: optional(slug),
	language: optional(z.string().regex(LANGUAGE_CODE, 'Choose a language from the list.')),
	open: optional(z.enum(keys(OPEN_TO_LABELS), { message: 'That is not one of the choices.' })),
	programme: optional(z.uuid('Choose a programme from the list.')),
	cohort: optional(z.uuid('Choose a cohort from the list.')),
	role: optional(z.enum(['alumnus', 'trainer', 'coordinator'], { message: 'Choose a role.' })),
	sort: optional(z.enum(['relevance', 'newest'], { message: 'Choose an order.' })),
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
