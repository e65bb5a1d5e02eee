/** Platform admins, who curate the compendium: the guard of their pages, and whether to show them their links. */
import { error } from '@sveltejs/kit';
import { requireUser } from './guard';
import { say, type Said } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import type { Claims } from '../db/client';
import * as organisations from '../db/organisations';

/** The signed-in admin's claims; anyone else gets a clear refusal (RLS refuses them too). */
export async function requireAdmin(refusal: Said = m.shell_admins_only) {
	const user = requireUser();
	if (!(await organisations.isAdmin(user))) error(403, say(refusal));
	return user;
}

/**
 * Whether the claims are a platform admin's, as `private.is_platform_admin()` decides it: the
 * request's claims carry the role Auth holds now (read with the session, see auth/supabase.ts),
 * not the one in the token. Only for showing admins their links; RLS decides.
 */
export const isAdminClaims = (claims: Claims | null) =>
	claims?.app_metadata?.platform_role === 'admin';
