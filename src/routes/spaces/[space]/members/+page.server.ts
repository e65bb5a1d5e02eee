import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	addMemberSchema,
	decideRequestSchema,
	memberSchema,
	suspendSchema
} from '$lib/schemas/spaces';
import { pageLink } from '$lib/schemas/fields';
import { requireUser } from '$lib/server/auth/guard';
import * as joinRequests from '$lib/server/db/join-requests';
import * as spaceMembers from '$lib/server/db/space-members';
import * as spaces from '$lib/server/db/spaces';
import { failure, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const spaceOf = async (slug: string) => {
	const user = requireUser();
	const space = await spaces.get(user, slug);
	if (!space || !space.readable) error(404, m.spaces_not_found());
	return { user, space };
};

/** A space's members for the signed-in people who may read it; the moderators' tools beside. */
export const load: PageServerLoad = async ({ params, url }) => {
	const { user, space } = await spaceOf(params.space);
	const link = pageLink.safeParse(url.searchParams.get('after') ?? undefined);
	const cursor = link.success && link.data ? spaceMembers.decodeCursor(link.data) : undefined;
	if (!link.success || (link.data && !cursor)) error(400, m.forms_page_link());
	const [list, requests] = await Promise.all([
		spaceMembers.list(user, space.id, cursor),
		space.moderates ? joinRequests.pending(user, space.id) : []
	]);
	return {
		space,
		members: list.members,
		nextHref: list.next ? `?after=${list.next}` : null,
		requests,
		me: user.sub
	};
};

const moderatorOnly = () => fail(403, failure({}, { form: m.spaces_moderators_only() }));

export const actions = {
	approve: async ({ params, request }) => {
		const { user } = await spaceOf(params.space);
		const form = await parseForm(request, decideRequestSchema);
		if (!form.ok) return fail(400, form);
		if (!(await joinRequests.decide(user, form.data.request, 'approved', null))) {
			return moderatorOnly();
		}
		return { saved: m.spaces_request_approved() };
	},
	decline: async ({ params, request }) => {
		const { user } = await spaceOf(params.space);
		const form = await parseForm(request, decideRequestSchema);
		if (!form.ok) return fail(400, form);
		if (!(await joinRequests.decide(user, form.data.request, 'declined', form.data.reason))) {
			return moderatorOnly();
		}
		return { saved: m.spaces_request_declined() };
	},
	add: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, addMemberSchema);
		if (!form.ok) return fail(400, form);
		const added = await spaceMembers.add(user, space.id, form.data.handle);
		if (added === 'not-allowed') return moderatorOnly();
		if (added === 'no-such-person') {
			return fail(404, failure(form.values, { handle: m.spaces_no_such_handle() }));
		}
		return { saved: added === 'already' ? m.spaces_already_member() : m.spaces_member_added() };
	},
	moderator: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, memberSchema);
		if (!form.ok) return fail(400, form);
		if (!(await spaceMembers.change(user, space.id, form.data.person, { role: 'moderator' }))) {
			return moderatorOnly();
		}
		return { saved: m.spaces_moderator_named() };
	},
	member: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, memberSchema);
		if (!form.ok) return fail(400, form);
		if (!(await spaceMembers.change(user, space.id, form.data.person, { role: 'member' }))) {
			return moderatorOnly();
		}
		return { saved: m.spaces_moderator_withdrawn() };
	},
	suspend: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, suspendSchema);
		if (!form.ok) return fail(400, form);
		const until = new Date(Date.now() + form.data.days * 86_400_000);
		const changed = await spaceMembers.change(user, space.id, form.data.person, {
			suspended_until: until,
			suspension_reason: form.data.reason
		});
		if (!changed) return moderatorOnly();
		return { saved: m.spaces_suspended_saved() };
	},
	lift: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, memberSchema);
		if (!form.ok) return fail(400, form);
		const changed = await spaceMembers.change(user, space.id, form.data.person, {
			suspended_until: null,
			suspension_reason: null
		});
		if (!changed) return moderatorOnly();
		return { saved: m.spaces_suspension_lifted() };
	},
	remove: async ({ params, request }) => {
		const { user, space } = await spaceOf(params.space);
		const form = await parseForm(request, memberSchema);
		if (!form.ok) return fail(400, form);
		if (!(await spaceMembers.remove(user, space.id, form.data.person))) {
			return fail(403, failure({}, { form: m.spaces_cannot_remove() }));
		}
		return { saved: m.spaces_member_removed() };
	}
} satisfies Actions;
