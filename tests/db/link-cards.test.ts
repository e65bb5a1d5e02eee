/**
 * A post's links as cards (db/link-cards.ts, as the viewer): a profile's name and headline only as
 * its audiences allow, an event only for those who may see it, a programme for everyone. A link
 * never tells more than the page behind it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as linkCards from '$lib/server/db/link-cards';
import {
	createEvent,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';
import { asService } from '$lib/server/db/client';

let reader: Person, shared: Person, hidden: Person, quiet: Person;
let school: Programme;
let slug: string, handles: Record<string, string>;
let open: { id: string }, members: { id: string }, programmes: { id: string };

const refsOf = () => [
	...Object.values(handles).map((key) => ({ kind: 'person' as const, key })),
	{ kind: 'programme' as const, key: slug },
	...[open, members, programmes].map((e) => ({ kind: 'event' as const, key: e.id }))
];

beforeAll(async () => {
	[reader, shared, hidden, quiet] = await Promise.all([
		createPerson({ displayName: 'Rhea Reader' }),
		createPerson({ displayName: 'Sol Shared' }),
		createPerson({ displayName: 'Hal Hidden' }),
		createPerson({ displayName: 'Quinn Quiet' })
	]);
	await Promise.all([
		setProfile(shared.id, { visibility: 'public', headline: 'Trainer, open to all' }),
		setProfile(hidden.id, { visibility: 'private', headline: 'Never on a card' }),
		// Seen by members, but the headline kept to herself.
		setProfile(quiet.id, { headline: 'Kept headline', headline_visibility: 'private' })
	]);
	const rows = await asService(
		(sql) => sql<{ id: string; handle: string }[]>`
			select id, handle from public.profiles where id in ${sql([shared.id, hidden.id, quiet.id])}
		`
	);
	handles = Object.fromEntries(rows.map((r) => [r.id, r.handle]));
	school = await createProgramme('Linked Cards School');
	const [programme] = await asService(
		(sql) =>
			sql<{ slug: string }[]>`select slug from public.programmes where id = ${school.programmeId}`
	);
	slug = programme!.slug;
	[open, members, programmes] = await Promise.all([
		createEvent(school, { title: 'Open webinar' }),
		createEvent(school, { title: 'Members call', visibility: 'members' }),
		createEvent(school, { title: 'Alumni only', visibility: 'programmes' })
	]);
});

describe('what a post’s links show as cards', () => {
	it('to a member: profiles shared with members, each field as its audience says, and members’ events', async () => {
		const linked = await linkCards.read(reader.claims, refsOf());
		expect(linked.people.map((p) => [p.display_name, p.headline]).sort()).toEqual([
			['Quinn Quiet', null],
			['Sol Shared', 'Trainer, open to all']
		]);
		expect(linked.programmes.map((p) => p.slug)).toEqual([slug]);
		expect(linked.events.map((e) => e.title).sort()).toEqual(['Members call', 'Open webinar']);
	});

	it('to a visitor: public profiles and public events only', async () => {
		const linked = await linkCards.read(null, refsOf());
		expect(linked.people.map((p) => p.display_name)).toEqual(['Sol Shared']);
		expect(linked.programmes.map((p) => p.slug)).toEqual([slug]);
		expect(linked.events.map((e) => e.title)).toEqual(['Open webinar']);
	});

	it('no links, no query', async () => {
		expect(await linkCards.read(reader.claims, [])).toEqual({
			people: [],
			programmes: [],
			events: []
		});
	});
});
