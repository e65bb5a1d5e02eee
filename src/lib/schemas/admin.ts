/** The rules of the admins' forms: platform roles by e-mail, naming and removing coordinators. */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { email, id } from './memberships';
import { PLATFORM_ROLES } from '$lib/words/admin';

const role = z.enum(PLATFORM_ROLES, { error: () => m.admin_role_required() });

export const grantSchema = z.object({ email, role });
export const withdrawSchema = z.object({ email });
export const nameCoordinatorSchema = z.object({ email });
export const removeCoordinatorSchema = z.object({
	membership_id: id(m.admin_not_coordinator)
});
