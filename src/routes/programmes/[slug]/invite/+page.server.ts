import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import { peopleError } from '$lib/server/db/errors';
import * as invitations from '$lib/server/db/invitations';
import * as cohorts from '$lib/server/db/cohorts';
import { failure, parseForm } from '$lib/server/forms';
import { mailInvitations } from '$lib/server/invitations/send';
import { ROSTER_MAX_BYTES } from '$lib/server/invitations/roster';
import { invitationIdSchema, inviteSchema } from '$lib/schemas/invitations';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
	const [editions, sent] = await Promise.all([
		cohorts.of(user, programme.id),
		invitations.of(user, programme.id)
	]);
	return { programme, cohorts: editions, invitations: sent };
};

export const actions = {
	invite: async ({ request, params, url }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, inviteSchema);
		if (!form.ok) return fail(400, { ...form, action: 'invite' as const });
		const sent = await invitations
			.invite(user, programme.id, form.data, url.origin)
			.catch((error) => {
				// E.g. a colleague invited the same person a moment ago (unique open invitation).
				const problem = peopleError(error);
				if (!problem) throw error;
				return { field: 'form', message: problem.message };
			});
		if ('limited' in sent) {
			return fail(429, {
				...failure(form.values, { form: sent.message }),
				action: 'invite' as const
			});
		}
		if ('field' in sent) {
			return fail(409, {
				...failure(form.values, { [sent.field]: sent.message }),
				action: 'invite' as const
			});
		}
		const mail = await mailInvitations(url.origin, [sent]);
		return { invited: sent.email, mail };
	},

	roster: async ({ request, params, url }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		// A body that does not parse (a cut-off or hand-made multipart) is the sender's mistake.
		const file = (await request.formData().catch(() => undefined))?.get('roster');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, {
				...failure({}, { roster: m.memberships_choose_csv() }),
				action: 'roster' as const
			});
		}
		if (file.size > ROSTER_MAX_BYTES) {
			return fail(400, {
				...failure({}, { roster: m.memberships_file_too_large({ size: ROSTER_MAX_BYTES / 1024 }) }),
				action: 'roster' as const
			});
		}
		const bytes = new Uint8Array(await file.arrayBuffer());
		const result = await invitations
			.importRoster(user, programme.id, bytes, url.origin)
			.catch((error) => {
				// One transaction: when the database refuses, nothing of the file was imported.
				const problem = peopleError(error);
				if (!problem) throw error;
				return problem;
			});
		if ('limited' in result) {
			return fail(429, { ...failure({}, { roster: result.message }), action: 'roster' as const });
		}
		if ('status' in result) {
			return fail(result.status, {
				...failure(
					{},
					{ roster: m.memberships_roster_nothing_imported({ problem: result.message }) }
				),
				action: 'roster' as const
			});
		}
		const mail = await mailInvitations(url.origin, result.invited);
		return {
			roster: {
				file: file.name,
				invited: result.invited.map(({ line, email }) => ({ line, email })),
				problems: result.problems,
				mail
			}
		};
	},

	revoke: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, invitationIdSchema);
		if (!form.ok || !(await invitations.revoke(user, programme.id, form.data.invitation_id))) {
			return fail(409, {
				...failure({}, { form: m.memberships_no_longer_open() }),
				action: 'revoke' as const
			});
		}
		return { revoked: true };
	}
} satisfies Actions;
