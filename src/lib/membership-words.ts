/** How memberships and their notifications read, on pages and badges. */
import { ROLE_LABEL, type Role } from '$lib/schemas/memberships';
import { describeSuggestionNotice } from '$lib/suggestion-words';

/** "Monsoon School of Internet Governance 2023", or the programme alone. */
export const programmeAndCohort = (programme: string, cohort: string | null | undefined) =>
	cohort ? `${programme} ${cohort}` : programme;

export const roleLabel = (role: string) => ROLE_LABEL[role as Role] ?? role;

type NotificationLike = {
	kind: string;
	payload: {
		programme_name?: string;
		cohort_edition?: string | null;
		role?: string;
		reason?: string | null;
		field?: string | null;
		value_applied?: boolean;
	};
};

/** One sentence for a notification (suggested edits' kinds: see suggestion-words). */
export function describeNotification({ kind, payload }: NotificationLike): string {
	const aboutSuggestion = describeSuggestionNotice({ kind, payload });
	if (aboutSuggestion) return aboutSuggestion;
	const what = `${roleLabel(payload.role ?? '')} · ${programmeAndCohort(payload.programme_name ?? 'a programme', payload.cohort_edition)}`;
	switch (kind) {
		case 'membership_verified':
			return `Your membership was verified: ${what}.`;
		case 'membership_declined':
			return `Your claim was declined: ${what}.${payload.reason ? ` Reason: ${payload.reason}` : ''}`;
		case 'invitation':
			return `You are invited to join ${what}.`;
		default:
			return 'Something changed in your memberships.';
	}
}
