/** Nadia, a peer in her programme and a member who is not: whom the profile and directory tests show each other. */
import * as profiles from '$lib/server/db/profiles';
import {
	addMembership,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

export type Viewer = 'visitor' | 'member' | 'peer' | 'owner';

/** The owner, a member who shares a verified programme with them, and one who does not. */
export let owner: Person, peer: Person, member: Person, programme: Programme;
export const claimsOf = (viewer: Viewer) =>
	viewer === 'visitor'
		? null
		: { owner: owner.claims, peer: peer.claims, member: member.claims }[viewer];
export const card = (viewer: Viewer) => profiles.getByHandle(claimsOf(viewer), handle);
export let handle: string;

/** Nadia's profile, every field filled and public, with a position and a link. */
export async function meetNadia() {
	[owner, peer, member, programme] = await Promise.all([
		createPerson({ displayName: 'Nadia Okonkwo-Ferreira' }),
		createPerson({ displayName: 'Peer Person' }),
		createPerson({ displayName: 'Member Person' }),
		createProgramme('Caribbean School of Internet Governance')
	]);
	await addMembership(owner, programme, 'alumnus');
	await addMembership(peer, programme, 'alumnus');
	await profiles.saveOwn(
		owner.claims,
		{
			visibility: 'public',
			headline: 'Spectrum policy analyst',
			bio: 'Works on **community networks** and zanzibarite spectrum sharing.',
			country_code: 'JM',
			city: 'Kingston',
			stakeholder_group: 'government',
			current_position: 'Analyst',
			current_organisation: 'Spectrum Management Authority',
			time_zone: 'America/Jamaica',
			open_to: ['mentoring']
		},
		{ topics: ['cybersecurity'], languages: [{ code: 'en', level: 'native' }] }
	);
	await profiles.addPosition(owner.claims, {
		title: 'Engineer',
		organisation: 'Ministry of Science',
		kind: 'government',
		starts_on: '2015-01-01',
		ends_on: '2019-12-31'
	});
	await profiles.addLink(owner.claims, {
		kind: 'website',
		url: 'https://nadia.example',
		label: null
	});
	handle = (await profiles.getOwn(owner.claims)).handle;
}
