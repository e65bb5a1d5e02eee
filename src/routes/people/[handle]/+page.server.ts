import { error } from '@sveltejs/kit';
import * as memberships from '$lib/server/db/memberships';
import * as profiles from '$lib/server/db/profiles';
import { taxonomies } from '$lib/server/db/taxonomies';
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
	const [badges, { names }] = await Promise.all([
		memberships.verifiedOf(locals.claims, person.id),
		taxonomies()
	]);
	// The card's names are the taxonomies' English ones: said here in the page's language.
	const country = rest.country_code && names.countries.get(rest.country_code);
	const region = rest.country_code && names.regionsOfCountries.get(rest.country_code);
	const group = rest.stakeholder_group && names.stakeholderGroups.get(rest.stakeholder_group);
	return {
		person: {
			...rest,
			country_name: country || rest.country_name,
			region_name: region || rest.region_name,
			stakeholder_group_name: group || rest.stakeholder_group_name
		},
		bioHtml: bio ? renderMarkdown(bio) : null,
		badges
	};
}
