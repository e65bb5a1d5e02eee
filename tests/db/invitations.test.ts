/**
 * Invitations: who may invite whom, accepting by token, and the invitations module (rosters, the
 * invitee's view, the link preview) through withUser.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as invitations from '$lib/server/db/invitations';
import * as memberships from '$lib/server/db/memberships';
import {
	addMembership,
	createPerson,
	createProgramme,
	refuseInvitationsTo,
	type Person,
	type Programme
} from './factories';
import { accept, hashOf, invite, newToken, ORIGIN } from './invitation-rows';

type Sql = postgres.TransactionSql;

describe('membership invitations', () => {
	let programme: Programme, elsewhere: Programme;
	let coordinator: Person, otherCoordinator: Person, member: Person, invitee: Person;

	beforeAll(async () => {
		[programme, elsewhere] = await Promise.all([
			createProgramme('Invite School'),
			createProgramme('Elsewhere School')
		]);
		[coordinator, otherCoordinator, member, invitee] = await Promise.all([
			createPerson(),
			createPerson(),
			createPerson(),
			createPerson()
		]);
		await addMembership(coordinator, programme, 'coordinator');
		await addMembership(otherCoordinator, elsewhere, 'coordinator');
		await addMembership(member, programme, 'alumnus');
	});

	it('a coordinator invites to their programme and reads its invitations', async () => {
		const { id } = await invite(coordinator, programme, 'new-person@example.test');
		const rows = await withUser(
			coordinator.claims,
			(sql) => sql`select id, status from public.membership_invitations where id = ${id}`
		);
		expect(rows).toEqual([{ id, status: 'pending' }]);
	});

	it('nobody else invites: a member, the coordinator of another programme, a visitor', async () => {
		await expect(invite(member, programme, 'x1@example.test')).rejects.toMatchObject({
			code: '42501'
		});
		await expect(invite(otherCoordinator, programme, 'x2@example.test')).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			withAnon(
				(sql) => sql`
					insert into public.membership_invitations (programme_id, role, email, token_hash)
					values (${programme.programmeId}, 'alumnus', 'x3@example.test', ${hashOf('x')})
				`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a coordinator cannot invite in someone else’s name, nor as already accepted', async () => {
		await expect(
			invite(coordinator, programme, 'x4@example.test', { invited_by: member.id })
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			invite(coordinator, programme, 'x5@example.test', { accepted_by: member.id })
		).rejects.toMatchObject({ code: '42501' });
	});

	it('an invitation names a cohort of its own programme', async () => {
		await expect(
			invite(coordinator, programme, 'x6@example.test', { cohort_id: elsewhere.cohortId })
		).rejects.toMatchObject({ code: '23514' });
	});

	it('one open invitation per address, programme, role and cohort', async () => {
		await invite(coordinator, programme, 'twice@example.test');
		await expect(invite(coordinator, programme, 'twice@example.test')).rejects.toMatchObject({
			code: '23505'
		});
		await invite(coordinator, programme, 'twice@example.test', { role: 'trainer' });
		await invite(coordinator, programme, 'twice@example.test', { cohort_id: null });
	});

	it('others see no invitations: a member, another coordinator, a visitor', async () => {
		await invite(coordinator, programme, 'hidden@example.test');
		const query = (sql: Sql) =>
			sql`select id from public.membership_invitations where programme_id = ${programme.programmeId}`;
		expect(await withUser(member.claims, query)).toHaveLength(0);
		expect(await withUser(otherCoordinator.claims, query)).toHaveLength(0);
		await expect(withAnon(query)).rejects.toMatchObject({ code: '42501' });
	});

	it('the invitee sees the open invitation to their own address, and only that', async () => {
		const { id } = await invite(coordinator, programme, invitee.email);
		const rows = await withUser(
			invitee.claims,
			(sql) => sql<{ id: string }[]>`select id from public.membership_invitations`
		);
		expect(rows.map((r) => r.id)).toEqual([id]);
	});

	it('a coordinator revokes an invitation; a member or another coordinator cannot', async () => {
		const { id } = await invite(coordinator, programme, 'revoke-me@example.test');
		const revoke = (person: Person) =>
			withUser(
				person.claims,
				(sql) => sql`
					update public.membership_invitations set status = 'revoked' where id = ${id} returning id
				`
			);
		expect(await revoke(member)).toHaveLength(0);
		expect(await revoke(otherCoordinator)).toHaveLength(0);
		expect(await revoke(coordinator)).toHaveLength(1);
		// Revoked is final: not reopened, not accepted by a coordinator's hand.
		await expect(
			withUser(
				coordinator.claims,
				(sql) => sql`update public.membership_invitations set status = 'revoked' where id = ${id}`
			)
		).rejects.toMatchObject({ code: '55000' });
	});

	it('a coordinator cannot mark an invitation accepted or change its address', async () => {
		const { id } = await invite(coordinator, programme, 'no-accept@example.test');
		const changed = await withUser(
			coordinator.claims,
			(sql) => sql`update public.membership_invitations set status = 'accepted' where id = ${id}`
		).catch((e: unknown) => e);
		expect(changed).toMatchObject({ code: '42501' });
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.membership_invitations set email = 'other@example.test' where id = ${id}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('accept_invitation', () => {
	let programme: Programme, coordinator: Person;

	beforeAll(async () => {
		programme = await createProgramme('Accept School');
		coordinator = await createPerson();
		await addMembership(coordinator, programme, 'coordinator');
	});

	it('links the signed-in invitee: a verified membership, decided by the inviter', async () => {
		const person = await createPerson();
		const { id, token } = await invite(coordinator, programme, person.email.toLowerCase());
		const [accepted] = await accept(person, token);
		const [membership] = await asService(
			(sql) => sql`
				select profile_id, cohort_id, role, status, decided_by from public.memberships
				where id = ${accepted!.id}
			`
		);
		expect(membership).toEqual({
			profile_id: person.id,
			cohort_id: programme.cohortId,
			role: 'alumnus',
			status: 'verified',
			decided_by: coordinator.id
		});
		const [invitation] = await asService(
			(sql) => sql`select status, accepted_by from public.membership_invitations where id = ${id}`
		);
		expect(invitation).toEqual({ status: 'accepted', accepted_by: person.id });
	});

	it('clears the invitee’s notice of it once accepted; a withdrawn one clears too', async () => {
		const person = await createPerson();
		const unread = () =>
			asService(
				(sql) => sql<{ id: string; invitation: string }[]>`
					select id, payload ->> 'invitation_id' as invitation from public.notifications
					where recipient_id = ${person.id} and kind = 'invitation' and read_at is null
				`
			);
		const first = await invite(coordinator, programme, person.email.toLowerCase());
		const other = await createProgramme('Second Accept School');
		const otherCoordinator = await createPerson();
		await addMembership(otherCoordinator, other, 'coordinator');
		const second = await invite(otherCoordinator, other, person.email.toLowerCase());
		expect((await unread()).map((n) => n.invitation).sort()).toEqual([first.id, second.id].sort());

		await accept(person, first.token);
		expect((await unread()).map((n) => n.invitation)).toEqual([second.id]);
		await withUser(
			otherCoordinator.claims,
			(sql) =>
				sql`update public.membership_invitations set status = 'revoked' where id = ${second.id}`
		);
		expect(await unread()).toEqual([]);
	});

	it('turns the person’s own pending claim into a verified membership', async () => {
		const person = await createPerson();
		await addMembership(person, programme, 'alumnus', 'pending');
		const { token } = await invite(coordinator, programme, person.email);
		await accept(person, token);
		const rows = await asService(
			(sql) => sql`select status from public.memberships where profile_id = ${person.id}`
		);
		expect(rows).toEqual([{ status: 'verified' }]);
	});

	it('refuses a used token', async () => {
		const person = await createPerson();
		const { token } = await invite(coordinator, programme, person.email);
		await accept(person, token);
		await expect(accept(person, token)).rejects.toThrow('already accepted');
	});

	it('refuses an expired token', async () => {
		const person = await createPerson();
		const { id, token } = await invite(coordinator, programme, person.email);
		// Test setup: time passes.
		await asService(
			(sql) =>
				sql`update public.membership_invitations set expires_at = now() - interval '1 minute' where id = ${id}`
		);
		await expect(accept(person, token)).rejects.toThrow('expired');
	});

	it('refuses a revoked invitation', async () => {
		const person = await createPerson();
		const { id, token } = await invite(coordinator, programme, person.email);
		await withUser(
			coordinator.claims,
			(sql) => sql`update public.membership_invitations set status = 'revoked' where id = ${id}`
		);
		await expect(accept(person, token)).rejects.toThrow('withdrawn');
	});

	it('refuses someone signed in with another address', async () => {
		const [person, stranger] = await Promise.all([createPerson(), createPerson()]);
		const { token } = await invite(coordinator, programme, person.email);
		await expect(accept(stranger, token)).rejects.toThrow('another e-mail address');
		const rows = await asService(
			(sql) => sql`select 1 from public.memberships where profile_id = ${stranger.id}`
		);
		expect(rows).toHaveLength(0);
	});

	it('refuses an unknown token and a visitor', async () => {
		const person = await createPerson();
		await expect(accept(person, newToken())).rejects.toThrow('not valid');
		await expect(
			withAnon((sql) => sql`select private.accept_invitation(${newToken()})`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('accepts by id from the app, for the invitee only', async () => {
		const [person, stranger] = await Promise.all([createPerson(), createPerson()]);
		const { id } = await invite(coordinator, programme, person.email);
		await expect(
			withUser(stranger.claims, (sql) => sql`select private.accept_invitation_by_id(${id})`)
		).rejects.toThrow('another e-mail address');
		await withUser(person.claims, (sql) => sql`select private.accept_invitation_by_id(${id})`);
		const rows = await asService(
			(sql) => sql`select status from public.memberships where profile_id = ${person.id}`
		);
		expect(rows).toEqual([{ status: 'verified' }]);
	});
});

describe('the invitations module, through withUser', () => {
	let programme: Programme, coordinator: Person, member: Person;
	const roster = (text: string) => new TextEncoder().encode(text);

	beforeAll(async () => {
		programme = await createProgramme('Module School');
		[coordinator, member] = await Promise.all([createPerson(), createPerson()]);
		await addMembership(coordinator, programme, 'coordinator');
		await addMembership(member, programme, 'alumnus');
	});

	it('imports the good rows of a roster and reports the bad ones by line', async () => {
		await invitations.invite(
			coordinator.claims,
			programme.programmeId,
			{ email: 'invited-before@example.test', role: 'alumnus', cohort: '2025' },
			ORIGIN
		);
		const result = await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster(
				[
					'name,email,role,cohort',
					'Ana,ana@example.test,alumnus,2025',
					'No Mail,,alumnus,2025',
					`Member,${member.email},alumnus,2025`,
					'Before,invited-before@example.test,alumnus,2025',
					'Ana,ana@example.test,alumnus,2025',
					'Lost,lost@example.test,alumnus,1999',
					'Ben,ben@example.test,trainer,'
				].join('\n')
			),
			ORIGIN
		);
		if ('limited' in result) throw new Error(result.message);
		expect(result.invited.map((i) => [i.line, i.email])).toEqual([
			[2, 'ana@example.test'],
			[8, 'ben@example.test']
		]);
		expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
		const open = await invitations.of(coordinator.claims, programme.programmeId);
		expect(open.map((i) => i.email).sort()).toEqual([
			'ana@example.test',
			'ben@example.test',
			'invited-before@example.test'
		]);
	});

	it('imports nothing when the database refuses one good row', async () => {
		const allow = await refuseInvitationsTo('boom@example.test');
		await expect(
			invitations.importRoster(
				coordinator.claims,
				programme.programmeId,
				roster(
					'name,email,role,cohort\nA,atomic-a@example.test,alumnus,\nB,boom@example.test,alumnus,\n'
				),
				ORIGIN
			)
		).rejects.toThrow('boom');
		const rows = await asService(
			(sql) => sql`select 1 from public.membership_invitations where email like 'atomic-%'`
		);
		expect(rows).toHaveLength(0);
		await allow();
	});

	it('a member cannot import a roster: the policy refuses and nothing is written', async () => {
		await expect(
			invitations.importRoster(
				member.claims,
				programme.programmeId,
				roster('name,email,role,cohort\nA,not-allowed@example.test,alumnus,\n'),
				ORIGIN
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('an invitee sees the invitation in the app and accepts it; the link preview shows it', async () => {
		const invitee = await createPerson();
		const sent = await invitations.invite(
			coordinator.claims,
			programme.programmeId,
			{ email: invitee.email, role: 'trainer' },
			ORIGIN
		);
		if (!('token' in sent)) throw new Error('not invited');
		expect(await invitations.preview(null, sent.token)).toMatchObject({
			programme_name: 'Module School',
			role: 'trainer',
			status: 'pending',
			expired: false
		});
		expect(await invitations.preview(null, 'nope')).toBeUndefined();
		const mine = await invitations.toMe(invitee.claims);
		expect(mine.map((i) => i.id)).toEqual([sent.id]);
		expect(await invitations.accept(invitee.claims, { id: sent.id })).toHaveProperty(
			'membership_id'
		);
		expect(await invitations.accept(invitee.claims, { token: sent.token })).toEqual({
			message: 'This invitation was already accepted.'
		});
		const badges = await memberships.verifiedOf(member.claims, invitee.id);
		expect(badges).toEqual([
			{
				programme_slug: expect.any(String),
				programme_name: 'Module School',
				cohort_edition: null,
				role: 'trainer'
			}
		]);
	});
});
