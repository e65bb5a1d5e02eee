/**
 * A programme's coordinators are told what waits for them: a claim to verify, a suggested edit, an
 * accepted invitation. Each verified coordinator of that programme is told; nobody else is (not a
 * pending coordinator, not another programme's, not the person who acted), and no one can write
 * such a notice themselves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as invitations from '$lib/server/db/invitations';
import * as memberships from '$lib/server/db/memberships';
import * as notifications from '$lib/server/db/notifications';
import * as suggestions from '$lib/server/db/suggestions';
import {
	addMembership,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';
import { only } from '../support/rows';

let programme: Programme;
let slug: string;
let coordinators: Person[];
let pendingCoordinator: Person;
let elsewhere: Person;
let member: Person;

beforeEach(async () => {
	programme = await createProgramme('Notice School');
	const other = await createProgramme('Other School');
	slug = await asService(
		async (sql) =>
			only(
				await sql<
					{ slug: string }[]
				>`select slug from public.programmes where id = ${programme.programmeId}`
			).slug
	);
	coordinators = [
		await createPerson({ displayName: 'First Coordinator' }),
		await createPerson({ displayName: 'Second Coordinator' })
	];
	for (const coordinator of coordinators) {
		await addMembership(coordinator, programme, 'coordinator');
	}
	pendingCoordinator = await createPerson({ displayName: 'Pending Coordinator' });
	await addMembership(pendingCoordinator, programme, 'coordinator', 'pending');
	elsewhere = await createPerson({ displayName: 'Elsewhere Coordinator' });
	await addMembership(elsewhere, other, 'coordinator');
	member = await createPerson({ displayName: 'Nadia Karimova' });
	// The pending coordinator's claim told the verified ones already; each test starts from none.
	await asService((sql) => sql`delete from public.notifications`);
});

const kinds = async (person: Person) =>
	(await notifications.list(person.claims)).items.map((n) => ({
		kind: n.kind,
		person_name: n.payload.person_name
	}));

describe('coordinators are told', () => {
	it('of a new claim: each verified coordinator, with who claims', async () => {
		const claimed = await memberships.claim(member.claims, { programme: slug, role: 'alumnus' });
		expect(claimed).toHaveProperty('id');
		for (const coordinator of coordinators) {
			expect(await kinds(coordinator)).toEqual([
				{ kind: 'claim_received', person_name: 'Nadia Karimova' }
			]);
		}
		// Nothing reaches a pending coordinator, another programme's coordinator, or the claimant.
		expect(await kinds(pendingCoordinator)).toEqual([]);
		expect(await kinds(elsewhere)).toEqual([]);
		expect(await kinds(member)).toEqual([]);
	});

	it('of a suggested edit to the programme’s page', async () => {
		await suggestions.suggest(member.claims, programme.programmeId, {
			field: null,
			value: null,
			proposal: 'The 2025 cohort met in Suva.'
		});
		for (const coordinator of coordinators) {
			expect(await kinds(coordinator)).toEqual([
				{ kind: 'suggestion_received', person_name: 'Nadia Karimova' }
			]);
		}
		expect(await kinds(elsewhere)).toEqual([]);
	});

	it('that an invitation was accepted, and not the coordinator who invited of their own acceptance', async () => {
		const token = invitations.newToken();
		await asService(
			(sql) => sql`
				insert into public.membership_invitations (programme_id, role, email, token_hash, invited_by)
				values (${programme.programmeId}, 'alumnus', ${member.email}, ${invitations.tokenHash(token)},
				        ${coordinators[0]!.id})
			`
		);
		const accepted = await invitations.accept(member.claims, { token });
		expect(accepted).toHaveProperty('membership_id');
		for (const coordinator of coordinators) {
			expect(await kinds(coordinator)).toEqual([
				{ kind: 'invitation_accepted', person_name: 'Nadia Karimova' }
			]);
		}
	});

	it('not of their own claim or suggestion', async () => {
		const [first] = coordinators;
		await suggestions.suggest(first!.claims, programme.programmeId, {
			field: null,
			value: null,
			proposal: 'Our own note.'
		});
		expect(await kinds(first!)).toEqual([]);
		expect(await kinds(coordinators[1]!)).toEqual([
			{ kind: 'suggestion_received', person_name: 'First Coordinator' }
		]);
	});

	it('and no one can write such a notice or call the helper that does', async () => {
		await expect(
			withUser(
				member.claims,
				(sql) => sql`
					insert into public.notifications (recipient_id, kind, payload)
					values (${coordinators[0]!.id}, 'claim_received', '{}')
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				member.claims,
				(sql) => sql`
					select private.notify_coordinators(${programme.programmeId}, 'claim_received', '{}', null)
				`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});
