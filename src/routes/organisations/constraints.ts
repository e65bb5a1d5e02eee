/** What the organisation forms' constraints mean, for the new and edit pages. */
import { m } from '$lib/paraglide/messages';
import type { ConstraintMessages } from '$lib/server/forms';

/** See forms.ts `refused`. Each message is said when it is read, in the request's language. */
export const ORGANISATION_CONSTRAINTS: ConstraintMessages = {
	organisations_slug_key: {
		field: 'form',
		get message() {
			return m.organisations_slug_taken();
		}
	}
};
