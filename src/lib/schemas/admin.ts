/** The rules of the admins' forms: platform roles by e-mail, naming and removing coordinators. */
import { z } from 'zod';
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import { email, id } from './memberships';

export const PLATFORM_ROLES = ['admin', 'moderator'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABEL: Record<PlatformRole, string> = labelled({
	admin: m.admin_role_admin,
	moderator: m.admin_role_moderator
});

const role = z.enum(PLATFORM_ROLES, { error: () => m.admin_role_required() });

export const grantSchema = z.object({ email, role });
export const withdrawSchema = z.object({ email });
export const nameCoordinatorSchema = z.object({ email });
export const removeCoordinatorSchema = z.object({
	membership_id: id(m.admin_not_coordinator)
});
