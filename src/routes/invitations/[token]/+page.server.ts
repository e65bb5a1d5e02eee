import { m } from '$lib/paraglide/messages';
import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as invitations from '$lib/server/db/invitations';
import { failure } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** Tokens are 43 base64url characters; anything else is not worth a query. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!TOKEN.test(params.token)) error(404, m.memberships_link_not_valid());
	const invitation = await invitations.preview(locals.claims, params.token);
	if (!invitation) error(404, m.memberships_link_not_valid());
	return {
		invitation,
		signedIn: !!locals.claims,
		email: locals.claims?.email ?? null,
		here: url.pathname
	};
};

export const actions = {
	default: async ({ params }) => {
		const user = requireUser();
		const result = await invitations.accept(user, { token: params.token });
		if ('message' in result) return fail(409, failure({}, { form: result.message }));
		redirect(303, '/account/memberships?accepted');
	}
} satisfies Actions;
