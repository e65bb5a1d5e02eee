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
import { m } from '$lib/paraglide/messages';

export const organisationSchema = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(SLUG, { error: () => m.organisations_slug_format() })
		.max(80, { error: () => m.forms_at_most({ max: 80 }) }),
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.organisations_name_required() })
		.max(200, { error: () => m.forms_at_most({ max: 200 }) }),
	short_name: optionalText(40, m.organisations_short_name_too_long),
	stakeholder_group: z
		.string()
		.optional()
		.transform((v) => v || null),
	country_code: optionalCountry,
	website: optionalUrl,
	description: optionalText(8000, m.organisations_description_too_long)
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
