import type { LayoutServerLoad } from './$types';

/**
 * Who is looking, for the header only (never a guard: pages guard themselves with requireUser).
 * Read from the verified token, so it costs no query.
 */
export const load: LayoutServerLoad = ({ locals }) => {
	const claims = locals.claims;
	if (!claims) return { viewer: null };
	const name =
		(claims.user_metadata?.display_name as string | undefined) ?? claims.email ?? 'Member';
	return { viewer: { id: claims.sub, name } };
};
