/**
 * The rules of the membership forms (claim, decide, withdraw) and the roles, shared by the server
 * actions, the pages and the tests. Invitations (schemas/invitations.ts) use the same roles.
 */
import { z } from 'zod';
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

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

export const role = z.enum(ROLES, { error: 'Choose alumnus, trainer or coordinator.' });

/** An edition such as "2023" or "2021 — Autumn"; empty means the programme as a whole. */
export const edition = z
	.string()
	.trim()
	.max(80, 'Use at most 80 characters.')
	.optional()
	.transform((value) => value || undefined);

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Enter an e-mail address.')
	.max(255, 'Use at most 255 characters.')
	.pipe(z.email('Enter an e-mail address like name@example.org.'));

/** An id a form sends back; a wrong one reads as "not found". */
export const id = (what: string) => z.uuid(`That ${what} was not found.`);

export const claimSchema = z.object({
	programme: z
		.string()
		.trim()
		.min(1, 'Choose a programme.')
		.max(80, 'Choose a programme from the list.'),
	cohort: edition,
	role
});

export const withdrawSchema = z.object({ membership_id: id('claim') });

export const decideSchema = z
	.object({
		membership_id: id('claim'),
		decision: z.enum(['verify', 'decline'], { error: 'Choose verify or decline.' }),
		reason: z
			.string()
			.trim()
			.max(500, 'Use at most 500 characters.')
			.optional()
			.transform((value) => value || undefined)
	})
	.refine((d) => d.decision === 'verify' || d.reason, {
		path: ['reason'],
		message: 'Say why you decline, so the person knows what to do.'
	});

export type Claim = z.infer<typeof claimSchema>;
export type Decision = z.infer<typeof decideSchema>;
