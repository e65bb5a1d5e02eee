import { m } from '$lib/paraglide/messages';
/** What each refusal of a new post says (the reply box and the new thread form). */
export const refusalWords = (slowMinutes: number | null) => ({
	'not-allowed': m.spaces_cannot_post,
	locked: m.spaces_thread_locked,
	slow: () => m.spaces_slow_mode({ minutes: slowMinutes ?? 1 }),
	'new-hourly': m.spaces_new_poster_hourly,
	'new-links': m.spaces_new_poster_links
});
