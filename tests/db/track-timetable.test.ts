/**
 * The track's timetable under each role's RLS (supabase/migrations/20261222000100_track_timetable.sql):
 * the exclusion constraint refuses a room holding two sessions at once (for the service too);
 * admins edit the draft, members and visitors never see it nor a saved version, and read the
 * published one with its proposals and speakers once it is published; proposers never see a
 * draft; publishing makes public igf-session events, re-publishing updates the same events (the
 * SEQUENCE raised when a time changes) and tells the proposers and member speakers of a moved
 * session, and of one taken off; publishing is refused before the timetable phase.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as timetable from '$lib/server/db/track-timetable';
import { publishTimetable } from '$lib/server/track/timetable-mail';
import { asAdmin, createPerson, setProfile, type Person } from './factories';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const ORIGIN = 'https://commons.test';
const publish = (user: Claims, cycleId: string, versionId: string) =>
	publishTimetable(user, cycleId, versionId, ORIGIN);

/** The mails about moved and cancelled sessions, by recipient and kind. */
const sessionMails = () =>
	asService(
		(sql) => sql<
			{ recipient: string; kind: string; subject: string; text: string; html: string }[]
		>`
			select recipient, kind, subject, text, html from public.mail_outbox
			where kind in ('track_session_moved', 'track_session_cancelled')
			order by recipient, kind, subject
		`
	);

let admin: Claims;
let lead: Person;
let speakerMember: Person;
let member: Person;
let cycle: string;
let cycleSlug: string;
let first: string;
let second: string;
let third: string;
let roomA: string;
let roomB: string;
/** The first day of the timetable, 09:00 UTC (the venue's zone is UTC here). */
let day: Date;

async function proposal(cycleId: string, by: Person, title: string, status = 'accepted') {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycleId,
				proposer_id: by.id,
				title,
				status,
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'How do island schools share trainers?',
				description: 'A workshop about sharing trainers.',
				expected_outcomes: 'A plan.',
				interaction: 'Groups.',
				target_audience: 'Trainers.',
				languages: ['en'],
				topics: ['capacity-development']
			})}
			returning id
		`;
		return row!.id;
	});
}

const placeAs = (user: Claims, proposalId: string, room: string, startsAt: Date) =>
	timetable.place(user, cycle, { proposal_id: proposalId, room_id: room, starts_at: startsAt });

beforeAll(async () => {
	const [adminPerson, l, s, mem] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Tomás Lead' }),
		createPerson({ displayName: 'Priya Speaker' }),
		createPerson()
	]);
	[lead, speakerMember, member] = [l, s, mem] as [Person, Person, Person];
	admin = await asAdmin(adminPerson!);
	await setProfile(speakerMember.id, { locale: 'fr', time_zone: 'Asia/Tokyo' });
	cycleSlug = `timetable-${lead.id.slice(0, 8)}`;
	cycle = await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, venue, time_zone)
			values (${cycleSlug}, 'Timetable cycle', 'Conference centre', 'UTC') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at)
			values (${row!.id}, 'timetable', ${at(-1)}, ${at(60)})
		`;
		return row!.id;
	});
	first = await proposal(cycle, lead, 'Island schools share trainers');
	second = await proposal(cycle, lead, 'Pacific cables and who pays');
	third = await proposal(cycle, lead, 'Youth in the IGF');
	await asService(
		(sql) => sql`
			insert into public.track_speakers (proposal_id, name, profile_id, confirmed)
			values (${first}, 'Priya Speaker', ${speakerMember.id}, true),
			       (${second}, 'priya  speaker', null, true),
			       (${third}, 'Kwame Other', null, true)
		`
	);
	const d = at(30);
	day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9));
	expect(
		await timetable.addRoom(admin, cycle, { name: 'Room A', kind: 'onsite', capacity: 80 })
	).toBe('added');
	expect(
		await timetable.addRoom(admin, cycle, { name: 'Online', kind: 'online', capacity: null })
	).toBe('added');
	const board = await timetable.board(admin, cycle);
	roomA = board.rooms.find((r) => r.name === 'Room A')!.id;
	roomB = board.rooms.find((r) => r.name === 'Online')!.id;
});

describe('rooms and slots', () => {
	it('a second room of the same name is refused as taken', async () => {
		expect(
			await timetable.addRoom(admin, cycle, { name: 'Room A', kind: 'online', capacity: null })
		).toBe('taken');
	});

	it('slots of a cycle never overlap', async () => {
		expect(await timetable.addSlot(admin, cycle, day, new Date(day.getTime() + 2 * HOUR))).toBe(
			'added'
		);
		expect(
			await timetable.addSlot(
				admin,
				cycle,
				new Date(day.getTime() + HOUR),
				new Date(day.getTime() + 3 * HOUR)
			)
		).toBe('overlaps');
	});

	it('members may not add rooms or slots', async () => {
		await expect(
			withUser(
				member.claims,
				(sql) =>
					sql`insert into public.track_rooms (cycle_id, name, kind) values (${cycle}, 'Mine', 'online')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				member.claims,
				(sql) =>
					sql`insert into public.track_slots (cycle_id, starts_at, ends_at) values (${cycle}, now(), now() + interval '1 hour')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('placements', () => {
	it('a room never holds two sessions at overlapping times: refused as taken, for the service too', async () => {
		expect(await placeAs(admin, first, roomA, day)).toBe('placed');
		expect(await placeAs(admin, second, roomA, new Date(day.getTime() + 30 * 60_000))).toBe(
			'room-taken'
		);
		const draft = (await timetable.board(admin, cycle)).draft;
		await expect(
			asService(
				(sql) => sql`
					insert into public.track_placements (version_id, cycle_id, proposal_id, room_id, starts_at)
					values (${draft}, ${cycle}, ${second}, ${roomA}, ${new Date(day.getTime() + 59 * 60_000)})
				`
			)
		).rejects.toMatchObject({ code: '23P01', constraint_name: 'track_placements_room_free' });
		// Back to back is fine, and so is the same time in another room.
		expect(await placeAs(admin, second, roomA, new Date(day.getTime() + HOUR))).toBe('placed');
		expect(await placeAs(admin, third, roomB, day)).toBe('placed');
	});

	it('lasts the proposal’s duration, and only accepted proposals are placed', async () => {
		const board = await timetable.board(admin, cycle);
		const p = board.placements.find((x) => x.proposal_id === first)!;
		expect(p.ends_at.getTime() - p.starts_at.getTime()).toBe(60 * 60_000);
		const submitted = await proposal(cycle, lead, 'Not decided yet', 'submitted');
		expect(await placeAs(admin, submitted, roomB, new Date(day.getTime() + 3 * HOUR))).toBe(
			'not-placeable'
		);
	});

	it('members, proposers and visitors see no draft and place nothing', async () => {
		for (const who of [member.claims, lead.claims]) {
			const rows = await withUser(
				who,
				(sql) => sql`select id from public.track_placements where cycle_id = ${cycle}`
			);
			expect(rows).toHaveLength(0);
			const versions = await withUser(
				who,
				(sql) => sql`select id from public.track_timetable_versions where cycle_id = ${cycle}`
			);
			expect(versions).toHaveLength(0);
			await expect(
				placeAs(who, third, roomA, new Date(day.getTime() + 5 * HOUR))
			).rejects.toMatchObject({
				code: '42501'
			});
		}
		const anon = await withAnon(
			(sql) => sql`select id from public.track_placements where cycle_id = ${cycle}`
		);
		expect(anon).toHaveLength(0);
		expect(await timetable.published(null, cycle)).toBeNull();
		expect(await timetable.published(lead.claims, cycle)).toBeNull();
	});
});

describe('publication', () => {
	let v1: string;

	it('members may not save or publish', async () => {
		await expect(timetable.saveVersion(member.claims, cycle, null)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('a saved version never changes, and stays unseen until published', async () => {
		expect(await timetable.saveVersion(admin, cycle, 'First go')).toBe(1);
		const board = await timetable.board(admin, cycle);
		v1 = board.versions.find((v) => v.number === 1)!.id;
		expect(board.versions.find((v) => v.number === 1)!.placements).toBe(3);
		const moved = await withUser(
			admin,
			(sql) =>
				sql`update public.track_placements set starts_at = starts_at + interval '1 day' where version_id = ${v1} returning id`
		);
		expect(moved).toHaveLength(0);
		const seen = await withUser(
			lead.claims,
			(sql) => sql`select id from public.track_timetable_versions where id = ${v1}`
		);
		expect(seen).toHaveLength(0);
		await expect(
			withUser(member.claims, (sql) => sql`select private.track_publish_timetable(${v1})`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('publishing makes each session a public igf-session event in the venue’s zone', async () => {
		expect(await publish(admin, cycle, v1)).toEqual({ told: 0 });
		// A first publication moves nothing: nobody is mailed.
		expect(await sessionMails()).toEqual([]);
		const events = await withAnon(
			(sql) => sql<
				{
					title: string;
					kind: string;
					visibility: string;
					time_zone: string;
					starts_at: Date;
					format: string;
					venue_name: string | null;
					sequence: number;
				}[]
			>`
				select e.title, e.kind, e.visibility, e.time_zone, e.starts_at, e.format, e.venue_name, e.sequence
				from public.track_session_events se join public.events e on e.id = se.event_id
				where se.cycle_id = ${cycle} order by e.title
			`
		);
		expect(events.map((e) => e.title)).toEqual([
			'Island schools share trainers',
			'Pacific cables and who pays',
			'Youth in the IGF'
		]);
		expect(
			events.every(
				(e) => e.kind === 'igf-session' && e.visibility === 'public' && e.time_zone === 'UTC'
			)
		).toBe(true);
		expect(events[0]).toMatchObject({
			format: 'hybrid',
			venue_name: 'Conference centre — Room A',
			sequence: 0
		});
		expect(events[2]).toMatchObject({ format: 'online', venue_name: null });
	});

	it('once published, visitors, members and proposers read the published version with its proposals and speakers, never the draft', async () => {
		for (const viewer of [null, member.claims, lead.claims]) {
			const table = await timetable.published(viewer, cycle);
			expect(table?.version.number).toBe(1);
			expect(table?.sessions).toHaveLength(3);
			expect(table?.rooms.map((r) => r.name).sort()).toEqual(['Online', 'Room A']);
			expect(table?.sessions.find((s) => s.proposal_id === first)?.speakers).toEqual([
				{ name: 'Priya Speaker', role: 'speaker' }
			]);
		}
		const drafts = await withAnon(
			(sql) =>
				sql`select id from public.track_timetable_versions where cycle_id = ${cycle} and state = 'draft'`
		);
		expect(drafts).toHaveLength(0);
		const genders = await withAnon((sql) => sql`select * from public.track_speaker_genders`).catch(
			(e: { code: string }) => e.code
		);
		expect(genders).toBe('42501');
	});

	it('re-publishing updates the same events, raises the SEQUENCE of a moved one and tells its proposers and member speakers', async () => {
		const before = await asService(
			(sql) => sql<{ proposal_id: string; event_id: string; sequence: number }[]>`
				select se.proposal_id, se.event_id, e.sequence from public.track_session_events se
				join public.events e on e.id = se.event_id where se.cycle_id = ${cycle}
			`
		);
		// The first session moves an hour later and the second before it; the third is taken off.
		expect(await placeAs(admin, second, roomA, new Date(day.getTime() - HOUR))).toBe('placed');
		expect(await placeAs(admin, first, roomA, new Date(day.getTime() + 2 * HOUR))).toBe('placed');
		const draftBoard = await timetable.board(admin, cycle);
		const thirdPlacement = draftBoard.placements.find((p) => p.proposal_id === third)!;
		expect(await timetable.unplace(admin, cycle, thirdPlacement.id)).toBe(true);
		expect(await timetable.saveVersion(admin, cycle, null)).toBe(2);
		const v2 = (await timetable.board(admin, cycle)).versions.find((v) => v.number === 2)!.id;
		const outcome = await publish(admin, cycle, v2);
		// first: the lead and the member speaker; second: the lead; third (cancelled): the lead.
		expect(outcome).toEqual({ told: 4 });
		const after = await asService(
			(sql) => sql<
				{
					proposal_id: string;
					event_id: string;
					sequence: number;
					status: string;
					starts_at: Date;
				}[]
			>`
				select se.proposal_id, se.event_id, e.sequence, e.status, e.starts_at from public.track_session_events se
				join public.events e on e.id = se.event_id where se.cycle_id = ${cycle}
			`
		);
		expect(after).toHaveLength(3);
		for (const row of after) {
			const old = before.find((b) => b.proposal_id === row.proposal_id)!;
			expect(row.event_id).toBe(old.event_id);
			expect(row.sequence).toBe(old.sequence + 1);
		}
		expect(after.find((r) => r.proposal_id === third)!.status).toBe('cancelled');
		expect(after.find((r) => r.proposal_id === first)!.starts_at.getTime()).toBe(
			day.getTime() + 2 * HOUR
		);
		const notices = await asService(
			(sql) => sql<{ recipient_id: string; kind: string; proposal_id: string }[]>`
				select recipient_id, kind, payload->>'proposal_id' as proposal_id from public.notifications
				where kind in ('track_session_moved', 'track_session_cancelled') order by kind
			`
		);
		expect(notices).toHaveLength(4);
		expect(notices.filter((n) => n.recipient_id === speakerMember.id)).toEqual([
			{ recipient_id: speakerMember.id, kind: 'track_session_moved', proposal_id: first }
		]);
		expect(notices.filter((n) => n.kind === 'track_session_cancelled')).toEqual([
			{ recipient_id: lead.id, kind: 'track_session_cancelled', proposal_id: third }
		]);
		expect(notices.some((n) => n.recipient_id === member.id)).toBe(false);

		// One mail per person per changed session, in the person's language, with the new start in
		// the venue's time and their own.
		const mails = await sessionMails();
		expect(mails.map((m) => `${m.recipient} ${m.kind}`).sort()).toEqual(
			[
				`${lead.email} track_session_cancelled`,
				`${lead.email} track_session_moved`,
				`${lead.email} track_session_moved`,
				`${speakerMember.email} track_session_moved`
			].sort()
		);
		const french = mails.find((m) => m.recipient === speakerMember.email)!;
		expect(french.subject).toBe('« Island schools share trainers » change d’heure ou de salle');
		expect(french.text).toContain('Bonjour Priya Speaker,');
		expect(french.text).toContain(
			'Votre session « Island schools share trainers » a changé de place dans le programme horaire de Timetable cycle.'
		);
		// 11:00 UTC at the venue, 20:00 in Tokyo.
		expect(french.text).toMatch(/Quand : .*11:00–12:00 \(sur place, heure de UTC\)/);
		expect(french.text).toMatch(/Pour vous : .*20:00 \(heure de Asia\/Tokyo\)/);
		expect(french.text).toContain('Salle : Room A');
		expect(french.text).toContain(`${ORIGIN}/fr/events/`);
		expect(french.html).toContain('<html lang="fr" dir="ltr">');
		const cancelled = mails.find((m) => m.kind === 'track_session_cancelled')!;
		expect(cancelled.subject).toBe('“Youth in the IGF” is no longer in the timetable');
		expect(cancelled.text).toContain(
			'Your session “Youth in the IGF” is no longer in the timetable of Timetable cycle, and its event in the calendar is cancelled.'
		);
		expect(cancelled.text).toContain(`${ORIGIN}/track/${cycleSlug}/timetable`);
		expect(cancelled.text).not.toContain('When:');
		expect(mails.some((m) => m.recipient === member.email)).toBe(false);
		// Only one version is published, and the old one is hidden again.
		const seen = await withAnon(
			(sql) =>
				sql<
					{ number: number }[]
				>`select number from public.track_timetable_versions where cycle_id = ${cycle}`
		);
		expect(seen.map((v) => v.number)).toEqual([2]);
	});

	it('publishing again unchanged tells and mails no one', async () => {
		const v2 = (await timetable.board(admin, cycle)).versions.find((v) => v.number === 2)!.id;
		const before = (await sessionMails()).length;
		expect(await publish(admin, cycle, v2)).toEqual({ told: 0 });
		expect(await sessionMails()).toHaveLength(before);
	});

	it('a draft is not published, and nothing is published before the timetable phase', async () => {
		const board = await timetable.board(admin, cycle);
		expect(await publish(admin, cycle, board.draft)).toBe('not-saved');
		await asService(
			(sql) =>
				sql`update public.track_phases set starts_at = ${at(10)} where cycle_id = ${cycle} and kind = 'timetable'`
		);
		const v2 = board.versions.find((v) => v.number === 2)!.id;
		expect(await publish(admin, cycle, v2)).toBe('phase');
	});
});

describe('copying a saved version into the draft', () => {
	let reviewer: Person;
	const draftOf = () =>
		asService(
			(sql) => sql<{ proposal_id: string; room_id: string; starts_at: Date }[]>`
				select pl.proposal_id, pl.room_id, pl.starts_at from public.track_placements pl
				join public.track_timetable_versions v on v.id = pl.version_id
				where v.cycle_id = ${cycle} and v.state = 'draft'
				order by pl.starts_at, pl.proposal_id
			`
		);
	const versionNumbered = async (n: number) =>
		(await timetable.board(admin, cycle)).versions.find((v) => v.number === n)!.id;

	beforeAll(async () => {
		reviewer = await createPerson({ displayName: 'Kwame Reviewer' });
		await asService(
			(sql) => sql`
				insert into public.track_reviewers (cycle_id, profile_id, status)
				values (${cycle}, ${reviewer.id}, 'accepted')
			`
		);
	});

	it('members, reviewers and proposers are refused, and the draft stays as it was', async () => {
		const before = await draftOf();
		expect(before.length).toBeGreaterThan(0);
		const [v1, v2] = [await versionNumbered(1), await versionNumbered(2)];
		for (const who of [member.claims, reviewer.claims, lead.claims]) {
			// Version 1 is not theirs to read at all; version 2 is published, so they read it, and
			// the draft is still not theirs to write.
			expect(await timetable.copyVersion(who, cycle, v1)).toBe('gone');
			await expect(timetable.copyVersion(who, cycle, v2)).rejects.toMatchObject({
				code: '42501'
			});
			await expect(
				withUser(
					who,
					(sql) => sql`
						delete from public.track_placements pl using public.track_timetable_versions v
						where v.id = pl.version_id and v.cycle_id = ${cycle} and v.state = 'draft'
						returning pl.id
					`
				)
			).resolves.toHaveLength(0);
		}
		expect(await draftOf()).toEqual(before);
	});

	it('an admin copies a version: its sessions replace the draft’s, those no longer accepted left out and counted', async () => {
		await asService(
			(sql) => sql`update public.track_proposals set status = 'withdrawn' where id = ${third}`
		);
		const v1 = await versionNumbered(1);
		expect(await timetable.copyVersion(admin, cycle, v1)).toEqual({
			number: 1,
			copied: 2,
			left: 1
		});
		expect(await draftOf()).toEqual([
			{ proposal_id: first, room_id: roomA, starts_at: day },
			{ proposal_id: second, room_id: roomA, starts_at: new Date(day.getTime() + HOUR) }
		]);
		// The version itself is as it was.
		const kept = await asService(
			(sql) => sql`select count(*)::int as n from public.track_placements where version_id = ${v1}`
		);
		expect(kept[0]!.n).toBe(3);
	});

	it('the draft itself is not copied', async () => {
		const board = await timetable.board(admin, cycle);
		expect(await timetable.copyVersion(admin, cycle, board.draft)).toBe('gone');
	});
});
