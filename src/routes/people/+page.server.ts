import { searchParams } from '$lib/server/forms';
import { peopleError } from '$lib/server/db/errors';
import * as directory from '$lib/server/db/directory';
import { taxonomies } from '$lib/server/db/taxonomies';
import { directorySchema, filterTokens } from '$lib/schemas/directory';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

// Plain HTML: links and a GET form need no JavaScript, and slow phones download none here (nor
// the data for hydrating the filters' long lists).
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	directory: serverRendered(await peopleFor(event.locals.claims, event.url), event)
});

async function peopleFor(viewer: App.Locals['claims'], url: URL) {
	const parsed = directorySchema.safeParse(Object.fromEntries(searchParams(url)));
	const choices = (await taxonomies()).filterMarkup;
	if (!parsed.success) {
		return {
			choices,
			params: {},
			problems: parsed.error.issues.map((i) => i.message),
			people: [] as directory.DirectoryCard[],
			total: 0,
			cap: directory.COUNT_CAP,
			next: null,
			suggestions: [] as directory.Suggestion[],
			membershipChoices: null
		};
	}
	const params = parsed.data;
	let after = params.after ? directory.decodeCursor(params.after) : undefined;
	const problems = params.after && !after ? [m.directory_out_of_date()] : [];
	const filtering = filterTokens(params).length > 0 || !!params.programme || !!params.role;

	const read = () =>
		directory.page(
			viewer,
			{
				q: params.q,
				tokens: filterTokens(params),
				programme: params.programme,
				cohort: params.programme ? params.cohort : undefined,
				role: params.role,
				sort: params.sort,
				after: after ?? undefined
			},
			{ suggestions: !params.q && !filtering && !after }
		);
	const { page, total, suggestions, cohorts } = await read().catch((err: unknown) => {
		// A hand-made cursor's key that is no number or time for the order it names (1e99 as a
		// score, a 13th month): the database refuses it as bad input; the first page is shown.
		if (!after || peopleError(err)?.status !== 400) throw err;
		after = undefined;
		problems.push(m.directory_out_of_date());
		return read();
	});

	const nextParams = new URLSearchParams(url.searchParams);
	if (page.next) nextParams.set('after', directory.encodeCursor(page.next));
	return {
		choices,
		params,
		problems,
		people: page.people,
		// Counted up to the cap: above it the page says "1,000 or more".
		total: Math.min(total, directory.COUNT_CAP + 1),
		cap: directory.COUNT_CAP,
		next: page.next ? `?${nextParams}` : null,
		suggestions,
		// Memberships are for members to filter by.
		membershipChoices: viewer ? { programmes: choices.programmes, cohorts } : null
	};
}
