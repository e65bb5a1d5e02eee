import { error } from '@sveltejs/kit';
import { z } from 'zod';
import * as programmes from '$lib/server/db/programmes';
import * as cohorts from '$lib/server/db/cohorts';
import * as memberships from '$lib/server/db/memberships';
import { searchParams } from '$lib/server/forms';
import { hasNul } from '$lib/schemas/fields';
import { role } from '$lib/schemas/memberships';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** The list's filters and page, from the query string; anything malformed is ignored. */
const querySchema = z.object({
	cohort: z.string().trim().max(80).optional().catch(undefined),
	role: role.optional().catch(undefined),
	after: z.string().max(400).optional().catch(undefined)
});

/** The keyset cursor: the last name and membership id of the previous page. */
const cursor = {
	encode: (row: { display_name: string; membership_id: string }) =>
		Buffer.from(JSON.stringify([row.display_name, row.membership_id])).toString('base64url'),
	decode: (value: string | undefined) => {
		if (!value) return undefined;
		try {
			const [display_name, membership_id] = JSON.parse(
				Buffer.from(value, 'base64url').toString('utf8')
			) as unknown[];
			// A link's JSON can spell a NUL (\u0000) that no name holds and Postgres would refuse.
			if (
				typeof display_name !== 'string' ||
				hasNul(display_name) ||
				!z.uuid().safeParse(membership_id).success
			) {
				return undefined;
			}
			return { display_name, membership_id: membership_id as string };
		} catch {
			return undefined;
		}
	}
};

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const viewer = locals.claims;
	const programme = await programmes.bySlug(viewer, params.slug);
	if (!programme) error(404, m.programmes_not_found());
	// Memberships are for signed-in members only (their policy): visitors are asked to sign in.
	if (!viewer) return { programme, signedIn: false as const };

	const query = querySchema.parse(Object.fromEntries(searchParams(url)));
	const editions = await cohorts.of(viewer, programme.id);
	const cohort = editions.find((c) => c.edition === query.cohort);
	const page = await memberships.alumniOf(viewer, programme.id, {
		cohortId: cohort?.id,
		role: query.role,
		after: cursor.decode(query.after)
	});
	const last = page.people.at(-1);
	const next = page.more && last ? new URLSearchParams() : undefined;
	if (next && last) {
		if (cohort) next.set('cohort', cohort.edition);
		if (query.role) next.set('role', query.role);
		next.set('after', cursor.encode(last));
	}
	return {
		programme,
		signedIn: true as const,
		cohorts: editions,
		filters: { cohort: cohort?.edition ?? '', role: query.role ?? '' },
		people: page.people,
		next: next ? `?${next}` : null,
		paged: !!query.after
	};
};
