/**
 * @mention suggestions (private.mention_candidates, through db/mentions.ts as the writer): only
 * people who read the space, only names the writer may already see (the space's members, or a
 * profile whose audience reaches the writer), nothing about a space the writer does not read, and
 * never the writer themself.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon } from '$lib/server/db/client';
import * as mentions from '$lib/server/db/mentions';
import { createPerson, createSpace, createThread, setProfile, type Person } from './factories';

// A word no other test's names hold, so that the suggestions are these people's only.
const WORD = `Quillon${randomUUID().slice(0, 6)}`;
let writer: Person, colleague: Person, outsider: Person, privateProfile: Person;
let privateAuthor: Person, stranger: Person;
let closed: { id: string; slug: string }, open: { id: string; slug: string };

const names = (found: { display_name: string }[]) => found.map((c) => c.display_name).sort();

beforeAll(async () => {
	[writer, colleague, outsider, privateProfile, privateAuthor, stranger] = await Promise.all([
		createPerson({ displayName: `Wren ${WORD}` }),
		createPerson({ displayName: `Cleo ${WORD}` }),
		createPerson({ displayName: `Otis ${WORD}` }),
		createPerson({ displayName: `Pia ${WORD}` }),
		createPerson({ displayName: `Paz ${WORD}` }),
		createPerson({ displayName: 'Stella Stranger' })
	]);
	// Kept to themselves: suggested only where their name is already shown (a space they are in).
	await setProfile(privateProfile.id, { visibility: 'private' });
	await setProfile(privateAuthor.id, { visibility: 'private' });
	[closed, open] = await Promise.all([
		createSpace(
			{ kind: 'working_group', visibility: 'private', name: 'Drafting group' },
			{ moderators: [writer], members: [colleague] }
		),
		createSpace({ name: 'Open topic' }, { moderators: [writer] })
	]);
	// Paz keeps her profile to herself but takes part in the open space: its readers see her name.
	await asService(
		(sql) => sql`
			insert into public.space_members (space_id, profile_id, role, via)
			values (${open.id}, ${privateAuthor.id}, 'member', 'joined')
		`
	);
	await createThread(open.id, privateAuthor, { title: 'A question' });
});

describe('who a writer may mention', () => {
	it('in a private space: its members only, and nobody outside it learns who they are', async () => {
		expect(names(await mentions.candidates(writer.claims, closed.slug, WORD))).toEqual([
			`Cleo ${WORD}`
		]);
		// Someone outside the space, even a member of the network, gets no one (not even the names).
		expect(await mentions.candidates(stranger.claims, closed.slug, WORD)).toEqual([]);
		expect(await mentions.candidates(outsider.claims, closed.slug, 'Cleo')).toEqual([]);
	});

	it('in a public space: whoever reads it, among the names the writer may see', async () => {
		const found = names(await mentions.candidates(writer.claims, open.slug, WORD));
		// Otis and Cleo share their profiles with members; Paz is private but takes part in the space.
		expect(found).toEqual([`Cleo ${WORD}`, `Otis ${WORD}`, `Paz ${WORD}`]);
		// Pia keeps her profile to herself and has not taken part: never suggested.
		expect(found).not.toContain(`Pia ${WORD}`);
		// The writer is never suggested to themself; the others see the writer.
		expect(names(await mentions.candidates(colleague.claims, open.slug, 'Wren'))).toContain(
			`Wren ${WORD}`
		);
	});

	it('the people in the space come first, by handle as by name', async () => {
		const found = await mentions.candidates(writer.claims, open.slug, WORD);
		expect(found[0]?.display_name).toBe(`Paz ${WORD}`);
		const [handle] = (await mentions.candidates(writer.claims, open.slug, 'Cleo')).map(
			(c) => c.handle
		);
		expect(handle).toBeTruthy();
		expect(
			(await mentions.candidates(writer.claims, open.slug, handle!)).map((c) => c.handle)
		).toContain(handle);
	});

	it('too little typed, a wildcard, or a space that does not exist suggests nobody', async () => {
		expect(await mentions.candidates(writer.claims, open.slug, 'C')).toEqual([]);
		expect(await mentions.candidates(writer.claims, open.slug, '%%')).toEqual([]);
		expect(await mentions.candidates(writer.claims, open.slug, '__')).toEqual([]);
		expect(await mentions.candidates(writer.claims, 'no-such-space', WORD)).toEqual([]);
	});

	it('a visitor may not ask at all', async () => {
		await expect(
			withAnon((sql) => sql`select * from private.mention_candidates(${open.id}, ${WORD})`)
		).rejects.toThrow(/permission denied/);
	});
});
