import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { cancelEventSchema, editEventSchema } from '$lib/schemas/events';
import { requireUser } from '$lib/server/auth/guard';
import * as eventMessages from '$lib/server/db/event-messages';
import * as events from '$lib/server/db/events';
import { refusedWith } from '$lib/server/db/errors';
import { kickEventMessages } from '$lib/server/events/messages';
import { taxonomies } from '$lib/server/db/taxonomies';
import { failure, parseForm, refused, type ConstraintMessages } from '$lib/server/forms';
import { proposeSlug } from '$lib/slug';
import { facetChoices, unknownFacets } from '../../facets';
import { choicesInWords } from '../../organiser';
import { eventPath, parseEventParam } from '../../paths';
import type { Actions, PageServerLoad } from './$types';

const idOf = (param: string) => {
	const address = parseEventParam(param);
	if (!address) error(404, m.events_not_found());
	return address.id;
};

/** The event as its organisers edit it: 404 for what the person cannot see, 403 for the rest. */
async function editable(id: string) {
	const user = requireUser();
	const event = await events.forEdit(user, id);
	if (event) return { user, event };
	if (await events.get(user, id)) error(403, m.events_edit_refused());
	error(404, m.events_not_found());
}

const constraints = (): ConstraintMessages => ({
	events_time_zone_check: { field: 'time_zone', message: m.events_time_zone_required() },
	events_country_code_fkey: { field: 'country_code', message: m.forms_country() },
	events_target_groups_check: { field: 'target_groups', message: m.forms_not_a_choice() },
	events_registration_in_order: {
		field: 'registration_closes',
		message: m.events_registration_closes_before_opens()
	}
});

export const load: PageServerLoad = async ({ params }) => {
	const { user, event } = await editable(idOf(params.event));
	const [organisers, lists, announced] = await Promise.all([
		events.organiserChoices(user),
		taxonomies(),
		eventMessages.announcement(user, event.id)
	]);
	return {
		event,
		announced,
		organisers: choicesInWords(organisers.co),
		countries: lists.countries,
		timeZones: lists.timeZones,
		facets: facetChoices(lists)
	};
};

export const actions = {
	save: async ({ request, params }) => {
		const { user, event } = await editable(idOf(params.event));
		const form = await parseForm(request, editEventSchema);
		if (!form.ok) return fail(400, form);
		const unknown = unknownFacets(form.data, facetChoices(await taxonomies()));
		if (unknown) return fail(400, failure(form.values, unknown));
		let outcome: Awaited<ReturnType<typeof events.update>>;
		try {
			outcome = await events.update(user, event.id, {
				...form.data,
				slug: proposeSlug(form.data.title) || 'event'
			});
		} catch (err) {
			return refused(err, form.values, constraints());
		}
		if (outcome === 'would-not-organise') {
			return fail(400, failure(form.values, { organisers: m.events_would_not_organise() }));
		}
		if (outcome === 'not-there') error(404, m.events_not_found());
		// A new time or place: the people who answered hear of it.
		kickEventMessages();
		redirect(
			303,
			localizeHref(eventPath({ id: event.id, slug: proposeSlug(form.data.title) || 'event' }))
		);
	},
	cancel: async ({ request, params }) => {
		const { user, event } = await editable(idOf(params.event));
		const form = await parseForm(request, cancelEventSchema);
		if (!form.ok) return fail(400, form);
		if (!(await events.setStatus(user, event.id, 'cancelled'))) error(403, m.events_edit_refused());
		kickEventMessages();
		redirect(303, localizeHref(eventPath(event)));
	},
	reinstate: async ({ params }) => {
		const { user, event } = await editable(idOf(params.event));
		if (!(await events.setStatus(user, event.id, 'scheduled'))) {
			error(403, m.events_edit_refused());
		}
		kickEventMessages();
		redirect(303, localizeHref(eventPath(event)));
	},
	announce: async ({ params }) => {
		const { user, event } = await editable(idOf(params.event));
		try {
			await eventMessages.announce(user, event.id);
		} catch (err) {
			if (refusedWith(err, 'noLongerWaiting')) {
				return fail(409, failure({}, { form: m.events_announce_refused() }));
			}
			throw err;
		}
		kickEventMessages();
		return { announcedNow: true };
	}
} satisfies Actions;
