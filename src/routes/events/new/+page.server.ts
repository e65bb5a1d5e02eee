import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { newEventSchema } from '$lib/schemas/events';
import { requireUser } from '$lib/server/auth/guard';
import * as events from '$lib/server/db/events';
import { taxonomies } from '$lib/server/db/taxonomies';
import { failure, parseForm, refused, type ConstraintMessages } from '$lib/server/forms';
import { proposeSlug } from '$lib/slug';
import { facetChoices, unknownFacets } from '../facets';
import { choicesInWords } from '../organiser';
import { eventPath } from '../paths';
import type { Actions, PageServerLoad } from './$types';

/** Coordinators, spaces' moderators and admins add events (RLS decides; this gives the refusal its words). */
async function requireOrganiser() {
	const user = requireUser();
	if (!(await events.mayAdd(user))) error(403, m.events_new_refused());
	return user;
}

/** The refusals a valid form can still meet, on the field they are about. */
const constraints = (): ConstraintMessages => ({
	events_time_zone_check: { field: 'time_zone', message: m.events_time_zone_required() },
	events_country_code_fkey: { field: 'country_code', message: m.forms_country() },
	events_target_groups_check: { field: 'target_groups', message: m.forms_not_a_choice() },
	events_registration_in_order: {
		field: 'registration_closes',
		message: m.events_registration_closes_before_opens()
	},
	event_organisers_once: { field: 'co_organisers', message: m.events_co_organiser_twice() }
});

export const load: PageServerLoad = async ({ url }) => {
	const user = await requireOrganiser();
	const [choices, lists] = await Promise.all([events.organiserChoices(user), taxonomies()]);
	const organisers = { first: choicesInWords(choices.first), co: choicesInWords(choices.co) };
	// "Add an event" on a programme's or a space's calendar comes with its organiser chosen.
	const asked = url.searchParams.get('organiser');
	const preset = organisers.first.find((o) => o.value === asked)?.value ?? null;
	return {
		organisers,
		preset,
		countries: lists.countries,
		timeZones: lists.timeZones,
		facets: facetChoices(lists)
	};
};

export const actions = {
	default: async ({ request }) => {
		const user = await requireOrganiser();
		const form = await parseForm(request, newEventSchema);
		if (!form.ok) return fail(400, form);
		const unknown = unknownFacets(form.data, facetChoices(await taxonomies()));
		if (unknown) return fail(400, failure(form.values, unknown));
		let created: { id: string; slug: string };
		try {
			created = await events.create(user, {
				...form.data,
				// A title with no Latin letters (Arabic, Chinese) still gets an address.
				slug: proposeSlug(form.data.title) || 'event'
			});
		} catch (err) {
			return refused(err, form.values, constraints());
		}
		redirect(303, localizeHref(eventPath(created)));
	}
} satisfies Actions;
