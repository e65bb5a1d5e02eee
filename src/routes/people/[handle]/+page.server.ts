import { error } from '@sveltejs/kit';
import * as memberships from '$lib/server/db/memberships';
import * as profiles from '$lib/server/db/profiles';
import { renderMarkdown } from '$lib/server/markdown';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

// Plain HTML: links and a GET form need no JavaScript, and slow phones download none here (nor
// the data for hydrating the filters' long lists).
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	profile: serverRendered(await read(event), event)
});

async function read({ locals, params }: Parameters<PageServerLoad>[0]) {
	if (!/^[a-z0-9-]{3,40}$/.test(params.handle)) {
		error(404, { message: m.directory_no_such_person() });
	}
	const person = await profiles.getByHandle(locals.claims, params.handle);
	// The same answer whether the person does not exist or does not share their profile with you.
	if (!person) {
		error(404, {
			message: locals.claims
				? m.directory_no_such_person_member()
				: m.directory_no_such_person_visitor()
		});
	}
	const { bio, ...rest } = person;
	const badges = await memberships.verifiedOf(locals.claims, person.id);
	return { person: rest, bioHtml: bio ? renderMarkdown(bio) : null, badges };
}
