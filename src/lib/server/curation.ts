/** Shared steps of the admins' curation pages. */
import { error, fail } from '@sveltejs/kit';
import { requireUser } from './auth/guard';
import type { Claims } from './db/client';
import * as organisations from './db/organisations';
import { peopleError } from './db/errors';
import { failure } from './forms';

/** The signed-in admin's claims; anyone else gets a clear refusal (RLS refuses them too). */
export async function requireAdmin(refusal = 'Only platform admins curate organisations.') {
	const user = requireUser();
	if (!(await organisations.isAdmin(user))) error(403, refusal);
	return user;
}

/**
 * Whether the claims are a platform admin's, as `private.is_platform_admin()` decides it: the
 * request's claims carry the role Auth holds now (read with the session, see auth/supabase.ts),
 * not the one in the token. Only for showing admins their links; RLS decides.
 */
export const isAdminClaims = (claims: Claims | null) =>
	claims?.app_metadata?.platform_role === 'admin';

/** What a constraint's refusal means on a form: the field it is about and what to say. */
export type ConstraintMessages = Record<string, { field: string; message: string }>;

const ORGANISATION_CONSTRAINTS: ConstraintMessages = {
	organisations_slug_key: { field: 'form', message: 'An organisation already has that address.' }
};

/**
 * A database refusal in people's words, on the field it is about when `constraints` names the
 * constraint that refused; rethrown when it is unexpected.
 */
export function refused(
	err: unknown,
	values: Record<string, string | string[]>,
	constraints: ConstraintMessages = ORGANISATION_CONSTRAINTS
) {
	const problem = peopleError(err);
	if (!problem) throw err;
	const known = problem.constraint ? constraints[problem.constraint] : undefined;
	const errors = known ? { [known.field]: known.message } : { form: problem.message };
	return fail(problem.status, failure(values, errors));
}
