/**
 * How memberships read, on pages and badges (notifications: words/notifications.ts): the roles
 * with their labels, a programme with its cohort. No zod here (pages import this).
 */
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

/** "Monsoon School of Internet Governance 2023", or the programme alone. */
export const programmeAndCohort = (programme: string, cohort: string | null | undefined) =>
	cohort ? m.memberships_programme_cohort({ programme, cohort }) : programme;

export const roleLabel = (role: string) => ROLE_LABEL[role as Role] ?? role;

export const ROLES = ['alumnus', 'trainer', 'coordinator'] as const;

export type Role = (typeof ROLES)[number];

/** How a role reads on a badge or in a list (gender-neutral: we do not know it). */
export const ROLE_LABEL: Record<Role, string> = labelled({
	alumnus: m.memberships_role_alumnus,
	trainer: m.memberships_role_trainer,
	coordinator: m.memberships_role_coordinator
});

/** How a role reads in a form's choices. */
export const ROLE_CHOICE: Record<Role, string> = labelled({
	alumnus: m.memberships_choice_alumnus,
	trainer: m.memberships_choice_trainer,
	coordinator: m.memberships_choice_coordinator
});

/** A roster file's limits, as the invite page states them (the reader's own checks: invitations/roster.ts). */
export const ROSTER_MAX_KB = 512;
export const ROSTER_MAX_PEOPLE = 2000;
