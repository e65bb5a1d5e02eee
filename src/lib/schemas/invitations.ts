/** The rules of the invitation forms (invite one person, withdraw or accept an invitation). */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { edition, email, id, role } from './memberships';

export const inviteSchema = z.object({
	email,
	name: z
		.string()
		.trim()
		.max(120, { error: () => m.memberships_at_most({ max: 120 }) })
		.optional()
		.transform((value) => value || undefined),
	role,
	cohort: edition
});

export const invitationIdSchema = z.object({
	invitation_id: id(m.memberships_invitation_not_found)
});

export type Invite = z.infer<typeof inviteSchema>;
