import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as cohorts from '$lib/server/db/cohorts';
import * as invitations from '$lib/server/db/invitations';
import * as programmes from '$lib/server/db/programmes';
import * as memberships from '$lib/server/db/memberships';
import * as notifications from '$lib/server/db/notifications';
import { failure, parseForm, searchParams } from '$lib/server/forms';
import { invitationIdSchema } from '$lib/schemas/invitations';
import { claimSchema, withdrawSchema } from '$lib/schemas/memberships';
import { notificationIdSchema } from '$lib/schemas/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const [mine, choices, notices, invited] = await Promise.all([
		memberships.mine(user),
		programmes.forClaims(user),
		notifications.recent(user, 5),
		invitations.toMe(user)
	]);
	return {
		chosen: await chosenProgramme(user, searchParams(url).get('programme')),
		mine,
		programmes: choices,
		notices,
		invitations: invited,
		accepted: url.searchParams.has('accepted'),
		// Counted just now: the header shows it rather than the layout's cached count.
		unread: notices.unread
	};
};

/**
 * The programme a link chose for the claim ("I took part in this" on its page), with its cohorts
 * to choose from; null when none was chosen or it does not exist.
 */
async function chosenProgramme(user: ReturnType<typeof requireUser>, slug: string | null) {
	if (!slug) return null;
	const programme = await programmes.bySlug(user, slug);
	if (!programme) return null;
	return { slug: programme.slug, cohorts: await cohorts.of(user, programme.id) };
}

export const actions = {
	claim: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, claimSchema);
		if (!form.ok) return fail(400, { ...form, action: 'claim' as const });
		const result = await memberships.claim(user, form.data);
		if ('field' in result) {
			return fail(400, {
				...failure(form.values, { [result.field]: result.message }),
				action: 'claim' as const
			});
		}
		return { claimed: true };
	},

	withdraw: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, withdrawSchema);
		if (!form.ok || !(await memberships.withdraw(user, form.data.membership_id))) {
			return fail(404, {
				...failure({}, { form: m.memberships_no_longer_waiting() }),
				action: 'withdraw' as const
			});
		}
		return { withdrawn: true };
	},

	accept: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, invitationIdSchema);
		if (!form.ok) return fail(400, { ...form, action: 'accept' as const });
		const result = await invitations.accept(user, { id: form.data.invitation_id });
		if ('message' in result) {
			return fail(409, { ...failure({}, { form: result.message }), action: 'accept' as const });
		}
		return { accepted: true };
	},

	read: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, notificationIdSchema);
		await notifications.markRead(user, form.ok ? form.data.notification_id : undefined);
		return { read: true };
	}
} satisfies Actions;
