/**
 * Working groups that members propose: a member proposes (three waiting at most), reads their
 * own proposal and no one else's (nor does a visitor); only an admin approves (the proposer then
 * moderates it and is told) or declines with a reason (told); the admins are told of each
 * proposal; a proposal takes no address of the spaces' own pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as spaces from '$lib/server/db/spaces';
import { asAdmin, createPerson, type Person } from './factories';

let proposer: Person, other: Person, admin: Person, adminClaims: Claims;

const proposal = (name: string) => ({
	name,
	description: 'Alumni preparing the 2027 national IGFs of West Africa together.',
	visibility: 'members' as const,
	text_language: 'en'
});

const noticesOf = (person: Person, kind: string) =>
	asService(
		(sql) => sql<{ payload: Record<string, unknown> }[]>`
			select payload from public.notifications where recipient_id = ${person.id} and kind = ${kind}
		`
	);

beforeAll(async () => {
	[proposer, other, admin] = (await Promise.all(
		Array.from({ length: 3 }, () => createPerson())
	)) as [Person, Person, Person];
	adminClaims = await asAdmin(admin);
});

describe('proposing a working group', () => {
	it('a member proposes; they read it, no one else does but admins; the admins are told', async () => {
		const made = await spaces.propose(proposer.claims, proposal('West Africa NRIs 2027'));
		expect(made).toEqual({ slug: 'west-africa-nris-2027' });
		const mine = await spaces.myProposals(proposer.claims);
		expect(mine.map((p) => [p.name, p.status])).toEqual([['West Africa NRIs 2027', 'proposed']]);
		expect(await spaces.myProposals(other.claims)).toEqual([]);
		expect(await spaces.waitingProposals(other.claims)).toEqual([]);
		expect((await spaces.waitingProposals(adminClaims)).map((p) => p.name)).toContain(
			'West Africa NRIs 2027'
		);
		const seen = await withAnon(
			(sql) => sql`select 1 from public.spaces where slug = 'west-africa-nris-2027'`
		);
		expect(seen).toHaveLength(0);
		expect(await spaces.get(other.claims, 'west-africa-nris-2027')).toBeNull();
		const told = await noticesOf(admin, 'space_proposed');
		expect(told.map((n) => n.payload.space_id)).toEqual([mine[0]!.id]);
	});

	it('the same name takes the next free address, and never one of the spaces’ own pages', async () => {
		expect(await spaces.propose(other.claims, proposal('West Africa NRIs 2027'))).toEqual({
			slug: 'west-africa-nris-2027-2'
		});
		expect(await spaces.propose(other.claims, proposal('Search'))).toEqual({ slug: 'search-2' });
		await expect(
			asService(
				(sql) => sql`
					insert into public.spaces (slug, kind, name, topic_slug) values ('proposals', 'topic', 'Proposals', 'cybersecurity')
				`
			)
		).rejects.toMatchObject({ constraint_name: 'spaces_slug_not_a_page' });
	});

	it('three proposals wait at most per person, in the server and in the database', async () => {
		expect(await spaces.propose(other.claims, proposal('A third group'))).toHaveProperty('slug');
		expect(await spaces.propose(other.claims, proposal('A fourth group'))).toBe('too-many');
		await expect(
			withUser(
				other.claims,
				(sql) => sql`
					insert into public.spaces (slug, kind, name, status, proposed_by)
					values ('a-fourth-group', 'working_group', 'A fourth group', 'proposed', ${other.id})
				`
			)
		).rejects.toThrow(/row-level security/);
	});

	it('a member may not propose an open space, nor in another’s name', async () => {
		for (const [status, by] of [
			['open', proposer.id],
			['proposed', other.id]
		] as const) {
			await expect(
				withUser(
					proposer.claims,
					(sql) => sql`
						insert into public.spaces (slug, kind, name, status, proposed_by)
						values (${`x-${status}-${by.slice(0, 4)}`}, 'working_group', 'X', ${status}, ${by})
					`
				)
			).rejects.toThrow(/row-level security/);
		}
	});
});

describe('deciding', () => {
	it('only an admin decides; approved, the proposer moderates it and is told', async () => {
		const [waiting] = await spaces.myProposals(proposer.claims);
		expect(await spaces.decideProposal(proposer.claims, waiting!.id, 'open', null)).toBe(false);
		expect(await spaces.decideProposal(other.claims, waiting!.id, 'open', null)).toBe(false);
		expect(await spaces.decideProposal(adminClaims, waiting!.id, 'open', null)).toBe(true);
		// Once: decided is decided.
		expect(await spaces.decideProposal(adminClaims, waiting!.id, 'declined', 'No')).toBe(false);
		const space = await spaces.get(proposer.claims, waiting!.slug);
		expect(space).toMatchObject({ my_role: 'moderator', moderates: true, readable: true });
		expect(await spaces.get(other.claims, waiting!.slug)).toMatchObject({ readable: true });
		const told = await noticesOf(proposer, 'space_proposal_approved');
		expect(told.map((n) => n.payload.space_id)).toEqual([waiting!.id]);
	});

	it('declined with a reason: the proposer is told why and still sees it as declined; others see nothing', async () => {
		const mine = await spaces.myProposals(other.claims);
		const search = mine.find((p) => p.slug === 'search-2')!;
		expect(
			await spaces.decideProposal(
				adminClaims,
				search.id,
				'declined',
				'Too close to an existing group.'
			)
		).toBe(true);
		const after = (await spaces.myProposals(other.claims)).find((p) => p.id === search.id);
		expect(after).toMatchObject({
			status: 'declined',
			decline_reason: 'Too close to an existing group.'
		});
		const told = await noticesOf(other, 'space_proposal_declined');
		expect(told.map((n) => n.payload.reason)).toEqual(['Too close to an existing group.']);
		expect(await spaces.get(proposer.claims, 'search-2')).toBeNull();
	});
});
