import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { askToJoinSchema, cohortSpaceSchema, watchSchema } from '$lib/schemas/spaces';
import { pageLink } from '$lib/schemas/fields';
import { requireUser } from '$lib/server/auth/guard';
import * as joinRequests from '$lib/server/db/join-requests';
import * as spaces from '$lib/server/db/spaces';
import * as threads from '$lib/server/db/threads';
import { failure, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const spaceOf = async (claims: App.Locals['claims'], slug: string) => {
	const space = await spaces.get(claims, slug);
	if (!space) error(404, m.spaces_not_found());
	return space;
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// A visitor reads, searches and follows links: nothing here needs the app for them.
	locals.withoutApp = !locals.claims;
	const space = await spaceOf(locals.claims, params.space);
	// Someone outside a private space may ask to join it (and sees that they asked).
	const asked =
		locals.claims && !space.readable ? await joinRequests.mine(locals.claims, space.id) : null;
	// A programme's space lists its cohorts' spaces (and its coordinators may open more).
	const cohorts =
		space.kind === 'programme' && space.programme_slug
			? await spaces.cohortSpaces(locals.claims, space.programme_slug)
			: [];
	if (!space.readable) {
		return { space, asked, cohorts, threads: [], nextHref: null, problem: null };
	}
	const link = pageLink.safeParse(url.searchParams.get('after') ?? undefined);
	const cursor = link.success && link.data ? threads.decodeCursor(link.data) : undefined;
	if (!link.success || (link.data && !cursor)) {
		return { space, asked, cohorts, threads: [], nextHref: null, problem: m.forms_page_link() };
	}
	const list = await threads.inSpace(locals.claims, space.id, cursor);
	const next = list.next ? new URL(url) : null;
	next?.searchParams.set('after', list.next!);
	return {
		space,
		asked,
		cohorts,
		threads: list.threads,
		nextHref: next ? `${next.pathname}${next.search}` : null,
		problem: null
	};
};

export const actions = {
	openCohort: async ({ locals, params, request }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		const form = await parseForm(request, cohortSpaceSchema);
		if (!form.ok) return fail(400, form);
		const opened =
			space.kind === 'programme' && space.programme_slug
				? await spaces.openCohortSpace(user, space.programme_slug, form.data)
				: null;
		if (opened === 'taken') {
			return fail(409, failure(form.values, { form: m.spaces_cohort_taken() }));
		}
		if (!opened) return fail(403, failure(form.values, { form: m.spaces_cohort_not_yours() }));
		redirect(303, localizeHref(`/spaces/${opened}`));
	},
	join: async ({ locals, params }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		if (!(await spaces.join(user, space.id))) {
			return fail(403, failure({}, { form: m.spaces_cannot_join() }));
		}
		return { saved: m.spaces_joined() };
	},
	leave: async ({ locals, params }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		if (!(await spaces.leave(user, space.id))) {
			return fail(403, failure({}, { form: m.spaces_cannot_leave() }));
		}
		return { saved: m.spaces_left() };
	},
	ask: async ({ locals, params, request }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		const form = await parseForm(request, askToJoinSchema);
		if (!form.ok) return fail(400, form);
		const asked = await joinRequests.ask(user, space.id, form.data.message);
		if (asked === 'not-allowed') return fail(403, failure({}, { form: m.spaces_cannot_ask() }));
		return { saved: asked === 'already' ? m.spaces_asked_already() : m.spaces_asked() };
	},
	withdraw: async ({ locals, params }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		await joinRequests.withdraw(user, space.id);
		return { saved: m.spaces_request_withdrawn() };
	},
	watch: async ({ locals, params, request }) => {
		const user = requireUser();
		const space = await spaceOf(locals.claims, params.space);
		const form = await parseForm(request, watchSchema);
		if (!form.ok) return fail(400, form);
		if (!(await spaces.watch(user, space.id, form.data.watch_level))) {
			return fail(403, failure(form.values, { form: m.spaces_join_first() }));
		}
		return { saved: m.spaces_watch_saved() };
	}
} satisfies Actions;
