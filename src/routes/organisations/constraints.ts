/** What the organisation forms' constraints mean, for the new and edit pages. */
import type { ConstraintMessages } from '$lib/server/forms';

/** See forms.ts `refused`. */
export const ORGANISATION_CONSTRAINTS: ConstraintMessages = {
	organisations_slug_key: { field: 'form', message: 'An organisation already has that address.' }
};
