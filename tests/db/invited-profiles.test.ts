/**
 * A person invited by a coordinator has an account (Auth's invite makes one) and so a profile, named
 * as the coordinator typed it. Until they confirm their address (follow the invitation's link), no
 * one else finds that profile anywhere: not its page, the directory, a programme's people, the
 * badges, the suggestions. After they confirm, members do.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as memberships from '$lib/server/db/memberships';
import * as directory from '$lib/server/db/directory';
import * as profiles from '$lib/server/db/profiles';
import {
	addMembership,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';
import { only } from '../support/rows';

const NAME = 'Zanele Okonkwo-Mbeki';

/** An account as Auth's inviteUserByEmail makes it: invited, not confirmed, the typed name. */
async function invitedPerson(): Promise<Person> {
	const id = randomUUID();
	const email = `invited-${id.slice(0, 8)}@example.test`;
	// Test setup writes auth.users directly, as the auth service does.
	await asService(
		(sql) => sql`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password, invited_at,
			                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, '',
			        now(), ${sql.json({ provider: 'email', providers: ['email'] })},
			        ${sql.json({ display_name: NAME })}, now(), now())
		`
	);
	const claims: Claims = { sub: id, role: 'authenticated', aud: 'authenticated', email };
	return { id, email, claims };
}

/** Auth confirms the address when the invitation's link is followed. */
const confirm = (person: Person) =>
	asService((sql) => sql`update auth.users set email_confirmed_at = now() where id = ${person.id}`);

let member: Person;
let peer: Person;
let programme: Programme;
let other: Programme;

beforeAll(async () => {
	member = await createPerson({ displayName: 'Amina Diallo' });
	peer = await createPerson({ displayName: 'Kwame Mensah' });
	programme = await createProgramme('Monsoon School');
	other = await createProgramme('Savannah School');
	await addMembership(peer, programme, 'alumnus');
	await addMembership(member, other, 'alumnus');
	// The member shares a topic with whoever the suggestions might offer.
	await asService(
		(sql) =>
			sql`insert into public.profile_topics (profile_id, topic_slug) values (${member.id}, 'cybersecurity')`
	);
});

/** Everything a viewer could find the person by, read through the app's own modules. */
async function seenBy(viewer: Person | null, invited: Person, handle: string) {
	const claims = viewer?.claims ?? null;
	const [page, named, browsed] = await Promise.all([
		profiles.getByHandle(claims, handle),
		directory.search(claims, { q: 'Zanele Okonkwo' }),
		directory.search(claims, { sort: 'newest', pageSize: 100 })
	]);
	const found = {
		page: !!page,
		search: named.people.some((p) => p.id === invited.id),
		directory: browsed.people.some((p) => p.id === invited.id),
		row: false,
		programmePeople: false,
		badges: false,
		suggestions: false
	};
	if (viewer) {
		const [rows, people, badges, like] = await Promise.all([
			withUser(
				viewer.claims,
				(sql) => sql`select id from public.profiles where id = ${invited.id}`
			),
			memberships.alumniOf(viewer.claims, programme.programmeId),
			memberships.verifiedOf(viewer.claims, invited.id),
			directory.peopleLikeMe(viewer.claims, 24)
		]);
		found.row = rows.length === 1;
		found.programmePeople = people.people.some((p) => p.handle === handle);
		found.badges = badges.length > 0;
		found.suggestions = like.some((p) => p.id === invited.id);
	}
	return found;
}

const nowhere = {
	page: false,
	search: false,
	directory: false,
	row: false,
	programmePeople: false,
	badges: false,
	suggestions: false
};

describe('an invited person who has not joined', () => {
	it('is found nowhere by members, programme peers or visitors, even with a verified membership and a public profile; after confirming, members find them', async () => {
		const invited = await invitedPerson();
		// The worst case: the service gave the person what would make them findable everywhere.
		await addMembership(invited, programme, 'alumnus');
		await asService(
			(sql) =>
				sql`insert into public.profile_topics (profile_id, topic_slug) values (${invited.id}, 'cybersecurity')`
		);
		await setProfile(invited.id, { visibility: 'public', headline: 'Policy analyst' });
		const { handle, visibility } = only(
			await asService(
				(sql) =>
					sql<
						{ handle: string; visibility: string }[]
					>`select handle, visibility from public.profiles where id = ${invited.id}`
			)
		);
		expect(visibility).toBe('private');

		expect(await seenBy(null, invited, handle), 'a visitor').toEqual(nowhere);
		expect(await seenBy(member, invited, handle), 'a member').toEqual(nowhere);
		expect(await seenBy(peer, invited, handle), 'a programme peer').toEqual(nowhere);
		// They see their own profile.
		expect((await profiles.getOwn(invited.claims)).display_name).toBe(NAME);

		await confirm(invited);

		expect(await seenBy(null, invited, handle), 'a visitor after joining').toEqual(nowhere);
		const joined = {
			page: true,
			search: true,
			directory: true,
			row: true,
			programmePeople: true,
			badges: true
		};
		// A member who has not asked for suggestions yet (each server keeps a member's for minutes).
		const later = await createPerson({ displayName: 'Chipo Banda' });
		await addMembership(later, other, 'alumnus');
		await asService(
			(sql) =>
				sql`insert into public.profile_topics (profile_id, topic_slug) values (${later.id}, 'cybersecurity')`
		);
		expect(await seenBy(later, invited, handle), 'a member after joining').toEqual({
			...joined,
			suggestions: true
		});
		expect(await seenBy(peer, invited, handle), 'a peer after joining').toEqual({
			...joined,
			suggestions: false
		});
	});

	it('cannot widen their profile before joining; the choice is theirs once they have', async () => {
		const invited = await invitedPerson();
		await profiles.saveOwn(invited.claims, { visibility: 'public' });
		expect((await profiles.getOwn(invited.claims)).visibility).toBe('private');
		await confirm(invited);
		expect((await profiles.getOwn(invited.claims)).visibility).toBe('members');
		await profiles.saveOwn(invited.claims, { visibility: 'private' });
		await confirm(invited);
		expect((await profiles.getOwn(invited.claims)).visibility).toBe('private');
	});

	it('leaves people who signed up and confirmed as they were', async () => {
		const joined = await createPerson({ displayName: 'Lerato Khumalo' });
		const [row] = await asService(
			(sql) =>
				sql<
					{ visibility: string; joined: boolean }[]
				>`select visibility, joined_at is not null as joined from public.profiles where id = ${joined.id}`
		);
		expect(row).toEqual({ visibility: 'members', joined: true });
	});
});
