/**
 * The small world the curation tests share: two programmes with a coordinator each, a member and
 * an admin. Each file makes its own (a fresh database per file).
 */
import type { Claims } from '$lib/server/db/client';
import type { Filters } from '$lib/server/db/compendium';
import { FACETS } from '$lib/words/compendium';
import { addMembership, asAdmin, createPerson, createProgramme } from './factories';

export async function curationWorld() {
	const [programme, other] = await Promise.all([
		createProgramme('Policy School'),
		createProgramme('Other Academy')
	]);
	const [member, coordinator, otherCoordinator, adminPerson] = await Promise.all([
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	const admin: Claims = await asAdmin(adminPerson);
	await addMembership(coordinator, programme, 'coordinator');
	await addMembership(otherCoordinator, other, 'coordinator');
	return { programme, other, member, coordinator, otherCoordinator, admin };
}

/** The compendium's search with no facet chosen: spread it and add what a test chooses. */
export const noFilters = Object.fromEntries(
	FACETS.map((facet) => [facet, []])
) as unknown as Filters;
