/** "Download my data": everything about the person, read under RLS, and nothing about anyone else. */
import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as profiles from '$lib/server/db/profiles';
import * as suggestions from '$lib/server/db/suggestions';
import {
	addMembership,
	createPerson,
	createProgramme,
	createSpace,
	createThread,
	type Person,
	type Programme
} from './factories';

/** An invitation as a coordinator's invite writes it (test setup, as the service). */
const invite = (programme: Programme, by: Person, email: string) =>
	asService(
		(sql) => sql`
			insert into public.membership_invitations (programme_id, role, email, token_hash, invited_by)
			values (${programme.programmeId}, 'alumnus', ${email},
			        ${createHash('sha256').update(randomBytes(32)).digest('hex')}, ${by.id})
		`
	);

/** A notice, as the triggers write them (test setup, as the service). */
const notify = (person: Person, programme: string) =>
	asService(
		(sql) => sql`
			insert into public.notifications (recipient_id, kind, payload)
			values (${person.id}, 'membership_verified', ${sql.json({ programme })})
		`
	);

describe('the data export', () => {
	let member: Person;
	let coordinator: Person;
	let other: Person;
	beforeAll(async () => {
		const programme = await createProgramme('Export School');
		[member, coordinator, other] = await Promise.all([
			createPerson({ displayName: 'Exporting Member' }),
			createPerson({ displayName: 'Inviting Coordinator' }),
			createPerson({ displayName: 'Someone Else' })
		]);
		await addMembership(coordinator, programme, 'coordinator');
		await suggestions.suggest(member.claims, programme.programmeId, {
			field: null,
			value: null,
			proposal: 'The 2026 cohort met in Kingston, not Bridgetown.'
		});
		await suggestions.suggest(other.claims, programme.programmeId, {
			field: null,
			value: null,
			proposal: 'Someone else’s suggestion, not the member’s.'
		});
		await invite(programme, coordinator, member.email);
		await invite(programme, coordinator, other.email);
		await notify(member, 'Export School');
		await notify(other, 'Not for the member');
	});

	it('holds the person’s suggestions, notifications and the invitations addressed to them', async () => {
		const data = await profiles.exportMine(member.claims);
		expect(data.suggestions).toEqual([
			expect.objectContaining({
				programme: 'Export School',
				proposal: 'The 2026 cohort met in Kingston, not Bridgetown.',
				status: 'pending'
			})
		]);
		// The invitation's own notice, and the decision's.
		expect(data.notifications.map((n) => n.kind).sort()).toEqual([
			'invitation',
			'membership_verified'
		]);
		expect(data.invitations).toEqual([
			expect.objectContaining({ direction: 'received', email: member.email, status: 'pending' })
		]);
		const text = JSON.stringify(data);
		expect(text).not.toContain(other.email);
		expect(text).not.toContain('Someone else’s suggestion');
		expect(text).not.toContain('Not for the member');
	});

	it('holds the invitations a coordinator sent, without their tokens', async () => {
		const data = await profiles.exportMine(coordinator.claims);
		expect(data.invitations.map((i) => [i.direction, i.email]).sort()).toEqual(
			[
				['sent', member.email],
				['sent', other.email]
			].sort()
		);
		expect(JSON.stringify(data)).not.toMatch(/token|[0-9a-f]{64}/);
		expect(data.suggestions).toEqual([]);
		// As a coordinator they were told of the two suggested edits to their programme.
		expect(
			data.notifications.map((n) => [n.kind, (n.payload as { person_name: string }).person_name])
		).toEqual([
			['suggestion_received', 'Exporting Member'],
			['suggestion_received', 'Someone Else']
		]);
	});

	it('holds what the person wrote and did in the spaces, and their e-mail settings; not others’', async () => {
		const writer = await createPerson();
		const space = await createSpace({ visibility: 'public' }, { members: [writer, other] });
		await createThread(space.id, writer, { title: 'My own thread', replies: 1 });
		await createThread(space.id, other, { title: 'Their thread' });
		await asService(
			(sql) => sql`
				insert into public.mail_settings (profile_id, mentions, watching, coordination)
				values (${writer.id}, 'daily', 'off', 'off')
			`
		);
		const data = await profiles.exportMine(writer.claims);
		expect(data.spaces).toEqual([
			expect.objectContaining({ space_slug: space.slug, role: 'member' })
		]);
		expect(data.posts.map((p) => [p.thread, p.number, p.body])).toEqual([
			['My own thread', 1, 'Post 1'],
			['My own thread', 2, 'Post 2']
		]);
		expect(data.mail_settings).toMatchObject({ mentions: 'daily', watching: 'off' });
		expect(data.events).toEqual([]);
		expect(data.proposals).toEqual([]);
		expect(JSON.stringify(data)).not.toContain('Their thread');
	});
});
