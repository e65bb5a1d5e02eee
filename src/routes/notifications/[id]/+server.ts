import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guard';
import * as notifications from '$lib/server/db/notifications';
import { describe } from '$lib/words/notifications';
import type { RequestHandler } from './$types';

/**
 * Opening a notification: it is marked read and the person lands on what it is about. A GET,
 * because a notice is a link (opened in a new tab, without JavaScript, by keyboard); the one
 * thing it changes is the person's own "read" mark, which opening it means. SvelteKit never
 * preloads an endpoint, so hovering a notice does not mark it.
 */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const id = z.uuid().safeParse(params.id);
	const notice = id.success ? await notifications.open(user, id.data) : undefined;
	const href = notice ? describe(notice).href : null;
	redirect(303, href ?? localizeHref('/notifications'));
};
