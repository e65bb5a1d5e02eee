/** A programme's cohort (one edition: its days, place and whether it is online), as its form sends it. */
import { z } from 'zod';
import { checkbox, date, optionalCountry, optionalText } from './fields';
import { m } from '$lib/paraglide/messages';

/** A cohort's fields, as the form sends them (cohortSchema adds the check across them). */
export const cohortFields = z.object({
	id: z
		.uuid()
		.optional()
		.or(z.literal('').transform(() => undefined)),
	edition: z
		.string()
		.trim()
		.min(1, { error: () => m.curation_edition_required() })
		.max(80, { error: () => m.forms_at_most({ max: 80 }) }),
	starts_on: date({ example: '2027-03-01' }),
	ends_on: date({ example: '2027-03-05' }),
	place: optionalText(200),
	country_code: optionalCountry,
	online: checkbox
});

export const cohortSchema = cohortFields.refine((c) => c.ends_on >= c.starts_on, {
	path: ['ends_on'],
	error: () => m.curation_cohort_order()
});
export type CohortForm = z.infer<typeof cohortSchema>;
