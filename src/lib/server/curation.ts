/** Shared steps of the admins' curation pages. */
import { error, fail } from '@sveltejs/kit';
import { requireUser } from './auth/guard';
import * as organisations from './db/organisations';
import { peopleError } from './db/errors';
import { failure } from './forms';

/** The signed-in admin's claims; anyone else gets a clear refusal (RLS refuses them too). */
export async function requireAdmin() {
	const user = requireUser();
	if (!(await organisations.isAdmin(user))) {
		error(403, 'Only platform admins curate organisations.');
	}
	return user;
}

/** A database refusal in people's words, or rethrown when it is unexpected. */
export function refused(err: unknown, values: Record<string, string | string[]>) {
	const problem = peopleError(err);
	if (!problem) throw err;
	const message =
		problem.status === 409 ? 'An organisation already has that address.' : problem.message;
	return fail(problem.status, failure(values, { form: message }));
}
