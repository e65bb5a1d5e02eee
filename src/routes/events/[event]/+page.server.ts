import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { rsvpSchema } from '$lib/schemas/events';
import { requireUser } from '$lib/server/auth/guard';
import * as events from '$lib/server/db/events';
import { cycleOfEvent } from '$lib/server/db/track-timetable';
import { refusedWith } from '$lib/server/db/errors';
import { failure, parseForm } from '$lib/server/forms';
import { eventJsonLd, scriptSafe } from '$lib/server/events/json-ld';
import { renderMarkdown } from '$lib/server/markdown';
import { taxonomies } from '$lib/server/db/taxonomies';
import { clockFor, intlLocale } from '$lib/dates';
import { describeEventTime, withWhen } from '$lib/event-time';
import { registrationState, windowMoments } from '../registration';

const languageName = (code: string, locale: string) =>
	new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
import { eventPath, parseEventParam } from '../paths';
import type { Actions, PageServerLoad } from './$types';

const idOf = (param: string) => {
	const address = parseEventParam(param);
	if (!address) error(404, m.events_not_found());
	return address;
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const address = idOf(params.event);
	const event = await events.get(locals.claims, address.id);
	if (!event) error(404, m.events_not_found());
	// One address per event: an old or cut slug goes to the current one.
	if (address.slug !== event.slug) redirect(301, localizeHref(eventPath(event)));
	const [attendees, series, lists, trackCycle] = await Promise.all([
		event.manages && locals.claims ? events.attendees(locals.claims, event.id) : [],
		event.series_id ? events.seriesDates(locals.claims, event.series_id, event.id) : [],
		taxonomies(),
		event.kind === 'igf-session' ? cycleOfEvent(locals.claims, event.id) : null
	]);
	// Times in words for this viewer, made here: the page runs no time-zone library.
	const clock = clockFor(locals.timeZone);
	return {
		event,
		trackCycle,
		when: describeEventTime(event, clock),
		window: windowMoments(event, clock),
		// What it is about, in the page's language: the taxonomy's names, as programmes and profiles
		// show them (a language the list lacks by Intl's name; a topic or group it no longer holds
		// is left out).
		languages: event.languages.map(
			(code) => lists.names.languages.get(code) ?? languageName(code, intlLocale())
		),
		topics: event.topics.flatMap((t) => lists.names.topics.get(t)?.name ?? []),
		targetGroups: event.target_groups.flatMap((g) => lists.names.targetGroups.get(g) ?? []),
		registration: registrationState(event),
		description: event.description ? renderMarkdown(event.description) : null,
		attendees,
		series: series.map((date) => withWhen(date, clock)),
		signedIn: Boolean(locals.claims),
		jsonLd: scriptSafe(
			eventJsonLd(event, `${url.origin}${url.pathname}`, {
				audience: event.target_groups.flatMap((g) => lists.names.targetGroups.get(g) ?? [])
			})
		)
	};
};

export const actions = {
	rsvp: async ({ request, params }) => {
		const user = requireUser();
		const { id } = idOf(params.event);
		const form = await parseForm(request, rsvpSchema);
		if (!form.ok) return fail(400, form);
		try {
			const answer = await events.rsvp(user, id, form.data.answer, form.data.note);
			return { saved: answer };
		} catch (err) {
			if (refusedWith(err, 'notThere')) error(404, m.events_not_found());
			if (refusedWith(err, 'noLongerWaiting')) {
				return fail(409, failure(form.values, { form: m.events_rsvp_closed() }));
			}
			throw err;
		}
	}
} satisfies Actions;
