/**
 * How each kind of notification reads and where it leads: the one place for their wording, used by
 * /notifications and /account/memberships. A kind added by a migration reads generically here
 * until it gets its own case, so a new kind never breaks a page.
 */
import { programmeAndCohort, roleLabel } from '$lib/words/memberships';
import {
	describeSuggestionNotice,
	fieldLabel,
	suggestionNoticeHref,
	type SuggestionNoticeLike
} from '$lib/words/suggestions';

export type NotificationLike = {
	kind: string;
	payload: {
		programme_slug?: string;
		programme_name?: string;
		cohort_edition?: string | null;
		role?: string;
		reason?: string | null;
		[field: string]: unknown;
	};
};

/** One sentence for a notification, and the page it is about (null when there is none). */
export type Description = { text: string; href: string | null };

const MEMBERSHIPS = '/account/memberships';

const programmePage = (slug: unknown) =>
	typeof slug === 'string' && slug ? `/programmes/${encodeURIComponent(slug)}` : null;

/** A coordinator's page of the programme (claims, suggestions, people), or its page. */
const programmeTool = (slug: unknown, tool: 'claims' | 'suggestions' | 'people') => {
	const page = programmePage(slug);
	return page ? `${page}/${tool}` : null;
};

/** The person a coordinator's notice is about, as the trigger named them. */
const who = (payload: NotificationLike['payload']) =>
	typeof payload.person_name === 'string' && payload.person_name ? payload.person_name : 'Someone';

export function describe({ kind, payload }: NotificationLike): Description {
	const programme = payload.programme_name ?? 'a programme';
	const what = `${roleLabel(payload.role ?? '')} · ${programmeAndCohort(programme, payload.cohort_edition)}`;
	switch (kind) {
		case 'membership_verified':
			return {
				text: `Your membership was verified: ${what}.`,
				href: programmePage(payload.programme_slug) ?? MEMBERSHIPS
			};
		case 'membership_declined':
			return {
				text: `Your claim was declined: ${what}.${payload.reason ? ` Reason: ${payload.reason}` : ''}`,
				href: MEMBERSHIPS
			};
		case 'invitation':
			return { text: `You are invited to join ${what}.`, href: MEMBERSHIPS };
		case 'claim_received':
			return {
				text: `${who(payload)} claims a membership: ${what}. Verify or decline it.`,
				href: programmeTool(payload.programme_slug, 'claims')
			};
		case 'suggestion_received':
			return {
				text: `${who(payload)} suggested an edit to ${programme}${
					typeof payload.field === 'string' ? ` (${fieldLabel(payload.field).toLowerCase()})` : ''
				}.`,
				href: programmeTool(payload.programme_slug, 'suggestions')
			};
		case 'invitation_accepted':
			return {
				text: `${who(payload)} accepted the invitation: ${what}.`,
				href: programmeTool(payload.programme_slug, 'people')
			};
		case 'suggestion_applied':
		case 'suggestion_dismissed': {
			// Their payload (field, value_applied, reason) is written by the suggestions' trigger.
			const notice = { kind, payload } as SuggestionNoticeLike;
			return {
				text: describeSuggestionNotice(notice)!,
				href: suggestionNoticeHref(notice) ?? programmePage(payload.programme_slug)
			};
		}
		default:
			return {
				text: payload.programme_name
					? `News about ${payload.programme_name}.`
					: 'You have a new notification.',
				href: programmePage(payload.programme_slug)
			};
	}
}
