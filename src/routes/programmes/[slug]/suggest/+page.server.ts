import { error, fail } from '@sveltejs/kit';
import * as suggestions from '$lib/server/db/suggestions';
import type { Claims } from '$lib/server/db/client';
import * as programmes from '$lib/server/db/programmes';
import { peopleError } from '$lib/server/db/errors';
import { failure, parseForm, searchParams } from '$lib/server/forms';
import { suggestionFieldSchema, suggestionSchema } from '$lib/schemas/suggestions';
import { SUGGESTION_VALUE_COLUMNS, takesValue } from '$lib/words/suggestions';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** What a part of the page says now, by column, as a suggestion's value is shaped. */
async function currentValue(user: Claims, slug: string, field: string | undefined) {
	if (!takesValue(field)) return null;
	const page = await programmes.get(user, slug);
	if (!page) error(404, m.programmes_not_found());
	const row = page.programme as unknown as Record<string, unknown>;
	return Object.fromEntries(SUGGESTION_VALUE_COLUMNS[field].map((c) => [c, row[c] ?? null]));
}

export const load: PageServerLoad = async ({ params, url }) => {
	const { user, programme } = await requireProgramme(params.slug, { may: 'suggest' });
	const chosen = suggestionFieldSchema.safeParse(searchParams(url).get('field') || undefined);
	const field = chosen.success ? chosen.data : undefined;
	return {
		programme: { slug: programme.slug, name: programme.name },
		field: field ?? null,
		fieldProblem: chosen.success ? null : m.curation_choose_part_from_list(),
		current: await currentValue(user, programme.slug, field),
		mine: await suggestions.mine(user, programme.id)
	};
};

export const actions = {
	default: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'suggest' });
		const form = await parseForm(request, suggestionSchema);
		if (!form.ok) return fail(400, form);
		try {
			await suggestions.suggest(user, programme.id, form.data);
		} catch (err) {
			const problem = peopleError(err);
			if (!problem) throw err;
			// The value is what the page says already: said on the part's first field.
			const { field } = form.data;
			if (problem.constraint === 'programme_suggestions_changes_something' && takesValue(field)) {
				const [first] = SUGGESTION_VALUE_COLUMNS[field];
				return fail(400, failure(form.values, { [first]: m.curation_says_already() }));
			}
			return fail(problem.status, failure(form.values, { form: problem.message }));
		}
		return { sent: true };
	}
} satisfies Actions;
