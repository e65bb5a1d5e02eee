/**
 * What an event is filed under, as its form offers it and checks it: languages, topics and target
 * groups, from the taxonomies the programmes use (a value the lists do not hold is refused on its
 * field, not stored).
 */
import { m } from '$lib/paraglide/messages';
import type { Taxonomies } from '$lib/server/db/taxonomies';

export type FacetChoice = { code: string; name: string };
export type FacetChoices = Record<'languages' | 'topics' | 'target_groups', FacetChoice[]>;

const choice = ({ value, label }: { value: string; label: string }) => ({
	code: value,
	name: label
});

/** The form's choices in the page's language. */
export const facetChoices = (lists: Taxonomies): FacetChoices => ({
	languages: lists.languages.map(choice),
	topics: lists.baskets.flatMap((b) =>
		b.topics.map((t) => ({
			code: t.value,
			name: m.events_topic_in_basket({ topic: t.label, basket: b.name })
		}))
	),
	target_groups: lists.targetGroups.map(choice)
});

/** The fields holding a value their list does not, with the refusal to show on each. */
export function unknownFacets(
	form: Record<keyof FacetChoices, string[]>,
	choices: FacetChoices
): Record<string, string> | null {
	const errors: Record<string, string> = {};
	for (const field of ['languages', 'topics', 'target_groups'] as const) {
		const known = new Set(choices[field].map((c) => c.code));
		if (form[field].some((value) => !known.has(value))) errors[field] = m.forms_not_a_choice();
	}
	return Object.keys(errors).length ? errors : null;
}
