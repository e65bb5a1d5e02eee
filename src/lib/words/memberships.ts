/** How memberships read, on pages and badges (notifications: words/notifications.ts). */
import { m } from '$lib/paraglide/messages';
import { ROLE_LABEL, type Role } from '$lib/schemas/memberships';

/** "Monsoon School of Internet Governance 2023", or the programme alone. */
export const programmeAndCohort = (programme: string, cohort: string | null | undefined) =>
	cohort ? m.memberships_programme_cohort({ programme, cohort }) : programme;

export const roleLabel = (role: string) => ROLE_LABEL[role as Role] ?? role;
