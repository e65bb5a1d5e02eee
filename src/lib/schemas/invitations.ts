/** The rules of the invitation forms (invite one person, withdraw or accept an invitation). */
import { z } from 'zod';
import { edition, email, id, role } from './memberships';

export const inviteSchema = z.object({
	email,
	name: z
		.string()
		.trim()
		.max(120, 'Use at most 120 characters.')
		.optional()
		.transform((value) => value || undefined),
	role,
	cohort: edition
});

export const invitationIdSchema = z.object({ invitation_id: id('invitation') });

export type Invite = z.infer<typeof inviteSchema>;
