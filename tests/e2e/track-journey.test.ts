/**
 * The IGF track's whole journey in a real Chromium, every step through the pages, on a fresh cycle
 * of its own (venue in Nairobi). Leilani (admin) creates the cycle and opens its call. Tomás
 * proposes a workshop without JavaScript with two co-proposers (fresh accounts: the issue names
 * nobody), four speakers and a moderator; each save shows the minimum criteria as the server
 * checks them ("does not meet … yet", then "meets"), and with JavaScript the same checks follow his
 * typing. Both co-proposers accept being named, from their notices. Leilani keeps the proposal
 * through screening, invites Priya and Kwame as reviewers, weighs relevance double and assigns.
 * Priya and Kwame review blind and without JavaScript: the whole HTML of their queue, of the review
 * page (English and Arabic) and of the page after submitting, page data included, holds no name or
 * organisation of a proposer, speaker or moderator. The ranked row shows the weighted mean, the
 * spread and "2 of 2". Leilani accepts and sends; Tomás confirms; she adds a room and a slot,
 * places the session, saves a version and publishes it: the session is on the public timetable in
 * the venue's time, on its event page, on /events?kind=igf-session and in the public feed (parsed
 * with ical.js: UID, summary, start in the venue's zone and its instant). axe on every page in
 * English, and on proposing and reviewing in Arabic; no console error anywhere.
 *
 * The phases move through the admins' own form (their dates set in the past or around now), so
 * nothing here writes to the database behind the pages.
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followMailLink, newEmail, signIn, signUp } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
const ZONE = 'Africa/Nairobi';
/** Twenty days from now at the venue: in every list of upcoming events. */
const DAY = Temporal.Now.plainDateISO(ZONE).add({ days: 20 }).toString();
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Nairobi's wall clock (UTC+3 all year) `days` from now, as a datetime-local field takes it. */
const wall = (days: number) =>
	new Date(Date.now() + 3 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 16);

type Person = {
	name: string;
	organisation: string;
	group: string;
	region: string;
	gender: string;
	onsite: boolean;
	confirmed: boolean;
};

const SPEAKERS: Person[] = [
	{
		name: 'Wanjiru Kamau',
		organisation: 'Kabarak Digital Law Centre',
		group: 'Academia',
		region: 'Africa',
		gender: 'woman',
		onsite: true,
		confirmed: true
	},
	{
		name: 'Rahul Menon',
		organisation: 'Kerala IT Mission Office',
		group: 'Government',
		region: 'Asia',
		gender: 'man',
		onsite: true,
		confirmed: true
	},
	{
		name: 'Sofía Paredes',
		organisation: 'Red Andina de Derechos Digitales',
		group: 'Civil society',
		region: 'Americas',
		gender: 'woman',
		onsite: false,
		confirmed: true
	},
	{
		name: 'Henrik Dahl',
		organisation: 'Nordic Peering Forum',
		group: 'Technical community',
		region: 'Europe',
		gender: '',
		onsite: true,
		confirmed: false
	}
];
const MODERATOR: Person = {
	name: 'Amani Njoroge',
	organisation: 'Rift Valley ICT Forum',
	group: 'Civil society',
	region: 'Africa',
	gender: 'woman',
	onsite: true,
	confirmed: true
};

async function fillSession(page: Page, title: string) {
	const main = page.getByRole('main');
	await main.getByLabel('Title', { exact: true }).fill(title);
	await main.getByLabel('Format', { exact: true }).selectOption({ label: 'Workshop' });
	await main.getByLabel('Duration (minutes)', { exact: true }).fill('90');
	await main
		.getByLabel('Policy question(s)', { exact: true })
		.fill('How can local court cases teach data protection to first-time policy makers?');
	await main
		.getByLabel('Description', { exact: true })
		.fill('Small groups work through three rulings and draft the advice they would give.');
	await main.getByLabel('Expected outcomes', { exact: true }).fill('A shared teaching kit.');
	await main
		.getByLabel('How participants will take part, online and onsite', { exact: true })
		.fill('Tables onsite, breakout rooms online, one shared document.');
	await main.getByLabel('Target audience', { exact: true }).fill('Trainers and new regulators.');
	await main.getByRole('checkbox', { name: 'English' }).check();
	await main.getByRole('checkbox', { name: 'French' }).check();
}

async function fillPerson(page: Page, legend: string, person: Person) {
	const row = page.getByRole('group', { name: legend, exact: true });
	await row.getByLabel('Name', { exact: true }).fill(person.name);
	await row.getByLabel('Organisation', { exact: true }).fill(person.organisation);
	await row.getByLabel('Stakeholder group', { exact: true }).selectOption({ label: person.group });
	await row.getByLabel('Region', { exact: true }).selectOption({ label: person.region });
	await row.getByLabel('Gender (optional)', { exact: true }).fill(person.gender);
	await row
		.getByLabel('Taking part', { exact: true })
		.selectOption({ label: person.onsite ? 'Onsite' : 'Online' });
	await row
		.getByLabel('Confirmed', { exact: true })
		.selectOption({ label: person.confirmed ? 'Yes' : 'Not yet' });
}

const criteria = (page: Page) => page.getByRole('region', { name: 'Minimum criteria' });

/** Phases to set on the admins' form: wall-clock days from now, and the rules to tick. */
type PhaseChange = { from: number; until: number; rules?: string[] };

/** Leilani moves the cycle's clock on its management page (the other phases stay as they are). */
async function setPhases(page: Page, slug: string, phases: Record<string, PhaseChange>) {
	await page.goto(`${url}/track/${slug}/manage`);
	for (const [legend, change] of Object.entries(phases)) {
		const group = page.getByRole('group', { name: legend, exact: true });
		await group.getByLabel('From', { exact: true }).fill(wall(change.from));
		await group.getByLabel('Until', { exact: true }).fill(wall(change.until));
		for (const rule of change.rules ?? []) await group.getByLabel(rule).check();
	}
	await page.getByRole('button', { name: 'Save the phases' }).click();
	await page.getByText('Saved.').first().waitFor();
}

/** Signs up a fresh member and confirms their address from the outbox (signed in after). */
async function freshMember(name: string) {
	const member = await open(browser);
	const email = newEmail('journey');
	await signUp(member.page, url, name, email, 'a canoe under the banyan tree');
	await followMailLink(member.page, url, email, /confirm/i);
	return member;
}

/** Opens the person's notice whose words match, from their notifications. */
async function openNotice(page: Page, words: string) {
	await page.goto(`${url}/notifications`);
	await page.getByRole('link', { name: words }).first().click();
	await page.waitForURL((target) => !target.pathname.startsWith('/notifications'));
}

/**
 * Everything a reviewer's browser received for a page: its HTML and the page's data as the client
 * router fetches it (JSON). Each holds the proposal's title, so each is the page in question.
 */
async function received(page: Page, html: string, title: string) {
	const path = new URL(page.url()).pathname.replace(/\/$/, '');
	const data = await page.request.get(`${url}${path}/__data.json`);
	expect(data.status()).toBe(200);
	const json = await data.text();
	expect(html).toContain(title);
	expect(json).toContain(title);
	return `${html}\n${json}`;
}

describe('the IGF track’s whole journey', () => {
	it('from the call to the calendar: Tomás proposes, Priya and Kwame review blind, Leilani decides and publishes the timetable', async () => {
		const suffix = randomUUID().slice(0, 6);
		const slug = `journey-${suffix}`;
		const cycleTitle = `IGF 2029 capacity-building track ${suffix}`;
		const title = `Court cases as a school of data protection ${suffix}`;
		const coNames = [`Nalani Kealoha ${suffix}`, `Ximena Quispe ${suffix}`];
		const coHandles = coNames.map((n) => n.toLowerCase().replace(/ /g, '-'));
		/** Every name and organisation a blind reviewer must never receive. */
		const hidden = [
			'Tomás Herrera',
			'Herrera',
			'tomas-herrera',
			...coNames,
			...coHandles,
			...[...SPEAKERS, MODERATOR].flatMap((p) => [p.name, p.organisation])
		];
		const expectBlind = (text: string, where: string) => {
			for (const word of hidden) expect(text, `${word} on ${where}`).not.toContain(word);
		};
		const people: { errors: string[] }[] = [];
		const person = async (options?: { javaScriptEnabled: boolean }) => {
			const opened = await open(browser, options);
			people.push(opened);
			return opened;
		};

		// Leilani creates the cycle and opens its call.
		const leilani = await person();
		const admin = leilani.page;
		await signIn(admin, url, 'leilani@example.org', DEMO_PASSWORD);
		await admin.goto(`${url}/track?new`);
		await admin.getByRole('heading', { name: 'Add a cycle' }).waitFor();
		await expectAccessible(admin);
		await admin.getByLabel('Address', { exact: true }).fill(slug);
		await admin.getByLabel('Title of the cycle').fill(cycleTitle);
		await admin.getByLabel('Venue', { exact: true }).fill('United Nations Office at Nairobi');
		await admin.getByLabel('Time zone').selectOption(ZONE);
		await admin.getByRole('button', { name: 'Create the cycle' }).click();
		await admin.waitForURL(`${url}/track/${slug}/manage`);
		await expectAccessible(admin);
		await setPhases(admin, slug, {
			'Call for proposals': {
				from: -1,
				until: 30,
				rules: ['Proposers may change their proposals']
			}
		});

		// The two co-proposers-to-be join the network.
		const co = [];
		for (const name of coNames) co.push(await freshMember(name));
		for (const c of co) people.push(c);

		// Tomás, without JavaScript, from the cycle's page to its form.
		const tomas = await person({ javaScriptEnabled: false });
		await signIn(tomas.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await tomas.page.goto(`${url}/track/${slug}`);
		await tomas.page.getByRole('heading', { name: cycleTitle }).waitFor();
		await expectAccessible(tomas.page);
		await tomas.page.getByRole('link', { name: 'Propose a session' }).click();
		await tomas.page.getByRole('heading', { name: 'Propose a session', level: 1 }).waitFor();
		await expectAccessible(tomas.page);
		await fillSession(tomas.page, title);
		await fillPerson(tomas.page, 'Speaker 1', SPEAKERS[0]!);
		await fillPerson(tomas.page, 'Speaker 2', SPEAKERS[1]!);
		await tomas.page.getByRole('button', { name: 'Save the draft' }).click();
		await tomas.page.getByText('Your draft is saved.').waitFor();
		await criteria(tomas.page).getByText('Confirmed speakers: 2 (at least 3)').waitFor();
		await criteria(tomas.page)
			.getByText('Does not meet the minimum criteria yet', { exact: false })
			.waitFor();
		await expectAccessible(tomas.page);
		const draftUrl = tomas.page.url();
		// The rest of the speakers, the moderator and the co-proposers: the server says it meets them.
		await fillPerson(tomas.page, 'Speaker 3', SPEAKERS[2]!);
		await fillPerson(tomas.page, 'Speaker 4', SPEAKERS[3]!);
		await fillPerson(tomas.page, 'Moderator', MODERATOR);
		await tomas.page.getByLabel('Co-proposer 1', { exact: true }).fill(coHandles[0]!);
		await tomas.page.getByLabel('Co-proposer 2', { exact: true }).fill(`@${coHandles[1]}`);
		await tomas.page.getByRole('button', { name: 'Save the draft' }).click();
		await tomas.page.getByText('Your draft is saved.').waitFor();
		await criteria(tomas.page).getByText('Confirmed speakers: 3 (at least 3)').waitFor();
		await criteria(tomas.page).getByText('Meets the minimum criteria.').waitFor();
		await expect(
			tomas.page
				.getByRole('group', { name: 'Speaker 4', exact: true })
				.getByLabel('Organisation', { exact: true })
				.inputValue()
		).resolves.toBe(SPEAKERS[3]!.organisation);
		// In Arabic, right to left.
		await tomas.page.goto(tomas.page.url().replace(url, `${url}/ar`));
		await expect(tomas.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(tomas.page);

		// With JavaScript the same checks follow his typing, before anything is saved.
		const live = await person();
		await signIn(live.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await live.page.goto(draftUrl.replace(/&saved$/, ''));
		await criteria(live.page).getByText('Meets the minimum criteria.').waitFor();
		const moderator = live.page.getByRole('group', { name: 'Moderator', exact: true });
		await moderator.getByLabel('Taking part', { exact: true }).selectOption({ label: 'Online' });
		await criteria(live.page)
			.getByText('Does not meet the minimum criteria yet', { exact: false })
			.waitFor();
		await expectAccessible(live.page);
		await moderator.getByLabel('Taking part', { exact: true }).selectOption({ label: 'Onsite' });
		await criteria(live.page).getByText('Meets the minimum criteria.').waitFor();

		// Submitted without JavaScript.
		await tomas.page.goto(draftUrl);
		await tomas.page.getByRole('button', { name: 'Submit the proposal' }).click();
		await tomas.page.getByText('Your proposal is submitted.', { exact: false }).waitFor();
		await tomas.page.getByText('Status: Submitted').waitFor();
		await expectAccessible(tomas.page);
		const proposalUrl = tomas.page.url().replace(/\?.*$/, '');

		// Both co-proposers accept being named, from their notices.
		for (const [i, c] of co.entries()) {
			await openNotice(c.page, `Tomás Herrera asks to name you as co-proposer of “${title}”.`);
			await c.page.getByRole('heading', { name: 'You are asked to co-propose' }).waitFor();
			if (i === 0) await expectAccessible(c.page);
			await c.page.getByRole('button', { name: 'Accept being named' }).click();
			await c.page.getByText('You are named as a co-proposer.').waitFor();
		}
		await tomas.page.goto(proposalUrl);
		for (const name of coNames) await tomas.page.getByText(`${name} — accepted`).waitFor();

		// The call closes; in screening, Leilani keeps it (it meets the criteria).
		await setPhases(admin, slug, {
			'Call for proposals': { from: -10, until: -9 },
			Screening: { from: -1, until: 1 }
		});
		const listed = admin
			.getByRole('listitem')
			.filter({ has: admin.getByRole('link', { name: title, exact: true }) });
		await listed.getByText('Meets the minimum criteria.').waitFor();
		await listed.getByText('Submitted', { exact: false }).first().waitFor();
		await expectAccessible(admin);

		// She invites Priya and Kwame to review; each accepts, without JavaScript, from the notice.
		await admin.getByRole('link', { name: 'Reviewers', exact: true }).click();
		await admin.getByRole('heading', { name: /^Reviewers of / }).waitFor();
		for (const handle of ['@priya-raman', 'kwame-mensah']) {
			await admin.getByLabel('The member’s handle').fill(handle);
			await admin.getByRole('button', { name: 'Invite', exact: true }).click();
			await admin.getByText('Invited: they are told, and accept or decline.').waitFor();
		}
		await expectAccessible(admin);
		const reviewers = {} as Record<'priya' | 'kwame', Page>;
		for (const who of ['priya', 'kwame'] as const) {
			const reviewer = await person({ javaScriptEnabled: false });
			await signIn(reviewer.page, url, `${who}@example.org`, DEMO_PASSWORD);
			await openNotice(
				reviewer.page,
				`Leilani Tupou invites you to review the proposals of ${cycleTitle}.`
			);
			await reviewer.page
				.getByText('The admins invite you to review this cycle’s proposals.')
				.waitFor();
			if (who === 'priya') await expectAccessible(reviewer.page);
			await reviewer.page.getByRole('button', { name: 'Accept' }).click();
			await reviewer.page.getByText('Your answer is saved.').waitFor();
			reviewers[who] = reviewer.page;
		}

		// The review phase, blind; relevance weighs double; two reviewers for each proposal.
		await setPhases(admin, slug, {
			'Call for proposals': { from: -10, until: -9 },
			Screening: { from: -9, until: -8 },
			Review: {
				from: -1,
				until: 1,
				rules: [
					'Blind review (proposers’ names hidden; reviewers’ names hidden from each other)',
					'Assigned reviewers write their reviews'
				]
			}
		});
		await admin.goto(`${url}/track/${slug}/manage/rubric`);
		await expectAccessible(admin);
		const relevance = admin.getByRole('region', { name: 'Relevance to the track' });
		await relevance.getByLabel('Weight', { exact: true }).fill('2');
		await relevance.getByRole('button', { name: 'Save the criterion' }).click();
		await admin.getByText('Criterion saved.').waitFor();
		await admin.goto(`${url}/track/${slug}/manage/assignments`);
		await admin.getByLabel('Reviewers per proposal').fill('2');
		await admin.getByRole('button', { name: 'Assign automatically' }).click();
		await admin
			.getByText('Assigned: 2 reviews; 0 proposals have fewer', { exact: false })
			.waitFor();
		const assigned = admin
			.getByRole('main')
			.locator('ul.proposals > li')
			.filter({ hasText: title });
		await assigned.getByText('Priya Raman').first().waitFor();
		await assigned.getByText('Kwame Mensah').first().waitFor();
		await expectAccessible(admin);

		// Priya and Kwame review, blind and without JavaScript. Relevance counts twice: Priya's
		// total is (2·4 + 3 + 3 + 3 + 3) / 24 = 83.3, Kwame's (2·3 + 2 + 3 + 2 + 3) / 24 = 66.7.
		const scores = {
			priya: ['4 — Excellently', '3 — Well', '3 — Well', '3 — Well', '3 — Well'],
			kwame: ['3 — Well', '2 — Fairly', '3 — Well', '2 — Fairly', '3 — Well']
		};
		const CRITERIA = [
			'Relevance to the track',
			'Clarity of the policy question',
			'Content',
			'Diversity',
			'Format and interaction'
		];
		for (const who of ['priya', 'kwame'] as const) {
			const page = reviewers[who];
			const queue = await page.goto(`${url}/track/${slug}/review`);
			const reviewList = page.getByRole('region', { name: 'Your reviews' });
			await reviewList.getByText('0 of 1 submitted').waitFor();
			expectBlind(await received(page, await queue!.text(), title), `${who}’s queue`);
			if (who === 'priya') {
				await expectAccessible(page);
				const arabic = await page.goto(`${url}/ar/track/${slug}/review`);
				await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
				expectBlind(await received(page, await arabic!.text(), title), 'the queue in Arabic');
				await expectAccessible(page);
				await page.goto(`${url}/track/${slug}/review`);
			}
			const [opened] = await Promise.all([
				page.waitForResponse((r) => r.request().isNavigationRequest()),
				page
					.getByRole('region', { name: 'Your reviews' })
					.getByRole('link', { name: title })
					.click()
			]);
			await page.getByRole('heading', { name: title, level: 1 }).waitFor();
			await page.getByText('Your review: Not started').waitFor();
			const reviewUrl = page.url();
			expectBlind(await received(page, await opened.text(), title), `${who}’s review page`);
			if (who === 'priya') {
				await expectAccessible(page);
				const arabic = await page.goto(reviewUrl.replace(url, `${url}/ar`));
				await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
				expectBlind(await received(page, await arabic!.text(), title), 'the review page in Arabic');
				await expectAccessible(page);
				await page.goto(reviewUrl);
			}
			for (const [i, name] of CRITERIA.entries()) {
				await page
					.getByRole('main')
					.getByRole('group', { name: new RegExp(`^${name}`) })
					.getByLabel(scores[who][i]!)
					.check();
			}
			await page
				.getByLabel('Comment to the proposers')
				.fill('Clear question; say how online participants join the groups.');
			await page.getByLabel('Private comment to the committee').fill('A strong workshop.');
			const [answer] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.getByRole('button', { name: 'Submit', exact: true }).click()
			]);
			await page.getByText('Your review is submitted.', { exact: false }).waitFor();
			await page.getByText('Your review: Submitted').waitFor();
			expectBlind(await received(page, await answer.text(), title), `${who}’s submitted review`);
			if (who === 'priya') await expectAccessible(page);
			await page.goto(`${url}/track/${slug}/review`);
			await page
				.getByRole('region', { name: 'Your reviews' })
				.getByText('1 of 1 submitted')
				.waitFor();
		}

		// The decisions phase: the ranked row, then the decision, sent once.
		await setPhases(admin, slug, {
			'Call for proposals': { from: -10, until: -9 },
			Screening: { from: -9, until: -8 },
			Review: { from: -8, until: -7 },
			Decisions: { from: -1, until: 1 }
		});
		await admin.goto(`${url}/track/${slug}/manage/ranking`);
		const ranked = admin
			.getByRole('region', { name: 'Proposals by score' })
			.getByRole('listitem')
			.filter({ has: admin.getByRole('heading', { name: title }) });
		const rankedText = await ranked.innerText();
		// (83.3 + 66.7) / 2 = 75.0, 83.3 − 66.7 = 16.7 (with equal weights it would be 72.5 and 15.0).
		expect(rankedText).toMatch(/Score\s*75\.0 of 100/);
		expect(rankedText).toMatch(/Spread\s*16\.7 points/);
		expect(rankedText).toMatch(/Reviews\s*2 of 2 submitted/);
		expect(rankedText).not.toContain('Reviewers disagree');
		await expectAccessible(admin);

		await admin.goto(`${url}/track/${slug}/manage/decisions`);
		const decision = admin
			.getByRole('listitem')
			.filter({ has: admin.getByRole('link', { name: title, exact: true }) });
		await decision.getByLabel('Decision', { exact: true }).selectOption({ label: 'Accepted' });
		await decision
			.getByLabel('Note from the committee to the proposers (optional)')
			.fill('Please plan the online breakout rooms with the IGF’s remote hubs.');
		await decision.getByRole('button', { name: 'Save the decision' }).click();
		await admin.getByText('Decision saved (not sent yet).').waitFor();
		await expectAccessible(admin);
		await admin.getByRole('button', { name: 'Send the decision' }).click();
		await admin.getByText('One decision was sent.').waitFor();

		// Tomás confirms, without JavaScript.
		await tomas.page.goto(proposalUrl);
		const part = tomas.page.getByRole('region', { name: 'The committee’s decision' });
		await part.getByText('Accepted', { exact: true }).waitFor();
		await expectAccessible(tomas.page);
		await part.getByRole('button', { name: 'Confirm the session' }).click();
		await tomas.page.getByText('Thank you: the session is confirmed.').waitFor();
		await admin.goto(`${url}/track/${slug}/manage/decisions`);
		await decision.getByText('Confirmed by the proposers').waitFor();

		// The timetable: a room, a slot, the session placed, a version saved and published.
		await setPhases(admin, slug, {
			'Call for proposals': { from: -10, until: -9 },
			Screening: { from: -9, until: -8 },
			Review: { from: -8, until: -7 },
			Decisions: { from: -7, until: -6 },
			Timetable: { from: -1, until: 60 }
		});
		await admin.goto(`${url}/track/${slug}/manage/timetable`);
		await admin.getByRole('heading', { name: `Timetable — ${cycleTitle}`, level: 1 }).waitFor();
		await expectAccessible(admin);
		const rooms = admin.getByRole('region', { name: 'Rooms' });
		await rooms.getByLabel('Name of the room').fill('Conference Room 2');
		await rooms.getByLabel('Onsite or online').selectOption('onsite');
		await rooms.getByLabel('Seats').fill('80');
		await rooms.getByRole('button', { name: 'Add a room' }).click();
		await admin.getByText('Room Conference Room 2 added.').waitFor();
		const slots = admin.getByRole('region', { name: 'Days and slots' });
		await slots.getByLabel('Day').fill(DAY);
		await slots.getByLabel('From').fill('10:00');
		await slots.getByLabel('To').fill('11:30');
		await slots.getByRole('button', { name: 'Add a slot' }).click();
		await admin.getByText('Slot added.').waitFor();
		const place = admin.getByRole('region', { name: 'Place a session' });
		await place.getByLabel('Session').selectOption({ label: `${title} (90 minutes)` });
		await place.getByLabel('Room').selectOption({ label: 'Conference Room 2' });
		await place.getByLabel('Day').fill(DAY);
		await place.getByLabel('Starts at').fill('10:00');
		await place.getByRole('button', { name: 'Place the session' }).click();
		await admin.getByText('Session placed in the draft.').waitFor();
		const versions = admin.getByRole('region', { name: 'Versions' });
		await versions.getByRole('button', { name: 'Save the draft (1 session) as a version' }).click();
		await admin.getByText('The draft is saved as version 1.').waitFor();
		await versions.getByRole('button', { name: 'Publish version 1' }).click();
		await admin.getByText('Version 1 is published.').waitFor();
		await expectAccessible(admin);

		// A visitor: the public timetable in the venue's time (and theirs, UTC), the event's page,
		// the igf-session events, and the public feed.
		const visitor = await person({ javaScriptEnabled: false });
		await visitor.page.goto(`${url}/track/${slug}/timetable`);
		const session = visitor.page
			.getByRole('listitem')
			.filter({ has: visitor.page.getByRole('link', { name: title }) });
		await expect(session.innerText()).resolves.toMatch(/10:00–11:30\s*at the venue/);
		await expect(session.innerText()).resolves.toMatch(/07:00–08:30\s*your time/);
		await expectAccessible(visitor.page);
		await visitor.page.getByRole('link', { name: title }).click();
		await visitor.page.getByRole('heading', { name: title, level: 1 }).waitFor();
		await visitor.page.getByRole('link', { name: cycleTitle }).first().waitFor();
		await expectAccessible(visitor.page);
		const id = /events\/([0-9a-f-]{36})/.exec(visitor.page.url())![1]!;

		await visitor.page.goto(`${url}/events?kind=igf-session`);
		await visitor.page.getByRole('link', { name: title }).first().waitFor();
		await expectAccessible(visitor.page);

		const feed = await (await visitor.page.request.get(`${url}/calendar/public.ics`)).text();
		const root = new ICAL.Component(ICAL.parse(feed));
		for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
		const vevent = root
			.getAllSubcomponents('vevent')
			.map((c) => new ICAL.Event(c))
			.find((e) => e.uid === `${id}@capacity-commons`);
		expect(vevent?.summary).toBe(title);
		expect(vevent?.startDate.zone?.tzid).toBe(ZONE);
		expect(vevent?.startDate.toString()).toBe(`${DAY}T10:00:00`);
		expect(vevent?.startDate.toJSDate().toISOString()).toBe(
			new Date(
				Temporal.PlainDateTime.from(`${DAY}T10:00`).toZonedDateTime(ZONE).epochMilliseconds
			).toISOString()
		);

		expect(people.flatMap((p) => p.errors)).toEqual([]);
		// Nine people and five phases on a shared machine: longer than the project's minute.
	}, 300_000);
});
