/**
 * Profile visibility has one rule (the profiles policy and the masking of profile_cards), and the
 * directory's search vectors are a second encoding of it, kept for speed. On a seeded world of
 * people with every audience, for the profile and for one of its parts, both must give each viewer
 * exactly the same people: a visitor, a member of no programme, a programme peer, and the person.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withViewer, type Claims } from '$lib/server/db/client';
import * as directory from '$lib/server/db/directory';
import {
	addMembership,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';

const AUDIENCES = ['public', 'members', 'programmes', 'private'] as const;
const COUNTRY = 'SN';

let people: Person[];
let outsider: Person;
let peer: Person;
let programme: Programme;

beforeAll(async () => {
	programme = await createProgramme('Visibility School');
	outsider = await createPerson({ displayName: 'Outside Viewer' });
	peer = await createPerson({ displayName: 'Peer Viewer' });
	await addMembership(peer, programme, 'alumnus');
	// Every profile audience × every audience of the country × in the programme or not: 32 people.
	people = [];
	for (const visibility of AUDIENCES) {
		for (const location of AUDIENCES) {
			for (const inProgramme of [true, false]) {
				const person = await createPerson({
					displayName: `Seeded ${visibility} ${location} ${inProgramme ? 'in' : 'out'}`
				});
				await setProfile(person.id, {
					visibility,
					location_visibility: location,
					country_code: COUNTRY
				});
				if (inProgramme) await addMembership(person, programme, 'alumnus');
				people.push(person);
			}
		}
	}
});

/** Every seeded person the directory lists for the viewer, page after page. */
async function listed(viewer: Claims | null, tokens: string[] = []): Promise<Set<string>> {
	const seen = new Set<string>();
	let after: directory.DirectoryQuery['after'];
	for (let page = 0; page < 20; page++) {
		const found = await directory.search(viewer, { tokens, after, pageSize: 50 });
		for (const card of found.people) seen.add(card.id);
		if (!found.next) break;
		after = found.next;
	}
	return seeded(seen);
}

/** The seeded people the rule itself lets the viewer read: the policy, or a part's masking. */
async function byTheRule(viewer: Claims | null, part?: 'country'): Promise<Set<string>> {
	const ids = people.map((p) => p.id);
	const rows = await withViewer(viewer, (sql) =>
		part
			? sql<{ id: string }[]>`
					select id from private.profile_cards where id = any(${ids}::uuid[]) and country_code = ${COUNTRY}`
			: sql<{ id: string }[]>`select id from public.profiles where id = any(${ids}::uuid[])`
	);
	return new Set(rows.map((r) => r.id));
}

const seeded = (ids: Set<string>) =>
	new Set([...ids].filter((id) => people.some((p) => p.id === id)));

describe.each([
	['a visitor', () => null],
	['a member of no programme', () => outsider.claims],
	['a programme peer', () => peer.claims],
	['one of the seeded people', () => people[0]!.claims]
])('%s', (_label, viewer) => {
	it('finds in the directory exactly the profiles the policy lets them read', async () => {
		const rule = await byTheRule(viewer());
		const found = await listed(viewer());
		expect([...found].sort()).toEqual([...rule].sort());
		expect(found.size).toBeGreaterThan(0);
	});

	it('finds by country exactly the profiles whose country they may see', async () => {
		const rule = await byTheRule(viewer(), 'country');
		const found = await listed(viewer(), [`country:${COUNTRY}`]);
		expect([...found].sort()).toEqual([...rule].sort());
		expect(found.size).toBeGreaterThan(0);
	});
});
