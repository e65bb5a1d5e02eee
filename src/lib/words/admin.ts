/**
 * The platform roles an admin grants (app_metadata.platform_role), with their labels.
 * No zod here: pages import this, and the forms' schemas build on it on the server, so a page
 * never downloads the validation library for a label.
 */
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const PLATFORM_ROLES = ['admin', 'moderator'] as const;

export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABEL: Record<PlatformRole, string> = labelled({
	admin: m.admin_role_admin,
	moderator: m.admin_role_moderator
});
