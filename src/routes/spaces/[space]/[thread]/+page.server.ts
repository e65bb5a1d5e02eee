import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	editPostSchema,
	hideSchema,
	moveSchema,
	postSchema,
	reportSchema,
	reactionSchema,
	replySchema,
	slowModeSchema,
	threadPageSchema,
	watchSchema
} from '$lib/schemas/spaces';
import { requireUser } from '$lib/server/auth/guard';
import * as posts from '$lib/server/db/posts';
import * as reports from '$lib/server/db/reports';
import * as spaces from '$lib/server/db/spaces';
import * as threads from '$lib/server/db/threads';
import { failure, parseForm } from '$lib/server/forms';
import { shownPosts } from '$lib/server/spaces/thread-posts';
import { parseThreadParam, threadPath } from '$lib/space-paths';
import { refusalWords } from '../refusals';
import type { Actions, PageServerLoad } from './$types';

const threadOf = async (claims: App.Locals['claims'], param: string) => {
	const address = parseThreadParam(param);
	if (!address) error(404, m.spaces_thread_not_found());
	const thread = await threads.get(claims, address.number);
	if (!thread) error(404, m.spaces_thread_not_found());
	return { thread, address };
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// A visitor reads, searches and follows links: nothing here needs the app for them.
	locals.withoutApp = !locals.claims;
	const { thread, address } = await threadOf(locals.claims, params.thread);
	// One address per thread: an old slug, or the space it was moved from, goes to the current one.
	if (address.slug !== thread.slug || params.space !== thread.space_slug) {
		redirect(301, localizeHref(threadPath(thread.space_slug, thread)) + url.search);
	}
	const position = threadPageSchema.safeParse({
		after: url.searchParams.get('after') || undefined,
		before: url.searchParams.get('before') || undefined
	});
	if (!position.success) error(400, m.spaces_post_number());
	const [space, rows] = await Promise.all([
		spaces.get(locals.claims, thread.space_slug),
		posts.page(locals.claims, thread.id, position.data)
	]);
	if (!space) error(404, m.spaces_thread_not_found());
	// Where a moderator may move it: the other spaces they moderate.
	const destinations =
		space.moderates && locals.claims
			? (await spaces.moderated(locals.claims)).filter((s) => s.id !== space.id)
			: [];
	const last = rows.at(-1)?.number ?? 0;
	if (locals.claims && last > (thread.last_read_number ?? 0)) {
		await threads.markRead(locals.claims, thread.id, last);
	}
	const first = rows[0]?.number ?? 1;
	const base = localizeHref(threadPath(thread.space_slug, thread));
	const editing = Number(url.searchParams.get('edit')) || null;
	const replyTo = Number(url.searchParams.get('reply_to')) || null;
	// A post's report form (or a moderator's hide form) is opened by its link, not drawn for all.
	const reporting = (locals.claims && Number(url.searchParams.get('report'))) || null;
	const hiding = (space.moderates && Number(url.searchParams.get('hide'))) || null;
	return {
		thread,
		space,
		posts: await shownPosts(locals.claims, rows, {
			origin: url.origin,
			timeZone: locals.timeZone,
			editing
		}),
		earlierHref: first > 1 ? `${base}?before=${first}` : null,
		laterHref: last < thread.last_post_number && rows.length ? `${base}?after=${last}` : null,
		editing,
		reporting,
		hiding,
		replyTo: replyTo && replyTo <= thread.last_post_number ? replyTo : null,
		destinations,
		me: locals.claims ? { id: locals.claims.sub } : null
	};
};

const posted = (spaceSlug: string, thread: { number: number; slug: string }, number: number) =>
	localizeHref(threadPath(spaceSlug, thread)) +
	(number > posts.PAGE ? `?after=${number - 1}` : '') +
	`#post-${number}`;

export const actions = {
	reply: async ({ locals, params, request }) => {
		const user = requireUser();
		const { thread } = await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, replySchema);
		if (!form.ok) return fail(400, form);
		const replied = await posts.reply(user, thread, form.data);
		if (typeof replied === 'object') {
			redirect(303, posted(thread.space_slug, thread, replied.number));
		}
		const message = {
			...refusalWords(thread.slow_mode_minutes),
			'no-such-post': m.spaces_post_gone
		}[replied];
		const status =
			replied === 'slow' || replied === 'new-hourly' ? 429 : replied === 'new-links' ? 400 : 403;
		return fail(status, failure(form.values, { body: message() }));
	},
	edit: async ({ locals, params, request }) => {
		const user = requireUser();
		const { thread } = await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, editPostSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.edit(user, form.data.post, form.data.body))) {
			return fail(403, failure(form.values, { form: m.spaces_cannot_edit() }));
		}
		return { saved: m.spaces_edited_saved(), thread: thread.id };
	},
	remove: async ({ locals, params, request }) => {
		const user = requireUser();
		await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, postSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.remove(user, form.data.post))) {
			return fail(403, failure({}, { form: m.spaces_cannot_edit() }));
		}
		return { saved: m.spaces_removed_saved() };
	},
	react: async ({ locals, params, request }) => {
		const user = requireUser();
		await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, reactionSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.react(user, form.data.post, form.data.reaction))) {
			return fail(403, failure({}, { form: m.spaces_cannot_react() }));
		}
		return { reacted: true };
	},
	report: async ({ locals, params, request }) => {
		const user = requireUser();
		await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, reportSchema);
		if (!form.ok) return fail(400, form);
		const reported = await reports.report(user, form.data.post, form.data);
		if (reported === 'not-allowed') {
			return fail(403, failure({}, { form: m.spaces_cannot_report() }));
		}
		return { saved: reported === 'already' ? m.spaces_reported_already() : m.spaces_reported() };
	},
	hide: async ({ locals, params, request }) => {
		const user = requireUser();
		await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, hideSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.hide(user, form.data.post, form.data.reason))) {
			return fail(403, failure(form.values, { form: m.spaces_moderators_only() }));
		}
		return { saved: m.spaces_hidden_saved() };
	},
	unhide: async ({ locals, params, request }) => {
		const user = requireUser();
		await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, postSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.unhide(user, form.data.post))) {
			return fail(403, failure({}, { form: m.spaces_moderators_only() }));
		}
		return { saved: m.spaces_unhidden_saved() };
	},
	slow: async ({ locals, params, request }) => {
		const user = requireUser();
		const { thread } = await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, slowModeSchema);
		if (!form.ok) return fail(400, form);
		if (!(await threads.slowMode(user, thread.id, form.data.minutes))) {
			return fail(403, failure({}, { form: m.spaces_moderators_only() }));
		}
		return { saved: m.spaces_slow_mode_saved() };
	},
	move: async ({ locals, params, request }) => {
		const user = requireUser();
		const { thread } = await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, moveSchema);
		if (!form.ok) return fail(400, form);
		const moved = await threads.move(user, thread.id, form.data.space);
		if (!moved) return fail(403, failure(form.values, { form: m.spaces_cannot_move() }));
		redirect(303, localizeHref(threadPath(moved.space_slug, moved)));
	},
	pin: (event) => moderate(event, { pinned: true }, m.spaces_pinned_saved),
	unpin: (event) => moderate(event, { pinned: false }, m.spaces_unpinned_saved),
	lock: (event) => moderate(event, { locked: true }, m.spaces_locked_saved),
	unlock: (event) => moderate(event, { locked: false }, m.spaces_unlocked_saved),
	watch: async ({ locals, params, request }) => {
		const user = requireUser();
		const { thread } = await threadOf(locals.claims, params.thread);
		const form = await parseForm(request, watchSchema);
		if (!form.ok) return fail(400, form);
		await threads.watch(user, thread.id, form.data.watch_level);
		return { saved: m.spaces_watch_saved() };
	}
} satisfies Actions;

async function moderate(
	{ locals, params }: { locals: App.Locals; params: { thread: string } },
	change: { pinned?: boolean; locked?: boolean },
	said: () => string
) {
	const user = requireUser();
	const { thread } = await threadOf(locals.claims, params.thread);
	if (!(await threads.moderate(user, thread.id, change))) {
		return fail(403, failure({}, { form: m.spaces_moderators_only() }));
	}
	return { saved: said() };
}
