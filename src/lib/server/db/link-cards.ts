/**
 * What a post's links to profiles, programmes and events show as cards, read as the viewer: a
 * profile's name and headline as its audiences allow (private.profile_cards), a programme as the
 * compendium shows it, an event only if the viewer may see it (the events' policies). Something
 * the viewer may not see gives no card, so a link never tells more than the page behind it.
 */
import type { LinkRef } from '$lib/server/spaces/link-cards';
import { withViewer, type Claims } from './client';

export type LinkedPerson = { handle: string; display_name: string; headline: string | null };
export type LinkedProgramme = { slug: string; name: string; organisation: string | null };
export type LinkedEvent = {
	id: string;
	slug: string;
	title: string;
	status: string;
	all_day: boolean;
	starts_at: Date | null;
	starts_on: string | null;
	time_zone: string;
};

export type Linked = {
	people: LinkedPerson[];
	programmes: LinkedProgramme[];
	events: LinkedEvent[];
};

const keysOf = (refs: LinkRef[], kind: LinkRef['kind']) =>
	refs.filter((r) => r.kind === kind).map((r) => r.key);

/** The things the refs name that the viewer may see, in one transaction. */
export const read = (viewer: Claims | null, refs: LinkRef[]): Promise<Linked> => {
	const [handles, slugs, ids] = (['person', 'programme', 'event'] as const).map((k) =>
		keysOf(refs, k)
	);
	if (!refs.length) return Promise.resolve({ people: [], programmes: [], events: [] });
	return withViewer(viewer, async (sql) => {
		const [people, programmes, events] = await Promise.all([
			handles!.length
				? sql<LinkedPerson[]>`
						select c.handle, c.display_name, c.headline from private.profile_cards c
						where c.handle = any (${handles!}::text[])
					`
				: [],
			slugs!.length
				? sql<LinkedProgramme[]>`
						select p.slug, p.name, o.name as organisation from public.programmes p
						left join public.organisations o on o.id = p.organisation_id
						where p.slug = any (${slugs!}::text[])
					`
				: [],
			ids!.length
				? sql<LinkedEvent[]>`
						select e.id, e.slug, e.title, e.status, e.all_day, e.starts_at, e.starts_on::text,
						       e.time_zone
						from public.events e where e.id = any (${ids!}::uuid[])
					`
				: []
		]);
		return { people: [...people], programmes: [...programmes], events: [...events] };
	});
};
