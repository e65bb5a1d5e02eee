import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as suggestions from '$lib/server/db/suggestions';
import * as programmes from '$lib/server/db/programmes';
import { parseForm } from '$lib/server/forms';
import { applySchema, decisionSchema } from '$lib/schemas/suggestions';
import type { Actions, PageServerLoad } from './$types';

/** The coordinators of the programme and admins review suggestions; a clear refusal otherwise. */
async function reviewable(slug: string) {
	const user = requireUser();
	const page = await programmes.get(user, slug);
	if (!page) error(404, 'We could not find that programme.');
	if (!page.canEdit) {
		error(
			403,
			'Only the coordinators of this programme and platform admins review its suggestions.'
		);
	}
	return { user, programme: page.programme };
}

/** Why a suggestion was not applied, in people's words (the database refused, or it is stale). */
const NOT_APPLIED = {
	stale: {
		status: 409,
		message:
			'The page changed since this was suggested. Compare what it says now with the suggestion, then apply it anyway if it is still right.'
	},
	gone: { status: 404, message: 'That suggestion is no longer there.' },
	decided: { status: 409, message: 'That suggestion was already decided.' },
	refused: {
		status: 403,
		message: 'Only the coordinators of this programme and platform admins apply its suggestions.'
	},
	'no-value': {
		status: 400,
		message:
			'This suggestion has no value to apply: make the change in the editor, then mark it done.'
	},
	invalid: {
		status: 400,
		message:
			'The page cannot take this value as it is now. Make the change in the editor, or dismiss the suggestion.'
	}
} as const;

export const load: PageServerLoad = async ({ params }) => {
	const { user, programme } = await reviewable(params.slug);
	return {
		programme: { slug: programme.slug, name: programme.name },
		suggestions: await suggestions.list(user, programme.id)
	};
};

export const actions = {
	apply: async ({ request, params }) => {
		const { user, programme } = await reviewable(params.slug);
		const form = await parseForm(request, applySchema);
		if (!form.ok) return fail(400, form);
		const result = await suggestions.apply(user, programme.id, form.data.id, form.data.confirmed);
		if (!result.ok) {
			const { status, message } = NOT_APPLIED[result.reason];
			return fail(status, { id: form.data.id, errors: { form: message } });
		}
		return { decided: 'applied' as const };
	},
	decide: async ({ request, params }) => {
		const { user, programme } = await reviewable(params.slug);
		const form = await parseForm(request, decisionSchema);
		if (!form.ok) return fail(400, { ...form, id: String(form.values.id ?? '') });
		const { id, status, reason } = form.data;
		const done = await suggestions.decide(user, programme.id, id, status, reason);
		if (done === 'gone') {
			return fail(404, { id, errors: { form: 'That suggestion is no longer waiting.' } });
		}
		if (done === 'apply-instead') {
			return fail(409, { id, errors: { form: 'Apply this suggestion to accept it.' } });
		}
		return { decided: status };
	}
} satisfies Actions;
