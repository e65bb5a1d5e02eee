import { Temporal } from 'temporal-polyfill';
import { dayIn, startOfDay, withWhen } from '$lib/event-time';
import type { Role } from '$lib/words/memberships';
import * as events from '$lib/server/db/events';
import * as home from '$lib/server/db/home';
import * as invitations from '$lib/server/db/invitations';
import * as memberships from '$lib/server/db/memberships';
import * as spaces from '$lib/server/db/spaces';
import type { PageServerLoad } from './$types';

/** A person's verified memberships, one line per programme with its roles and cohorts. */
function byProgramme(verified: memberships.MyMembership[]) {
	const lines = new Map<string, { slug: string; name: string; roles: Role[]; cohorts: string[] }>();
	for (const m of verified) {
		const line = lines.get(m.programme_slug) ?? {
			slug: m.programme_slug,
			name: m.programme_name,
			roles: [],
			cohorts: []
		};
		if (!line.roles.includes(m.role)) line.roles.push(m.role);
		if (m.cohort_edition && !line.cohorts.includes(m.cohort_edition)) {
			line.cohorts.push(m.cohort_edition);
		}
		lines.set(m.programme_slug, line);
	}
	return [...lines.values()];
}

/** How many of each the signed-in home shows (each links to its whole page). */
const SHOWN = { going: 5, week: 6, spaces: 6 };

/**
 * A visitor gets the page that says what the product is; a member gets their own home: the events
 * they are going to, this week in the community, what waits for them (invitations, and claims and
 * suggestions as a coordinator), what is new in their spaces, and their programmes.
 */
export const load: PageServerLoad = async ({ locals, parent }) => {
	const user = locals.claims;
	if (!user) return { home: null };
	const { clock } = await parent();
	// This week: from the start of today to the end of the sixth day after, on the viewer's clock.
	const today = dayIn(new Date(), clock.timeZone);
	const from = startOfDay(today, clock.timeZone);
	const until = startOfDay(
		Temporal.PlainDate.from(today).add({ days: 7 }).toString(),
		clock.timeZone
	);
	const [going, week, spaceCards, mine, invited, waiting] = await Promise.all([
		events.going(user, SHOWN.going),
		events.upcoming(user, { from, until }, { limit: SHOWN.week }),
		spaces.list(user),
		memberships.mine(user),
		invitations.toMe(user),
		home.waiting(user)
	]);
	const goingIds = new Set(going.map((e) => e.id));
	const mySpaces = spaceCards.filter((s) => s.my_role !== null);
	return {
		home: {
			going: going.map((e) => withWhen(e, clock)),
			week: week.events.filter((e) => !goingIds.has(e.id)).map((e) => withWhen(e, clock)),
			moreThisWeek: week.next !== null,
			// The spaces with something new first, then the most recently active.
			spaces: mySpaces
				.toSorted(
					(a, b) =>
						Number(b.new_threads + b.unread_threads > 0) -
						Number(a.new_threads + a.unread_threads > 0)
				)
				.slice(0, SHOWN.spaces),
			moreSpaces: mySpaces.length > SHOWN.spaces,
			programmes: byProgramme(mine.filter((p) => p.status === 'verified')),
			claims: mine.filter((p) => p.status === 'pending'),
			invitations: invited,
			waiting
		}
	};
};
