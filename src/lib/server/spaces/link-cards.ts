/**
 * Links in a post to a profile, a programme or an event of this site, read from the post's
 * rendered (sanitised) HTML, so Markdown links and bare addresses count alike. The thread page
 * shows each as a small card under the post, with what the viewer may see of it (db/link-cards.ts,
 * under their RLS): a link to something they may not see stays a plain link.
 */
import { formatLongDay, formatWeekdayTime, type Clock } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import type { Linked } from '$lib/server/db/link-cards';

export type LinkRef =
	| { kind: 'person'; key: string }
	| { kind: 'programme'; key: string }
	| { kind: 'event'; key: string };

/** At most this many cards under one post: a list of links is not a gallery. */
export const CARDS_PER_POST = 3;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATH = new RegExp(
	`^(?:/(?:${locales.join('|')}))?/(?:people/(?<handle>[a-z0-9][a-z0-9-]{1,39})|programmes/(?<slug>[a-z0-9][a-z0-9-]*)|events/(?<event>${UUID})(?:-[^/]*)?)/?$`
);
// Addresses under those folders that are pages, not things.
const NOT_THINGS = new Set(['new', 'month']);

/** The profiles, programmes and events a post's HTML links to, on this origin, each once. */
export function linkRefs(html: string, origin: string): LinkRef[] {
	const refs = new Map<string, LinkRef>();
	for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
		if (refs.size >= CARDS_PER_POST) break;
		let url: URL;
		try {
			url = new URL(href!.replaceAll('&amp;', '&'), origin);
		} catch {
			continue;
		}
		if (url.origin !== origin) continue;
		const found = PATH.exec(decodeURIComponent(url.pathname).toLowerCase())?.groups;
		if (!found) continue;
		const ref: LinkRef | null = found.handle
			? { kind: 'person', key: found.handle }
			: found.slug && !NOT_THINGS.has(found.slug)
				? { kind: 'programme', key: found.slug }
				: found.event
					? { kind: 'event', key: found.event }
					: null;
		if (ref) refs.set(`${ref.kind}:${ref.key}`, ref);
	}
	return [...refs.values()];
}

/** A card as the post shows it: what it is, where it leads, its name and one line about it. */
export type LinkCard = {
	kind: LinkRef['kind'];
	path: string;
	title: string;
	detail: string | null;
};

/** The cards of one post's refs, in the post's order, from what the viewer may see. */
export function cardsOf(refs: LinkRef[], linked: Linked, clock: Clock): LinkCard[] {
	return refs.flatMap((ref): LinkCard[] => {
		if (ref.kind === 'person') {
			const person = linked.people.find((p) => p.handle === ref.key);
			return person
				? [
						{
							kind: 'person',
							path: `/people/${person.handle}`,
							title: person.display_name,
							detail: person.headline
						}
					]
				: [];
		}
		if (ref.kind === 'programme') {
			const programme = linked.programmes.find((p) => p.slug === ref.key);
			return programme
				? [
						{
							kind: 'programme',
							path: `/programmes/${programme.slug}`,
							title: programme.name,
							detail: programme.organisation
						}
					]
				: [];
		}
		const event = linked.events.find((e) => e.id === ref.key);
		if (!event) return [];
		const when = event.all_day
			? formatLongDay(event.starts_on!, clock)
			: formatWeekdayTime(event.starts_at!, clock);
		return [
			{
				kind: 'event',
				path: `/events/${event.id}-${event.slug}`,
				title: event.title,
				detail: event.status === 'cancelled' ? `${m.events_status_cancelled()} · ${when}` : when
			}
		];
	});
}
