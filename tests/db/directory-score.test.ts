/**
 * The directory lists fuller profiles first, and its cursors carry the completeness score of the
 * last card. Both must come only from the parts of a profile the viewer may see: a visitor may not
 * learn that a public profile showing a name has more filled in for members, nor a member that
 * someone keeps parts for their programme peers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '$lib/server/db/client';
import * as directory from '$lib/server/db/directory';
import { createPerson, setProfile, type Person } from './factories';

let richForMembers: Person, publicParts: Person, peerParts: Person, twoForMembers: Person;
let member: Person;

beforeAll(async () => {
	[richForMembers, publicParts, peerParts, twoForMembers, member] = await Promise.all([
		createPerson({ displayName: 'Rich For Members' }),
		createPerson({ displayName: 'Public Parts' }),
		createPerson({ displayName: 'Peer Parts' }),
		createPerson({ displayName: 'Two For Members' }),
		createPerson({ displayName: 'Looking Member' })
	]);
	// Public, with one public part (0.1) and five more for members (0.6 for them).
	await setProfile(richForMembers.id, {
		visibility: 'public',
		bio: 'Zanzibar spectrum notes.',
		bio_visibility: 'public',
		headline: 'Hidden headline',
		current_position: 'Hidden position',
		country_code: 'SN',
		stakeholder_group: 'academia',
		time_zone: 'Africa/Dakar'
	});
	// Public, with two public parts (0.2).
	await setProfile(publicParts.id, {
		visibility: 'public',
		headline: 'Zanzibar community networks',
		headline_visibility: 'public',
		time_zone: 'Africa/Dakar',
		time_zone_visibility: 'public'
	});
	// For members: one part for members (0.1) and three more for programme peers only.
	await setProfile(peerParts.id, {
		headline: 'Members see this',
		bio: 'Peers see this',
		bio_visibility: 'programmes',
		current_position: 'Peers see this too',
		work_visibility: 'programmes',
		time_zone: 'Europe/Paris',
		time_zone_visibility: 'programmes'
	});
	// For members: two parts for members (0.2).
	await setProfile(twoForMembers.id, { headline: 'Two parts', bio: 'For members' });
});

/** Every card the viewer finds, a page of one at a time, with the key its cursor carries. */
async function pages(viewer: Claims | null, q?: string) {
	const found: { id: string; key: string | undefined }[] = [];
	let after: directory.Cursor | undefined;
	for (let page = 0; page < 20; page++) {
		const { people, next } = await directory.search(viewer, { q, after, pageSize: 1 });
		found.push(...people.map((p) => ({ id: p.id, key: next?.key })));
		if (!next) break;
		after = next;
	}
	return found;
}

const keyOf = (found: { id: string; key: string | undefined }[], person: Person) =>
	found.find((f) => f.id === person.id)?.key;
const order = (found: { id: string }[], ...people: Person[]) =>
	people.map((p) => found.findIndex((f) => f.id === p.id));

describe('the directory’s order and cursors count only what the viewer may see', () => {
	it('a visitor’s listing counts public parts', async () => {
		const found = await pages(null);
		expect(found.map((f) => f.id)).toEqual([publicParts.id, richForMembers.id]);
		expect(keyOf(found, publicParts)).toBe('0.2');
	});

	it('a visitor’s search counts public parts', async () => {
		const found = await pages(null, 'zanzibar');
		expect(found.map((f) => f.id)).toEqual([publicParts.id, richForMembers.id]);
		expect(keyOf(found, publicParts)).toBe('0.2');
	});

	it('a visitor’s cursor never carries what members see', async () => {
		const { next } = await directory.search(null, { pageSize: 2 });
		expect(next).toBeNull();
		const first = await directory.search(null, { pageSize: 1 });
		expect(first.people.map((p) => p.id)).toEqual([publicParts.id]);
		const second = await directory.search(null, { pageSize: 1, after: first.next! });
		expect(second.people.map((p) => p.id)).toEqual([richForMembers.id]);
	});

	it('a member’s listing counts what members see, not what peers see', async () => {
		const found = await pages(member.claims);
		expect(keyOf(found, richForMembers)).toBe('0.6');
		expect(keyOf(found, peerParts)).toBe('0.1');
		const [rich, two, peer] = order(found, richForMembers, twoForMembers, peerParts);
		expect(rich).toBeLessThan(two!);
		expect(two).toBeLessThan(peer!);
	});
});
