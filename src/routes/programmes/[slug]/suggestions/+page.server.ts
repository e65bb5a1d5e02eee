import { fail } from '@sveltejs/kit';
import * as suggestions from '$lib/server/db/suggestions';
import { parseForm } from '$lib/server/forms';
import { applySchema, decisionSchema } from '$lib/schemas/suggestions';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';

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
	const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
	return {
		programme: { slug: programme.slug, name: programme.name },
		suggestions: await suggestions.list(user, programme.id)
	};
};

export const actions = {
	apply: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
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
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
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
