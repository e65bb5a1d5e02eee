import { clockFor } from '$lib/dates';
import { isAdminClaims } from '$lib/server/auth/admin';
import * as notifications from '$lib/server/db/notifications';
import type { LayoutServerLoad } from './$types';

/**
 * Who is looking, and how many of their notifications are unread, for the header only (never a
 * guard: pages guard themselves with requireUser). The viewer is read from the verified token; the
 * count comes from this instance's short-lived cache (see notifications.unreadCount), so most
 * signed-in pages cost no query, and visitors never do.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const claims = locals.claims;
	// Every date and time on the page in the viewer's zone: their profile's, UTC for a visitor.
	const clock = clockFor(locals.timeZone);
	if (!claims) return { viewer: null, unread: null, clock };
	const name =
		(claims.user_metadata?.display_name as string | undefined) ?? claims.email ?? 'Member';
	return {
		viewer: { id: claims.sub, name, isAdmin: isAdminClaims(claims) },
		unread: await notifications.unreadCount(claims),
		clock
	};
};
