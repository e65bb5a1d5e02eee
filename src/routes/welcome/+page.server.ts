import { fail, redirect } from '@sveltejs/kit';
import { requireUser, safeRedirect } from '$lib/server/auth/guard';
import * as memberships from '$lib/server/db/memberships';
import * as profiles from '$lib/server/db/profiles';
import * as programmes from '$lib/server/db/programmes';
import { taxonomies } from '$lib/server/db/taxonomies';
import { peopleError } from '$lib/server/db/errors';
import { failure, parseForm } from '$lib/server/forms';
import { unknownChoices } from '$lib/server/profiles/choices';
import { claimSchema } from '$lib/schemas/memberships';
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
	const [profile, choices, claimable] = await Promise.all([
		profiles.getOwn(user),
		taxonomies(),
		programmes.forClaims(user)
	]);
	return { profile, choices, programmes: claimable, next: nextOf(url) };
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
		// A programme they took part in, if they named one: claimed first (a refusal keeps
		// everything typed, and nothing is saved), for its coordinators to verify.
		if (String(form.values.programme ?? '')) {
			const asked = claimSchema.safeParse({
				programme: form.values.programme,
				cohort: form.values.cohort,
				role: form.values.role || 'alumnus'
			});
			if (!asked.success) {
				const field = String(asked.error.issues[0]?.path[0] ?? 'programme');
				return fail(400, failure(form.values, { [field]: asked.error.issues[0]!.message }));
			}
			const claimed = await memberships.claim(user, asked.data);
			if ('field' in claimed) {
				return fail(400, failure(form.values, { [claimed.field]: claimed.message }));
			}
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
