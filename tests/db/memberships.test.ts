import { createHash, randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as invitations from '$lib/server/db/invitations';
import * as memberships from '$lib/server/db/memberships';
import * as notifications from '$lib/server/db/notifications';
import {
	addMembership,
	createPerson,
	createProgramme,
	refuseInvitationsTo,
	type Person,
	type Programme
} from './factories';

type Sql = postgres.TransactionSql;

/** The site's address in the invitation mails' links. */
const ORIGIN = 'http://localhost:3000';
const newToken = () => randomBytes(32).toString('base64url');
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** An invitation written by a coordinator, as the API would. */
async function invite(
	coordinator: Person,
	programme: Programme,
	email: string,
	extra: Record<string, unknown> = {}
) {
	const token = newToken();
	const [row] = await withUser(
		coordinator.claims,
		(sql) => sql<{ id: string }[]>`
			insert into public.membership_invitations ${sql({
				programme_id: programme.programmeId,
				cohort_id: programme.cohortId,
				role: 'alumnus',
				email,
				name: 'Invitee',
				token_hash: hashOf(token),
				invited_by: coordinator.id,
				...extra
			})}
			returning id
		`
	);
	return { id: row!.id, token };
}

const accept = (person: Person, token: string) =>
	withUser(
		person.claims,
		(sql) => sql<{ id: string }[]>`select private.accept_invitation(${token}) as id`
	);

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

describe('notifications', () => {
	let programme: Programme, coordinator: Person;

	beforeAll(async () => {
		programme = await createProgramme('Notice School');
		coordinator = await createPerson();
		await addMembership(coordinator, programme, 'coordinator');
	});

	const claimOf = async (person: Person) => {
		await addMembership(person, programme, 'alumnus', 'pending');
		const [row] = await asService(
			(sql) =>
				sql<{ id: string }[]>`select id from public.memberships where profile_id = ${person.id}`
		);
		return row!.id;
	};

	const decide = (id: string, status: 'verified' | 'declined', reason: string | null = null) =>
		withUser(
			coordinator.claims,
			(sql) => sql`
				update public.memberships
				set status = ${status}, decided_by = ${coordinator.id}, decided_at = now(), decline_reason = ${reason}
				where id = ${id}
			`
		);

	const mine = (person: Person) =>
		withUser(
			person.claims,
			(sql) => sql<{ id: string; kind: string; payload: Record<string, unknown> }[]>`
				select id, kind, payload from public.notifications order by created_at
			`
		);

	it('a decision tells the claimant, in the table and on their private topic', async () => {
		const person = await createPerson();
		await decide(await claimOf(person), 'declined', 'Not on our list.');
		const [notice] = await mine(person);
		expect(notice).toMatchObject({
			kind: 'membership_declined',
			payload: {
				programme_name: 'Notice School',
				cohort_edition: '2025',
				reason: 'Not on our list.'
			}
		});
		const sent = await asService(
			(sql) => sql`
				select event, payload ->> 'kind' as kind from realtime.messages where topic = ${'user:' + person.id}
			`
		);
		expect(sent).toEqual([{ event: 'notification', kind: 'membership_declined' }]);
	});

	it('only the recipient reads a notification and marks it read', async () => {
		const [person, other] = await Promise.all([createPerson(), createPerson()]);
		await decide(await claimOf(person), 'verified');
		const [notice] = await mine(person);
		expect(notice?.kind).toBe('membership_verified');
		expect(await mine(other)).toHaveLength(0);
		expect(
			await withAnon((sql) => sql`select 1 from public.notifications`).catch((e) => e)
		).toMatchObject({ code: '42501' });
		const markedByOther = await withUser(
			other.claims,
			(sql) =>
				sql`update public.notifications set read_at = now() where id = ${notice!.id} returning id`
		);
		expect(markedByOther).toHaveLength(0);
		const marked = await withUser(
			person.claims,
			(sql) =>
				sql`update public.notifications set read_at = now() where id = ${notice!.id} returning id`
		);
		expect(marked).toHaveLength(1);
	});

	it('nobody writes notifications through the API, not even to themselves', async () => {
		const person = await createPerson();
		await expect(
			withUser(
				person.claims,
				(sql) =>
					sql`insert into public.notifications (recipient_id, kind) values (${person.id}, 'invitation')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`select public.notify(${person.id}, 'invitation', '{}')`)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`delete from public.notifications`)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`update public.notifications set kind = 'invitation'`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('an invitation to an address with an account tells that person', async () => {
		const person = await createPerson();
		await invite(coordinator, programme, person.email);
		const [notice] = await mine(person);
		expect(notice).toMatchObject({
			kind: 'invitation',
			payload: { programme_name: 'Notice School' }
		});
	});
});

describe('claims name a cohort of their own programme', () => {
	it('refuses a claim with another programme’s cohort', async () => {
		const [one, two] = await Promise.all([createProgramme('One'), createProgramme('Two')]);
		const person = await createPerson();
		await expect(
			withUser(
				person.claims,
				(sql) => sql`
					insert into public.memberships (profile_id, programme_id, cohort_id, role)
					values (${person.id}, ${one.programmeId}, ${two.cohortId}, 'alumnus')
				`
			)
		).rejects.toMatchObject({ code: '23514' });
	});
});

describe('the memberships module, through withUser', () => {
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

	it('members_among answers only a coordinator of the programme', async () => {
		const ask = (person: Person) =>
			withUser(
				person.claims,
				(sql) =>
					sql`select email from private.members_among(${programme.programmeId}, ${[member.email]})`
			);
		expect(await ask(coordinator)).toEqual([{ email: member.email }]);
		expect(await ask(member)).toEqual([]);
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

	it('claim, decide, notify and list: the whole journey', async () => {
		const person = await createPerson({ displayName: 'Zed Journey' });
		const [slug] = await asService(
			(sql) =>
				sql<
					{ slug: string }[]
				>`select slug from public.programmes where id = ${programme.programmeId}`
		);
		expect(
			await memberships.claim(person.claims, { programme: 'no-such', role: 'alumnus' })
		).toMatchObject({ field: 'programme' });
		expect(
			await memberships.claim(person.claims, {
				programme: slug!.slug,
				cohort: '1999',
				role: 'alumnus'
			})
		).toMatchObject({ field: 'cohort' });
		const claimed = await memberships.claim(person.claims, {
			programme: slug!.slug,
			cohort: '2025',
			role: 'alumnus'
		});
		if (!('id' in claimed)) throw new Error('not claimed');
		expect(
			await memberships.claim(person.claims, {
				programme: slug!.slug,
				cohort: '2025',
				role: 'alumnus'
			})
		).toMatchObject({ field: 'form' });
		expect(await memberships.pendingFor(member.claims, programme.programmeId)).toEqual([]);
		const pending = await memberships.pendingFor(coordinator.claims, programme.programmeId);
		expect(pending.map((p) => p.display_name)).toContain('Zed Journey');
		expect(
			await memberships.decide(member.claims, programme.programmeId, claimed.id, {
				decision: 'verify'
			})
		).toBe(false);
		expect(
			await memberships.decide(coordinator.claims, programme.programmeId, claimed.id, {
				decision: 'verify'
			})
		).toBe(true);
		const { items, unread } = await notifications.recent(person.claims);
		expect(unread.count).toBe(1);
		expect(items[0]).toMatchObject({ kind: 'membership_verified' });
		await notifications.markRead(person.claims);
		expect((await notifications.recent(person.claims)).unread.count).toBe(0);

		const first = await memberships.alumniOf(member.claims, programme.programmeId, { limit: 1 });
		expect(first.more).toBe(true);
		const everyone = [...first.people];
		let after = first.people.at(-1);
		while (after) {
			const page = await memberships.alumniOf(member.claims, programme.programmeId, {
				limit: 1,
				after
			});
			everyone.push(...page.people);
			after = page.more ? page.people.at(-1) : undefined;
		}
		expect(everyone.map((p) => p.display_name)).toContain('Zed Journey');
		const alumni = await memberships.alumniOf(member.claims, programme.programmeId, {
			role: 'alumnus',
			cohortId: programme.cohortId
		});
		expect(alumni.people.every((p) => p.role === 'alumnus' && p.cohort_edition === '2025')).toBe(
			true
		);
	});
});

describe('the hot queries have indexes', () => {
	/** The plan's text with sequential scans ruled out: an index is used when one fits. */
	const plan = (query: string) =>
		asService(async (sql) => {
			await sql`set local enable_seqscan = off`;
			const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
	const id = '00000000-0000-0000-0000-000000000000';

	it.each([
		[
			'a person’s newest notifications',
			`select id from public.notifications where recipient_id = '${id}' order by created_at desc, id desc limit 20`,
			'notifications_recipient_id_created_at_id_idx'
		],
		[
			'an invitation by its token',
			`select id from public.membership_invitations where token_hash = '${'0'.repeat(64)}'`,
			'membership_invitations_token_hash_key'
		],
		[
			'a programme’s invitations, newest first',
			`select id from public.membership_invitations where programme_id = '${id}' order by created_at desc, id limit 500`,
			'membership_invitations_programme_id_created_at_idx'
		],
		[
			'open invitations to an address',
			`select id from public.membership_invitations where status = 'pending' and email = 'a@example.test'`,
			'membership_invitations_'
		],
		[
			'a programme’s verified members',
			`select id from public.memberships where programme_id = '${id}' and status = 'verified'`,
			'memberships_programme_id_status_idx'
		]
	])('%s', async (_, query, index) => {
		expect(await plan(query)).toContain(index);
	});
});
