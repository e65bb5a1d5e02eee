import { fail } from '@sveltejs/kit';
import * as suggestions from '$lib/server/db/suggestions';
import { parseForm } from '$lib/server/forms';
import { applySchema, decisionSchema } from '$lib/schemas/suggestions';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** Why a suggestion was not applied, in people's words (the database refused, or it is stale). */
const NOT_APPLIED = {
	stale: {
		status: 409,
		message: m.curation_not_applied_stale
	},
	gone: { status: 404, message: m.curation_not_applied_gone },
	decided: { status: 409, message: m.curation_not_applied_decided },
	refused: {
		status: 403,
		message: m.curation_not_applied_refused
	},
	'no-value': {
		status: 400,
		message: m.curation_not_applied_no_value
	},
	invalid: {
		status: 400,
		message: m.curation_not_applied_invalid
	},
	empties: {
		status: 400,
		message: m.curation_not_applied_empties
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
		const result = await suggestions.apply(user, programme.id, form.data.id, form.data.confirmed, {
			emptyConfirmed: form.data.empty === 'yes'
		});
		if (!result.ok) {
			const { status, message } = NOT_APPLIED[result.reason];
			return fail(status, { id: form.data.id, errors: { form: message() } });
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
			return fail(404, { id, errors: { form: m.curation_no_longer_waiting() } });
		}
		if (done === 'apply-instead') {
			return fail(409, { id, errors: { form: m.curation_apply_instead() } });
		}
		return { decided: status };
	}
} satisfies Actions;
