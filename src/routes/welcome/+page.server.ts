import { fail, redirect } from '@sveltejs/kit';
import { requireUser, safeRedirect } from '$lib/server/auth/guard';
import * as profiles from '$lib/server/db/profiles';
import { taxonomies } from '$lib/server/db/taxonomies';
import { peopleError } from '$lib/server/db/errors';
import { failure, parseForm } from '$lib/server/forms';
import { unknownChoices } from '$lib/server/profiles/choices';
import { languagesFrom, profileSchema } from '$lib/schemas/profiles';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after onboarding: the page they were on their way to, or people like them. */
const nextOf = (url: URL) => {
	const next = safeRedirect(url.searchParams.get('next'), localizeHref('/people'));
	return next === '/' || next === localizeHref('/') ? localizeHref('/people') : next;
};

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const [profile, choices] = await Promise.all([profiles.getOwn(user), taxonomies()]);
	return { profile, choices, next: nextOf(url) };
};

const onboardingSchema = profileSchema.pick({
	headline: true,
	current_position: true,
	current_organisation: true,
	country_code: true,
	stakeholder_group: true,
	time_zone: true,
	open_to: true,
	topics: true
});

export const actions = {
	save: async ({ request, url }) => {
		const user = requireUser();
		const form = await parseForm(request, onboardingSchema);
		const languages = languagesFrom(form.values);
		const unknown = form.ok ? unknownChoices(form.data, form.values, await taxonomies()) : {};
		if (!form.ok || Object.keys(languages.errors).length || Object.keys(unknown).length) {
			const errors = { ...unknown, ...(form.ok ? {} : form.errors), ...languages.errors };
			return fail(400, failure(form.values, errors));
		}
		const { topics, ...changes } = form.data;
		try {
			await profiles.finishOnboarding(user, changes, { topics, languages: languages.rows });
		} catch (err) {
			const problem = peopleError(err);
			if (!problem) throw err;
			return fail(problem.status, failure(form.values, { form: problem.message }));
		}
		redirect(303, nextOf(url));
	},

	skip: async ({ url }) => {
		const user = requireUser();
		await profiles.finishOnboarding(user, {});
		redirect(303, nextOf(url));
	}
} satisfies Actions;
