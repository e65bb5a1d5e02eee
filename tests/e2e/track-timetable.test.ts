/**
 * The timetable in a real Chromium, without JavaScript: Leilani builds a small timetable for a
 * cycle whose two sessions were accepted (set as the service, the decisions being another page's
 * work): two rooms, a slot, the first session placed, the second refused in the same room at an
 * overlapping time with a clear message, then placed online with its clash warnings (a speaker in
 * both sessions, past its slot); she saves and publishes. The session is then an event on /events
 * and in the public feed (parsed with ical.js) in the venue's zone, and the public timetable shows
 * each session in the venue's time and the visitor's. Before publication the timetable says so.
 * axe on every step, in English and Arabic.
 *
 * With JavaScript, on the grid of rooms × slots of another cycle: she drags a session onto a free
 * cell and sees it placed, drags the other where it would overlap it and is told why not, then
 * places it with the keyboard alone (its pick-up button, then a cell's button); a placed session
 * is dragged to another cell the same way. Without JavaScript, the same grid places a session
 * picked up by its button (?pick=) in a free cell.
 */
import ICAL from 'ical.js';
import postgres from 'postgres';
import type { Browser } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url, postgresPort } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
const SLUG = 'timetable-journey';
const FIRST = 'Island schools share their trainers';
const SECOND = 'Who pays for the Pacific cables?';
const ZONE = 'Asia/Riyadh';
const GRID = 'timetable-grid-journey';
const GRID_PLAIN = 'timetable-grid-plain';
const MESH = 'Mesh networks for island schools';
const POOL = 'A shared pool of trainers';
/** Twenty days from now at the venue: far enough to be in every list of upcoming events. */
const DAY = Temporal.Now.plainDateISO(ZONE).add({ days: 20 }).toString();
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
	browser = await launch();
	sql = postgres(`postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`, { max: 1 });
	// As the service: a cycle in its timetable phase with two accepted proposals by Tomás, both
	// with Priya among the speakers (a member once, by name only the other time).
	const [tomas] = await sql<
		{ id: string }[]
	>`select id from auth.users where email = 'tomas@example.org'`;
	const [priya] = await sql<
		{ id: string }[]
	>`select id from auth.users where email = 'priya@example.org'`;
	const [cycle] = await sql<{ id: string }[]>`
		insert into public.track_cycles (slug, title, venue, time_zone)
		values (${SLUG}, 'Timetable journey cycle', 'King Abdulaziz Centre', ${ZONE}) returning id
	`;
	await sql`
		insert into public.track_phases (cycle_id, kind, starts_at, ends_at)
		values (${cycle!.id}, 'timetable', now() - interval '1 day', now() + interval '60 days')
	`;
	for (const title of [FIRST, SECOND]) {
		const [p] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycle!.id,
				proposer_id: tomas!.id,
				title,
				status: 'accepted',
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'How do small states share what they learn?',
				description: `${title}: a workshop of the capacity-building track.`,
				expected_outcomes: 'A plan.',
				interaction: 'Groups onsite, a shared document online.',
				target_audience: 'Trainers.',
				languages: ['en'],
				topics: ['capacity-development']
			})}
			returning id
		`;
		await sql`
			insert into public.track_speakers (proposal_id, name, profile_id, confirmed)
			values (${p!.id}, ${title === FIRST ? 'Priya Sharma' : 'priya sharma'},
			        ${title === FIRST ? priya!.id : null}, true)
		`;
	}
	// The grids' cycles (with and without JavaScript): two accepted sessions, two rooms, two
	// half-hour slots each (the service's work).
	for (const slug of [GRID, GRID_PLAIN]) {
		const [grid] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, venue, time_zone)
			values (${slug}, ${`Grid journey cycle (${slug})`}, 'King Abdulaziz Centre', ${ZONE}) returning id
		`;
		for (const title of [MESH, POOL]) {
			await sql`
				insert into public.track_proposals ${sql({
					cycle_id: grid!.id,
					proposer_id: tomas!.id,
					title,
					status: 'accepted',
					submitted_at: new Date(),
					format: 'workshop',
					duration_minutes: 60,
					policy_questions: 'How do small states share what they learn?',
					description: `${title}: a workshop of the capacity-building track.`,
					expected_outcomes: 'A plan.',
					interaction: 'Groups onsite, a shared document online.',
					target_audience: 'Trainers.',
					languages: ['en'],
					topics: ['capacity-development']
				})}
			`;
		}
		await sql`
			insert into public.track_rooms (cycle_id, name, kind, capacity, position)
			values (${grid!.id}, 'Hall A', 'onsite', 80, 0), (${grid!.id}, 'Studio B', 'online', null, 1)
		`;
		for (const [from, to] of [
			['10:00', '10:30'],
			['10:30', '11:00']
		]) {
			const at = (time: string) =>
				new Date(
					Temporal.PlainDateTime.from(`${DAY}T${time}`).toZonedDateTime(ZONE).epochMilliseconds
				);
			await sql`
				insert into public.track_slots (cycle_id, starts_at, ends_at)
				values (${grid!.id}, ${at(from!)}, ${at(to!)})
			`;
		}
	}
});
afterAll(async () => {
	await sql?.end();
	await browser?.close();
});

describe('the timetable', () => {
	it('Leilani builds and publishes a timetable without JavaScript; its sessions are events, in the feed and on the public timetable in both times', async () => {
		const visitor = await open(browser, { javaScriptEnabled: false });
		await visitor.page.goto(`${url}/track/${SLUG}/timetable`);
		await visitor.page.getByText('The timetable is not published yet.', { exact: false }).waitFor();
		await expectAccessible(visitor.page);

		const leilani = await open(browser, { javaScriptEnabled: false });
		const page = leilani.page;
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/track/${SLUG}/manage/timetable`);
		await page
			.getByRole('heading', { name: 'Timetable — Timetable journey cycle', level: 1 })
			.waitFor();
		await expectAccessible(page);

		const rooms = page.getByRole('region', { name: 'Rooms' });
		await rooms.getByLabel('Name of the room').fill('Hall 1');
		await rooms.getByLabel('Onsite or online').selectOption('onsite');
		await rooms.getByLabel('Seats').fill('120');
		await rooms.getByRole('button', { name: 'Add a room' }).click();
		await page.getByText('Room Hall 1 added.').waitFor();
		await rooms.getByLabel('Name of the room').fill('Online 1');
		await rooms.getByLabel('Onsite or online').selectOption('online');
		await rooms.getByRole('button', { name: 'Add a room' }).click();
		await page.getByText('Room Online 1 added.').waitFor();
		// An onsite room without seats: told on the field.
		await rooms.getByLabel('Name of the room').fill('Hall 2');
		await rooms.getByRole('button', { name: 'Add a room' }).click();
		await page.getByText('An onsite room needs its number of seats.').first().waitFor();

		const slots = page.getByRole('region', { name: 'Days and slots' });
		await slots.getByLabel('Day').fill(DAY);
		await slots.getByLabel('From').fill('10:00');
		await slots.getByLabel('To').fill('11:00');
		await slots.getByRole('button', { name: 'Add a slot' }).click();
		await page.getByText('Slot added.').waitFor();

		const place = page.getByRole('region', { name: 'Place a session' });
		const placeIt = async (title: string, room: string, time: string) => {
			await place.getByLabel('Session').selectOption({ label: `${title} (60 minutes)` });
			await place.getByLabel('Room').selectOption({ label: room });
			await place.getByLabel('Day').fill(DAY);
			await place.getByLabel('Starts at').fill(time);
			await place.getByRole('button', { name: 'Place the session' }).click();
		};
		await placeIt(FIRST, 'Hall 1', '10:00');
		await page.getByText('Session placed in the draft.').waitFor();
		// The same room at an overlapping time: refused in words, never a 500.
		await placeIt(SECOND, 'Hall 1', '10:30');
		await page
			.getByText('This room already holds another session at that time.', { exact: false })
			.first()
			.waitFor();
		await expectAccessible(page);
		await placeIt(SECOND, 'Online 1', '10:30');
		await page.getByText('Session placed in the draft.').waitFor();

		const draft = page.getByRole('region', { name: 'The draft' });
		const second = draft
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: SECOND }) });
		await second.getByText(`priya sharma also speaks in “${FIRST}” at the same time.`).waitFor();
		await second.getByText('It runs 30 minutes past the end of its slot (11:00).').waitFor();
		const first = draft
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: FIRST }) });
		await first.getByText(`also speaks in “${SECOND}”`, { exact: false }).waitFor();
		await expectAccessible(page);

		const versions = page.getByRole('region', { name: 'Versions' });
		await versions
			.getByRole('button', { name: 'Save the draft (2 sessions) as a version' })
			.click();
		await page.getByText('The draft is saved as version 1.').waitFor();
		await versions.getByRole('button', { name: 'Publish version 1' }).click();
		await page.getByText('Published: its sessions are in the calendar', { exact: false }).waitFor();
		await page.getByText('Version 1 is published.').waitFor();

		// The public timetable: by day and room, in the venue's time and the visitor's (UTC).
		await visitor.page.goto(`${url}/track/${SLUG}/timetable`);
		const hall = visitor.page
			.getByRole('listitem')
			.filter({ has: visitor.page.getByRole('link', { name: FIRST }) });
		await expect(hall.innerText()).resolves.toMatch(/10:00–11:00\s*at the venue/);
		await expect(hall.innerText()).resolves.toMatch(/07:00–08:00\s*your time/);
		await visitor.page.getByRole('heading', { name: 'Online 1 (online)' }).waitFor();
		await expectAccessible(visitor.page);
		await visitor.page.getByRole('link', { name: FIRST }).click();
		await visitor.page.getByRole('heading', { name: FIRST, level: 1 }).waitFor();
		const eventUrl = visitor.page.url();
		const id = eventUrl.match(/events\/([0-9a-f-]{36})/)![1]!;

		await visitor.page.goto(`${url}/events?kind=igf-session`);
		await visitor.page.getByRole('link', { name: FIRST }).first().waitFor();

		const feed = await (await visitor.page.request.get(`${url}/calendar/public.ics`)).text();
		const root = new ICAL.Component(ICAL.parse(feed));
		for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
		const vevent = root
			.getAllSubcomponents('vevent')
			.map((c) => new ICAL.Event(c))
			.find((e) => e.uid === `${id}@capacity-commons`);
		expect(vevent?.summary).toBe(FIRST);
		expect(vevent?.startDate.zone?.tzid).toBe(ZONE);
		expect(vevent?.startDate.toString()).toBe(`${DAY}T10:00:00`);
		expect(vevent?.startDate.toJSDate().toISOString()).toBe(
			new Date(
				Temporal.PlainDateTime.from(`${DAY}T10:00`).toZonedDateTime(ZONE).epochMilliseconds
			).toISOString()
		);

		// In Arabic, right to left, for the visitor and the admin.
		await visitor.page.goto(`${url}/ar/track/${SLUG}/timetable`);
		await expect(visitor.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await visitor.page.getByText('بتوقيت مكان الانعقاد').first().waitFor();
		await expectAccessible(visitor.page);
		await page.goto(`${url}/ar/track/${SLUG}/manage/timetable`);
		await page.getByText('منشورة').first().waitFor();
		await expectAccessible(page);

		expect([...leilani.errors, ...visitor.errors]).toEqual([]);
	});

	it('with JavaScript, Leilani drags a session onto the grid, is told why another does not fit, and places it with the keyboard', async () => {
		const { page, errors } = await open(browser);
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/track/${GRID}/manage/timetable`);
		// The grid says it can be dragged on once the page's scripts run: before, a drag does nothing.
		await page.getByText('Drag a session onto a free cell', { exact: false }).waitFor();
		await expectAccessible(page);

		const grid = page.getByRole('table');
		const cell = (slot: string, room: number) =>
			grid
				.getByRole('row', { name: new RegExp(slot) })
				.getByRole('cell')
				.nth(room);
		const draft = page.getByRole('region', { name: 'The draft' });

		await page.getByRole('group', { name: MESH }).getByText(MESH).dragTo(cell('10:30–11:00', 0));
		await page.getByText('Session placed in the draft.').waitFor();
		await draft.getByText('10:30–11:30', { exact: false }).waitFor();
		await cell('10:30–11:00', 0).getByRole('group', { name: MESH }).waitFor();

		// An hour from 10:00 in Hall A would overlap it: the database refuses, the page says why.
		await page.getByRole('group', { name: POOL }).getByText(POOL).dragTo(cell('10:00–10:30', 0));
		await page
			.getByText('This room already holds another session at that time.', { exact: false })
			.first()
			.waitFor();
		await expect(draft.getByRole('link', { name: POOL }).count()).resolves.toBe(0);
		await expectAccessible(page);

		// The keyboard alone: pick it up, then choose the cell.
		await page.getByRole('button', { name: `Pick up “${POOL}”` }).focus();
		await page.keyboard.press('Enter');
		await page.getByRole('status').getByText(`“${POOL}” is picked up`, { exact: false }).waitFor();
		await expect(
			page.getByRole('button', { name: `Pick up “${POOL}”` }).getAttribute('aria-pressed')
		).resolves.toBe('true');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Place here: Studio B, 10:00–10:30' }).focus();
		await page.keyboard.press('Enter');
		await page.getByText('Session placed in the draft.').waitFor();
		const placed = draft
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: POOL }) });
		await expect(placed.innerText()).resolves.toMatch(/10:00–11:00\s*·\s*Studio B/);
		await cell('10:00–10:30', 1).getByRole('group', { name: POOL }).waitFor();
		// Nothing is carried any more.
		await expect(page.getByRole('button', { name: /^Place here/ }).count()).resolves.toBe(0);

		// A placed session moves the same way: half an hour earlier, in its own room.
		await cell('10:30–11:00', 0).getByText(MESH).dragTo(cell('10:00–10:30', 0));
		const mesh = draft
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: MESH }) });
		await expect
			.poll(() => mesh.innerText(), { timeout: 10_000 })
			.toMatch(/10:00–11:00\s*·\s*Hall A/);
		await expectAccessible(page);

		expect(errors).toEqual([]);
	});

	it('without JavaScript, the grid still places: a session is picked up by its button and put in a free cell', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/track/${GRID_PLAIN}/manage/timetable`);
		await page.getByText('Pick up a session with its button, then choose a free cell').waitFor();
		await page.getByRole('button', { name: `Pick up “${MESH}”` }).click();
		await page.getByRole('status').getByText(`“${MESH}” is picked up`, { exact: false }).waitFor();
		expect(new URL(page.url()).searchParams.has('pick')).toBe(true);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Place here: Studio B, 10:30–11:00' }).click();
		await page.getByText('Session placed in the draft.').waitFor();
		const placed = page
			.getByRole('region', { name: 'The draft' })
			.getByRole('listitem')
			.filter({ has: page.getByRole('link', { name: MESH }) });
		await expect(placed.innerText()).resolves.toMatch(/10:30–11:30\s*·\s*Studio B/);
		expect(errors).toEqual([]);
	});
});
