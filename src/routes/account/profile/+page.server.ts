import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as profiles from '$lib/server/db/profiles';
import { taxonomies } from '$lib/server/db/taxonomies';
import { failure, parseForm, refused } from '$lib/server/forms';
import { unknownChoices } from '$lib/server/profiles/choices';
import {
	audiencesSchema,
	idSchema,
	languagesFrom,
	linkSchema,
	positionSchema,
	profileSchema
} from '$lib/schemas/profiles';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const [profile, choices] = await Promise.all([profiles.getOwn(user), taxonomies()]);
	return { profile, choices, saved: url.searchParams.has('saved') };
};

const editSchema = profileSchema.extend(audiencesSchema.shape);

const GONE = () => m.profiles_edit_gone();

export const actions = {
	save: async ({ request, locals }) => {
		const user = requireUser();
		const form = await parseForm(request, editSchema);
		const languages = languagesFrom(form.values);
		const unknown = form.ok ? unknownChoices(form.data, form.values, await taxonomies()) : {};
		if (!form.ok || Object.keys(languages.errors).length || Object.keys(unknown).length) {
			const errors = { ...unknown, ...(form.ok ? {} : form.errors), ...languages.errors };
			return fail(400, { ...failure(form.values, errors), action: 'save' });
		}
		const { topics, ...changes } = form.data;
		try {
			await profiles.saveOwn(user, changes, { topics, languages: languages.rows });
		} catch (error) {
			return refused(error, form.values);
		}
		// The header shows the name from the session: give the session the new one too.
		if (changes.display_name !== user.user_metadata?.display_name) {
			const { error } = await locals.supabase.auth.updateUser({
				data: { display_name: changes.display_name }
			});
			if (!error) await locals.supabase.auth.refreshSession();
		}
		return { action: 'save', saved: true };
	},

	addPosition: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, positionSchema);
		if (!form.ok) return fail(400, { ...form, action: 'position' });
		try {
			await profiles.addPosition(user, form.data);
		} catch (error) {
			return refused(error, form.values);
		}
		return { action: 'position', added: true };
	},

	removePosition: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, idSchema);
		if (!form.ok) return fail(400, { ...form, action: 'position' });
		if (!(await profiles.removePosition(user, form.data.id))) {
			return fail(404, { ...failure({}, { form: GONE() }), action: 'position' });
		}
		return { action: 'position' };
	},

	addLink: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, linkSchema);
		if (!form.ok) return fail(400, { ...form, action: 'link' });
		try {
			await profiles.addLink(user, form.data);
		} catch (error) {
			return refused(error, form.values);
		}
		return { action: 'link', added: true };
	},

	removeLink: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, idSchema);
		if (!form.ok) return fail(400, { ...form, action: 'link' });
		if (!(await profiles.removeLink(user, form.data.id))) {
			return fail(404, { ...failure({}, { form: GONE() }), action: 'link' });
		}
		return { action: 'link' };
	}
} satisfies Actions;
