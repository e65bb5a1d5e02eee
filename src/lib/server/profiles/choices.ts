/**
 * The profile form's fields that name taxonomy rows (topics, stakeholder group, country,
 * languages), checked against the taxonomies: a name that is shaped right but names nothing is a
 * message on its field, not a foreign-key refusal from the database.
 */
import { LANGUAGE_ROWS } from '$lib/words/profiles';
import { m } from '$lib/paraglide/messages';
import type { Taxonomies } from '../db/taxonomies';
import type { FormErrors } from '../forms';

type Chosen = {
	topics?: string[];
	stakeholder_group?: string | null;
	country_code?: string | null;
};

export function unknownChoices(
	data: Chosen,
	values: Record<string, unknown>,
	choices: Taxonomies
): FormErrors {
	const errors: FormErrors = {};
	const has = (options: { value: string }[], value: string) =>
		options.some((o) => o.value === value);
	if (data.topics?.some((slug) => !choices.names.topics.has(slug))) {
		errors.topics = m.profiles_topics_choose();
	}
	if (data.stakeholder_group && !choices.names.stakeholderGroups.has(data.stakeholder_group)) {
		errors.stakeholder_group = m.profiles_stakeholder_choose();
	}
	if (data.country_code && !choices.names.countries.has(data.country_code)) {
		errors.country_code = m.forms_country();
	}
	for (let i = 0; i < LANGUAGE_ROWS; i++) {
		const code = values[`language_${i}`];
		if (typeof code === 'string' && code && !has(choices.languages, code)) {
			errors[`language_${i}`] = m.profiles_language_choose();
		}
	}
	return errors;
}
