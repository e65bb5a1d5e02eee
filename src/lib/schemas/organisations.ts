/** An organisation's form, and the index of organisations' query string. */
import { z } from 'zod';
import {
	firstProblem,
	optionalCountry,
	optionalText,
	optionalUrl,
	pageLink,
	searchWords,
	SLUG
} from './fields';

export const organisationSchema = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(SLUG, 'Use lowercase letters, digits and hyphens, like “open-horizons”.')
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
	country_code: optionalCountry,
	website: optionalUrl,
	description: optionalText(8000, 'Keep the description to 8,000 characters.')
});
export type OrganisationForm = z.infer<typeof organisationSchema>;

/** The index of organisations: words to find in their names, and where the last page ended. */
export const organisationSearchSchema = z.object({ q: searchWords, after: pageLink });

/** The organisations' search as the URL says it, or the first thing wrong with it. */
export const parseOrganisationSearch = (params: URLSearchParams) =>
	firstProblem(organisationSearchSchema, {
		q: params.get('q') ?? undefined,
		after: params.get('after') ?? undefined
	});
