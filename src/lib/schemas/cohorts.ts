/** A programme's cohort (one edition: its days, place and whether it is online), as its form sends it. */
import { z } from 'zod';
import { checkbox, date, optionalCountry, optionalText } from './fields';

/** A cohort's fields, as the form sends them (cohortSchema adds the check across them). */
export const cohortFields = z.object({
	id: z
		.uuid()
		.optional()
		.or(z.literal('').transform(() => undefined)),
	edition: z
		.string()
		.trim()
		.min(1, 'Name the edition, like “2027” or “2027 — Spring”.')
		.max(80, 'Use at most 80 characters.'),
	starts_on: date({ example: '2027-03-01' }),
	ends_on: date({ example: '2027-03-05' }),
	place: optionalText(200, 'Use at most 200 characters.'),
	country_code: optionalCountry,
	online: checkbox
});

export const cohortSchema = cohortFields.refine((c) => c.ends_on >= c.starts_on, {
	path: ['ends_on'],
	message: 'The last day cannot be before the first.'
});
export type CohortForm = z.infer<typeof cohortSchema>;
