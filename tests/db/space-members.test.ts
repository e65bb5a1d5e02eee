/**
 * A private space's doors: asking to join (once while it waits; not for members or visitors), the
 * moderators seeing who asks (whatever their profile's audience) and deciding once, the person made
 * a member and told; moderators adding someone by handle (who is told), naming moderators,
 * removing people (not a programme's members, who follow the programme). Nobody else does any of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as joinRequests from '$lib/server/db/join-requests';
import * as moderationLog from '$lib/server/db/moderation-log';
import * as spaceMembers from '$lib/server/db/space-members';
import {
	addMembership,
	createPerson,
	createProgramme,
	createSpace,
	setProfile,
	spaceOf,
	type Person
} from './factories';

let moderator: Person, member: Person, asker: Person, other: Person;
let wg: { id: string };

const kinds = (person: Person) =>
	asService(
		(sql) =>
			sql<
				{ kind: string }[]
			>`select kind from public.notifications where recipient_id = ${person.id}`
	).then((rows) => rows.map((r) => r.kind));
const isMember = (person: Person, spaceId: string) =>
	asService(
		(sql) =>
			sql`select 1 from public.space_members where space_id = ${spaceId} and profile_id = ${person.id}`
	).then((r) => r.length === 1);
const handleOf = (person: Person) =>
	asService(
		(sql) => sql<{ handle: string }[]>`select handle from public.profiles where id = ${person.id}`
	).then((r) => r[0]!.handle);

beforeAll(async () => {
	[moderator, member, asker, other] = (await Promise.all(
		Array.from({ length: 4 }, () => createPerson())
	)) as [Person, Person, Person, Person];
	wg = await createSpace(
		{ visibility: 'private', kind: 'working_group' },
		{ members: [member], moderators: [moderator] }
	);
});

describe('asking to join a private space', () => {
	it('someone outside asks once while it waits; a member does not ask', async () => {
		expect(await joinRequests.ask(asker.claims, wg.id, 'I coordinate the Nepal IGF.')).toBe(
			'asked'
		);
		expect(await joinRequests.ask(asker.claims, wg.id, null)).toBe('already');
		expect(await joinRequests.ask(member.claims, wg.id, null)).toBe('not-allowed');
		expect((await kinds(moderator)).filter((k) => k === 'space_join_requested')).toHaveLength(1);
	});

	it('the moderators see who asks, even behind a private profile; nobody else does', async () => {
		await setProfile(asker.id, { visibility: 'private' });
		const seen = await joinRequests.pending(moderator.claims, wg.id);
		expect(seen).toEqual([
			expect.objectContaining({
				message: 'I coordinate the Nepal IGF.',
				display_name: expect.any(String)
			})
		]);
		expect(await joinRequests.pending(member.claims, wg.id)).toEqual([]);
		expect(await joinRequests.pending(other.claims, wg.id)).toEqual([]);
	});

	it('only a moderator decides, once; an approval makes the member, who is told', async () => {
		const [request] = await joinRequests.pending(moderator.claims, wg.id);
		expect(await joinRequests.decide(member.claims, request!.id, 'approved', null)).toBe(false);
		expect(await joinRequests.decide(moderator.claims, request!.id, 'approved', null)).toBe(true);
		expect(await joinRequests.decide(moderator.claims, request!.id, 'declined', 'Too late')).toBe(
			false
		);
		expect(await isMember(asker, wg.id)).toBe(true);
		expect(await kinds(asker)).toContain('space_join_approved');
	});

	it('a declined request tells the person why; they may withdraw a waiting one', async () => {
		const later = await createPerson();
		await joinRequests.ask(later.claims, wg.id, null);
		const [request] = await joinRequests.pending(moderator.claims, wg.id);
		expect(
			await joinRequests.decide(
				moderator.claims,
				request!.id,
				'declined',
				'For NRI coordinators only'
			)
		).toBe(true);
		const [notice] = await asService(
			(sql) => sql<{ payload: { reason: string } }[]>`
				select payload from public.notifications where recipient_id = ${later.id} and kind = 'space_join_declined'
			`
		);
		expect(notice?.payload.reason).toBe('For NRI coordinators only');
		expect(await isMember(later, wg.id)).toBe(false);
		expect(await joinRequests.ask(later.claims, wg.id, 'Again, please')).toBe('asked');
		expect(await joinRequests.withdraw(later.claims, wg.id)).toBe(true);
		expect(await joinRequests.mine(later.claims, wg.id)).toBeNull();
	});
});

describe('the moderators’ tools', () => {
	it('add someone by handle (who is told); nobody else adds', async () => {
		expect(await spaceMembers.add(member.claims, wg.id, await handleOf(other))).toBe('not-allowed');
		expect(await spaceMembers.add(moderator.claims, wg.id, 'no-such-handle-here')).toBe(
			'no-such-person'
		);
		expect(await spaceMembers.add(moderator.claims, wg.id, await handleOf(other))).toBe('added');
		expect(await spaceMembers.add(moderator.claims, wg.id, await handleOf(other))).toBe('already');
		expect(await kinds(other)).toContain('space_added');
	});

	it('name and withdraw moderators, logged; a member does not', async () => {
		expect(await spaceMembers.change(member.claims, wg.id, other.id, { role: 'moderator' })).toBe(
			false
		);
		expect(
			await spaceMembers.change(moderator.claims, wg.id, other.id, { role: 'moderator' })
		).toBe(true);
		const log = await moderationLog.ofSpace(moderator.claims, wg.id);
		expect(log.map((e) => e.action)).toContain('make_moderator');
		expect(await spaceMembers.change(moderator.claims, wg.id, other.id, { role: 'member' })).toBe(
			true
		);
	});

	it('the member list reaches the space’s members only', async () => {
		expect((await spaceMembers.list(member.claims, wg.id)).members.length).toBeGreaterThanOrEqual(
			3
		);
		const outsider = await createPerson();
		expect((await spaceMembers.list(outsider.claims, wg.id)).members).toEqual([]);
	});

	it('remove someone who was added, not a programme’s member', async () => {
		expect(await spaceMembers.remove(member.claims, wg.id, other.id)).toBe(false);
		expect(await spaceMembers.remove(moderator.claims, wg.id, other.id)).toBe(true);
		expect(await isMember(other, wg.id)).toBe(false);
		const programme = await createProgramme('Removal School');
		const coordinator = await createPerson();
		const alumna = await createPerson();
		await addMembership(coordinator, programme, 'coordinator');
		await addMembership(alumna, programme, 'alumnus');
		const space = await spaceOf(programme);
		expect(await spaceMembers.remove(coordinator.claims, space.id, alumna.id)).toBe(false);
		expect(await isMember(alumna, space.id)).toBe(true);
	});

	it('nobody writes a request’s words or decides it as someone else', async () => {
		const late = await createPerson();
		await joinRequests.ask(late.claims, wg.id, 'Original words');
		await expect(
			withUser(
				late.claims,
				(sql) => sql`
				update public.space_join_requests set status = 'approved' where profile_id = ${late.id} returning id
			`
			)
		).resolves.toHaveLength(0);
	});
});
