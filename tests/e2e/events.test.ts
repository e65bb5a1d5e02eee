/**
 * The calendar's journey in a real Chromium: Priya (coordinator of the Monsoon School) adds a
 * co-organised hybrid event in Geneva's zone (Europe/Zurich), refused first for a missing venue;
 * Amina (Africa/Dakar) finds it on /events under her day, reads both times, answers without
 * JavaScript and gets the join link; the event is full, so Kwame is waitlisted (no link) and takes
 * the seat when Amina says she can't go; Priya's attendee list shows him. Without JavaScript Priya
 * files an event under languages, topics and target groups with a registration window; Amina
 * finds it by its filters and is refused once the window closes. axe on every step.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectSignedInAs, signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Ten days on, at 15:00 on Geneva's clock: the instant, and how Geneva and Dakar write it. */
const day = Temporal.Now.plainDateISO('UTC').add({ days: 10 });
const start = day.toPlainDateTime({ hour: 15 }).toZonedDateTime('Europe/Zurich');
const written = (zone: string) =>
	new Intl.DateTimeFormat('en-GB', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: zone
	}).format(new Date(start.epochMilliseconds));

async function answer(page: Page, choice: string) {
	await page.getByRole('radio', { name: choice }).check();
	await page.getByRole('button', { name: 'Send my answer' }).click();
}

describe('the intersessional calendar', () => {
	it('a coordinator adds a hybrid event in Geneva; Dakar sees both times, answers without JavaScript, gets the link; a full event waitlists the next person and promotes them', async () => {
		const title = `Consultation on community networks ${randomUUID().slice(0, 6)}`;

		// Priya adds the event (with JavaScript).
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await expectSignedInAs(priya.page, 'Priya Raman');
		await priya.page.goto(`${url}/events`);
		await priya.page.getByRole('link', { name: 'Add an event' }).click();
		await priya.page.getByRole('heading', { name: 'Add an event' }).waitFor();
		await expectAccessible(priya.page);
		const form = priya.page.getByRole('main');
		await form.getByLabel('Title', { exact: true }).fill(title);
		await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'Consultation' });
		await form
			.getByLabel('Organised by (your programme or space)', { exact: true })
			.selectOption({ label: 'Monsoon School of Internet Governance' });
		await form.getByText('Choose co-organisers').click();
		await form
			.getByRole('checkbox', { name: 'Postgraduate Diploma in Internet Governance', exact: true })
			.check();
		await form.getByLabel('The event’s time zone', { exact: true }).selectOption('Europe/Zurich');
		await form.getByLabel('First day', { exact: true }).fill(day.toString());
		await form.getByLabel('Starts at', { exact: true }).fill('15:00');
		await form.getByLabel('Ends at', { exact: true }).fill('16:30');
		await form.getByLabel('Format', { exact: true }).selectOption({ label: 'Hybrid' });
		await form
			.getByLabel('Online join link', { exact: true })
			.fill('https://meet.example.org/community-networks');
		await form.getByLabel('Seats (optional)', { exact: true }).fill('1');
		// No venue for a hybrid event: refused on its field, what was typed kept.
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page
			.getByRole('link', { name: 'Name the venue: people come in person.' })
			.waitFor();
		await expect(form.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(title);
		await expectAccessible(priya.page);
		await form.getByLabel('Venue', { exact: true }).fill('Palais des Nations');
		await form.getByLabel('City', { exact: true }).fill('Geneva');
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		const eventUrl = priya.page.url();
		expect(eventUrl).toMatch(/\/events\/[0-9a-f-]{36}-consultation-on-community-networks-/);
		// Priya is in Kolkata: she reads Geneva's time and her own.
		await priya.page.getByText(`${written('Europe/Zurich')}–16:30`).waitFor();
		await priya.page.getByText(`${written('Asia/Kolkata')} for you`).waitFor();
		await expect(
			priya.page.getByRole('link', { name: 'Postgraduate Diploma in Internet Governance' }).count()
		).resolves.toBe(1);
		await expectAccessible(priya.page);

		// Amina, in Dakar, without JavaScript: the list, both times, her seat and the link.
		const amina = await open(browser, { javaScriptEnabled: false });
		await signIn(amina.page, url, 'amina@example.org', DEMO_PASSWORD);
		await expectSignedInAs(amina.page, 'Amina Diallo');
		await amina.page.getByRole('banner').getByRole('link', { name: 'Events' }).click();
		await amina.page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
		await amina.page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Consultation' });
		await amina.page.getByRole('button', { name: 'Show events' }).click();
		await amina.page.waitForURL(/kind=consultation/);
		await expectAccessible(amina.page);
		const dayHeading = new Intl.DateTimeFormat('en-GB', {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'Africa/Dakar'
		}).format(new Date(start.epochMilliseconds));
		const section = amina.page.getByRole('region', { name: dayHeading });
		await section.getByRole('link', { name: title }).click();
		await amina.page.getByRole('heading', { name: title }).waitFor();
		await amina.page.getByText('(Europe/Zurich time)').waitFor();
		await amina.page.getByText(`${written('Africa/Dakar')} for you`).waitFor();
		await expect(amina.page.getByRole('link', { name: 'Join online' }).count()).resolves.toBe(0);
		await expectAccessible(amina.page);
		await answer(amina.page, 'Going');
		await amina.page.getByText('You have a seat. The join link is below.').waitFor();
		await expect(
			amina.page.getByRole('link', { name: 'Join online' }).getAttribute('href')
		).resolves.toBe('https://meet.example.org/community-networks');
		await expectAccessible(amina.page);

		// Kwame (with JavaScript) finds it full: waitlisted, no link.
		const kwame = await open(browser);
		await signIn(kwame.page, url, 'kwame@example.org', DEMO_PASSWORD);
		await expectSignedInAs(kwame.page, 'Kwame Mensah');
		await kwame.page.goto(eventUrl);
		await kwame.page.getByText('Full: new answers go on the waitlist').waitFor();
		await answer(kwame.page, 'Going');
		await kwame.page
			.getByText('The event is full: you are number 1 on the waitlist', { exact: false })
			.waitFor();
		await expect(kwame.page.getByRole('link', { name: 'Join online' }).count()).resolves.toBe(0);
		await expectAccessible(kwame.page);

		// Amina can't go after all: Kwame takes the seat and the link.
		await answer(amina.page, 'Can’t go');
		await amina.page.getByText('Your answer is saved.').waitFor();
		await expect(amina.page.getByRole('link', { name: 'Join online' }).count()).resolves.toBe(0);
		await kwame.page.goto(eventUrl);
		await kwame.page.getByRole('link', { name: 'Join online' }).waitFor();
		await kwame.page.goto(`${url}/notifications`);
		await kwame.page.getByText(`A seat freed up: you are now going to ${title}.`).waitFor();

		// The event as a file and in the public feed, in its own zone, with its VTIMEZONE.
		const id = eventUrl.match(/events\/([0-9a-f-]{36})/)![1]!;
		const file = await kwame.page.request.get(`${eventUrl}/event.ics`);
		expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		const ics = await file.text();
		expect(ics).toContain(`UID:${id}@capacity-commons`);
		expect(ics).toContain(`DTSTART;TZID=Europe/Zurich:${day.toString().replace(/-/g, '')}T150000`);
		expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich');
		const feed = await (await kwame.page.request.get(`${url}/calendar/public.ics`)).text();
		expect(feed).toContain(`UID:${id}@capacity-commons`);

		// Kwame's personal feed: its address shown once, the event in it.
		await kwame.page.goto(`${url}/account/calendar`);
		await kwame.page.getByRole('button', { name: 'Make my feed’s address' }).click();
		const address = await kwame.page.locator('code.feed-address').textContent();
		expect(address).toMatch(/\/calendar\/personal\/[A-Za-z0-9_-]{43}\.ics$/);
		await expectAccessible(kwame.page);
		const personal = await kwame.page.request.get(address!);
		expect(personal.status()).toBe(200);
		expect(await personal.text()).toContain(`UID:${id}@capacity-commons`);

		// Priya's attendee list.
		await priya.page.goto(eventUrl);
		const attendees = priya.page.getByRole('region', { name: 'Attendees' });
		await attendees.getByRole('row', { name: /Kwame Mensah.*Going/ }).waitFor();
		await attendees.getByRole('row', { name: /Amina Diallo.*Can’t go/ }).waitFor();
		const csv = await (await priya.page.request.get(`${eventUrl}/attendees.csv`)).text();
		expect(csv).toContain('"Kwame Mensah","Going"');
		expect((await kwame.page.request.get(`${eventUrl}/attendees.csv`)).status()).toBe(403);
		const ld = JSON.parse(
			(await priya.page.locator('script[type="application/ld+json"]').textContent())!
		);
		expect(ld).toMatchObject({
			'@type': 'Event',
			name: title,
			eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode'
		});
		expect(ld.startDate).toBe(start.toString({ timeZoneName: 'never', smallestUnit: 'second' }));
		await expectAccessible(priya.page);

		for (const { errors } of [priya, amina, kwame]) expect(errors).toEqual([]);
	});

	it('an organiser changes the time (with JavaScript), then cancels and puts it back on (without); a member may not', async () => {
		const title = `Working group call ${randomUUID().slice(0, 6)}`;
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await expectSignedInAs(priya.page, 'Priya Raman');
		await priya.page.goto(`${url}/events/new`);
		const form = priya.page.getByRole('main');
		await form.getByLabel('Title', { exact: true }).fill(title);
		await form.getByLabel('The event’s time zone', { exact: true }).selectOption('Europe/Zurich');
		await form.getByLabel('First day', { exact: true }).fill(day.toString());
		await form.getByLabel('Starts at', { exact: true }).fill('15:00');
		await form.getByLabel('Ends at', { exact: true }).fill('16:30');
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		const eventUrl = priya.page.url();

		// The edit form holds the event as it is, on Geneva's wall clock.
		await priya.page.getByRole('link', { name: 'Change or cancel the event' }).click();
		await priya.page.getByRole('heading', { name: 'Change the event' }).waitFor();
		await expect(form.getByLabel('Starts at', { exact: true }).inputValue()).resolves.toBe('15:00');
		await expect(form.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(title);
		await expectAccessible(priya.page);
		// No organiser left: refused on its field, what was typed kept.
		await form.getByText('Choose the organisers').click();
		await form
			.getByRole('checkbox', { name: 'Monsoon School of Internet Governance', exact: true })
			.uncheck();
		await form.getByLabel('Starts at', { exact: true }).fill('16:00');
		await form.getByLabel('Ends at', { exact: true }).fill('17:00');
		await form.getByRole('button', { name: 'Save the changes' }).click();
		await priya.page
			.getByRole('link', { name: 'Choose the programme that organises the event.' })
			.waitFor();
		await expect(form.getByLabel('Starts at', { exact: true }).inputValue()).resolves.toBe('16:00');
		await form
			.getByRole('checkbox', { name: 'Monsoon School of Internet Governance', exact: true })
			.check();
		await form.getByRole('button', { name: 'Save the changes' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		await priya.page.getByText('This event has moved: check its new time.').waitFor();
		const later = day.toPlainDateTime({ hour: 16 }).toZonedDateTime('Europe/Zurich');
		const at = new Intl.DateTimeFormat('en-GB', {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			hour: '2-digit',
			minute: '2-digit',
			timeZone: 'Europe/Zurich'
		}).format(new Date(later.epochMilliseconds));
		await priya.page.getByText(`${at}–17:00`).waitFor();
		let ics = await (await priya.page.request.get(`${eventUrl}/event.ics`)).text();
		expect(ics).toContain(`DTSTART;TZID=Europe/Zurich:${day.toString().replace(/-/g, '')}T160000`);
		expect(ics).toContain('SEQUENCE:1');

		// Without JavaScript: cancelling asks for the box, then the event shows as cancelled.
		const noJs = await open(browser, { javaScriptEnabled: false });
		await signIn(noJs.page, url, 'priya@example.org', DEMO_PASSWORD);
		await noJs.page.goto(`${eventUrl}/edit`);
		await noJs.page.getByRole('button', { name: 'Cancel the event' }).click();
		await noJs.page.getByText('Tick the box to cancel the event.').waitFor();
		await expectAccessible(noJs.page);
		await noJs.page.getByRole('checkbox', { name: 'Yes, cancel this event' }).check();
		await noJs.page.getByRole('button', { name: 'Cancel the event' }).click();
		await noJs.page.getByRole('heading', { name: title }).waitFor();
		await noJs.page.getByText('This event is cancelled.').waitFor();
		ics = await (await noJs.page.request.get(`${eventUrl}/event.ics`)).text();
		expect(ics).toContain('STATUS:CANCELLED');
		expect(ics).toContain('SEQUENCE:2');
		const feed = await (await noJs.page.request.get(`${url}/calendar/public.ics`)).text();
		const id = eventUrl.match(/events\/([0-9a-f-]{36})/)![1]!;
		const inFeed = feed.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${id}@`));
		expect(inFeed).toContain('STATUS:CANCELLED');
		await noJs.page.goto(`${eventUrl}/edit`);
		await noJs.page.getByRole('button', { name: 'Put it back on' }).click();
		await noJs.page.getByRole('heading', { name: title }).waitFor();
		await expect(noJs.page.getByText('This event is cancelled.').count()).resolves.toBe(0);

		// Amina is a member, not an organiser: no link, and the page refuses her.
		const amina = await open(browser);
		await signIn(amina.page, url, 'amina@example.org', DEMO_PASSWORD);
		await amina.page.goto(eventUrl);
		await amina.page.getByRole('heading', { name: title }).waitFor();
		await expect(
			amina.page.getByRole('link', { name: 'Change or cancel the event' }).count()
		).resolves.toBe(0);
		const refused = await amina.page.goto(`${eventUrl}/edit`);
		expect(refused?.status()).toBe(403);
		await amina.page.getByText('Only the event’s organisers change it.').waitFor();

		for (const { errors } of [priya, noJs]) expect(errors).toEqual([]);
	});

	it('without JavaScript a coordinator files an event under languages, topics and target groups with a registration window; the page shows them, the filters find it, and once the window closes it takes no answer', async () => {
		const title = `Diplomats’ data briefing ${randomUUID().slice(0, 6)}`;
		const geneva = (d: Temporal.PlainDate, time: string) =>
			d.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime('Europe/Zurich');
		const local = (d: Temporal.PlainDate, time: string) => `${d.toString()}T${time}`;
		const inWords = (at: Temporal.ZonedDateTime, zone: string, timeOnly = false) =>
			new Intl.DateTimeFormat('en-GB', {
				...(timeOnly ? {} : { weekday: 'long', day: 'numeric', month: 'long' }),
				hour: '2-digit',
				minute: '2-digit',
				timeZone: zone
			}).format(new Date(at.epochMilliseconds));
		const today = Temporal.Now.plainDateISO('Europe/Zurich');
		const opens = day.subtract({ days: 5 });
		const closes = day.subtract({ days: 1 });

		const priya = await open(browser, { javaScriptEnabled: false });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/events/new`);
		const form = priya.page.getByRole('main');
		await form.getByLabel('Title', { exact: true }).fill(title);
		await form.getByLabel('The event’s time zone', { exact: true }).selectOption('Europe/Zurich');
		await form.getByLabel('First day', { exact: true }).fill(day.toString());
		await form.getByLabel('Starts at', { exact: true }).fill('15:00');
		await form.getByLabel('Ends at', { exact: true }).fill('16:30');
		const tick = async (legend: string, names: string[]) => {
			const group = form.getByRole('group', { name: legend, exact: true });
			const summary = group.locator('summary');
			if (await summary.count()) await summary.click();
			for (const name of names) await group.getByRole('checkbox', { name, exact: true }).check();
		};
		await tick('Languages', ['French', 'Spanish']);
		await tick('Topics', ['Data governance (Economic)']);
		await tick('Target groups', ['Youth', 'Diplomats']);
		// Closing before it opens: refused on its field, what was ticked kept.
		await form.getByLabel('Registration opens', { exact: true }).fill(local(closes, '09:00'));
		await form.getByLabel('Registration closes', { exact: true }).fill(local(opens, '18:00'));
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page
			.getByRole('link', { name: 'Registration must close after it opens.' })
			.waitFor();
		await expect(
			form.getByRole('checkbox', { name: 'Diplomats', exact: true }).isChecked()
		).resolves.toBe(true);
		await expectAccessible(priya.page);
		await form.getByLabel('Registration opens', { exact: true }).fill(local(opens, '09:00'));
		await form.getByLabel('Registration closes', { exact: true }).fill(local(closes, '18:00'));
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		const eventUrl = priya.page.url();

		// The page: languages in the page's language, topics and groups by their names, the window
		// on Geneva's clock and on Priya's (Asia/Kolkata); no answer before it opens.
		const facts = priya.page.getByRole('region', { name: 'About the event' });
		await facts.getByText('French, Spanish', { exact: true }).waitFor();
		await facts.getByText('Data governance', { exact: true }).waitFor();
		await facts.getByText('Youth, Diplomats', { exact: true }).waitFor();
		const opening = geneva(opens, '09:00');
		await priya.page
			.getByText(`Registration opens ${inWords(opening, 'Europe/Zurich')}`, { exact: false })
			.waitFor();
		await priya.page
			.getByText(`— ${inWords(opening, 'Asia/Kolkata', true)} for you`, { exact: true })
			.waitFor();
		await priya.page
			.getByText('Answers are not taken yet: come back once registration opens.')
			.waitFor();
		await expect(priya.page.getByRole('button', { name: 'Send my answer' }).count()).resolves.toBe(
			0
		);
		const ld = JSON.parse(
			(await priya.page.locator('script[type="application/ld+json"]').textContent())!
		);
		expect(ld.audience).toEqual([
			{ '@type': 'Audience', audienceType: 'Youth' },
			{ '@type': 'Audience', audienceType: 'Diplomats' }
		]);
		await expectAccessible(priya.page);

		// The edit form holds what was set; the window opens now (since yesterday).
		await priya.page.goto(`${eventUrl}/edit`);
		// (In a closed <details>: found by its value, not its role.)
		await expect(form.locator('input[name="languages"][value="fr"]').isChecked()).resolves.toBe(
			true
		);
		await expect(
			form.locator('input[name="target_groups"][value="diplomats"]').isChecked()
		).resolves.toBe(true);
		await expect(
			form.getByLabel('Registration closes', { exact: true }).inputValue()
		).resolves.toBe(local(closes, '18:00'));
		await form
			.getByLabel('Registration opens', { exact: true })
			.fill(local(today.subtract({ days: 1 }), '09:00'));
		await form.getByRole('button', { name: 'Save the changes' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();

		// Amina finds it by its language and its target group, and opens it while it takes answers.
		const amina = await open(browser, { javaScriptEnabled: false });
		await signIn(amina.page, url, 'amina@example.org', DEMO_PASSWORD);
		await amina.page.goto(`${url}/events`);
		await amina.page.getByLabel('Language', { exact: true }).selectOption({ label: 'French' });
		await amina.page
			.getByLabel('Target group', { exact: true })
			.selectOption({ label: 'Diplomats' });
		await amina.page.getByRole('button', { name: 'Show events' }).click();
		await amina.page.waitForURL(/target_group=diplomats/);
		await expectAccessible(amina.page);
		await amina.page.getByRole('link', { name: title }).click();
		await amina.page.getByRole('heading', { name: title }).waitFor();
		await amina.page.getByRole('button', { name: 'Send my answer' }).waitFor();

		// Priya closes registration (yesterday evening); Amina's page, opened before, is refused.
		await priya.page.goto(`${eventUrl}/edit`);
		await form
			.getByLabel('Registration opens', { exact: true })
			.fill(local(today.subtract({ days: 2 }), '09:00'));
		await form
			.getByLabel('Registration closes', { exact: true })
			.fill(local(today.subtract({ days: 1 }), '18:00'));
		await form.getByRole('button', { name: 'Save the changes' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		await answer(amina.page, 'Going');
		await amina.page
			.getByText(
				'This event takes no more answers: it is cancelled, over, or its registration is closed.'
			)
			.waitFor();
		await amina.page.goto(eventUrl);
		await amina.page.getByText('Registration closed', { exact: true }).waitFor();
		await amina.page
			.getByText('Registration is closed: this event takes no more answers.')
			.waitFor();
		await expect(amina.page.getByRole('button', { name: 'Send my answer' }).count()).resolves.toBe(
			0
		);
		await expectAccessible(amina.page);

		for (const { errors } of [priya, amina]) expect(errors).toEqual([]);
	});

	it('a coordinator makes a fortnightly series without JavaScript, then moves this and the following dates', async () => {
		const title = `Fortnightly working group ${randomUUID().slice(0, 6)}`;
		const priya = await open(browser, { javaScriptEnabled: false });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/events/new`);
		const form = priya.page.getByRole('main');
		await form.getByLabel('Title', { exact: true }).fill(title);
		await form.getByLabel('The event’s time zone', { exact: true }).selectOption('Europe/Zurich');
		await form.getByLabel('First day', { exact: true }).fill(day.toString());
		await form.getByLabel('Starts at', { exact: true }).fill('15:00');
		await form.getByLabel('Ends at', { exact: true }).fill('16:00');
		await form.getByLabel('Repeat', { exact: true }).selectOption({ label: 'Every two weeks' });
		// A series must end: refused until it does.
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page
			.getByRole('link', { name: 'Give the last day or the number of times: a series must end.' })
			.waitFor();
		await expectAccessible(priya.page);
		await form.getByLabel('Or how many times', { exact: true }).fill('4');
		await form.getByRole('button', { name: 'Add the event' }).click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		const series = priya.page.getByRole('region', { name: 'Other dates of this series' });
		await expect(series.getByRole('listitem').count()).resolves.toBe(3);
		await expectAccessible(priya.page);

		// The second date: this and the following ones an hour later, on Geneva's clock.
		await series.getByRole('link').first().click();
		await priya.page.getByRole('heading', { name: title }).waitFor();
		const second = priya.page.url();
		await priya.page.getByRole('link', { name: 'Change or cancel the event' }).click();
		await priya.page.getByRole('radio', { name: 'This date and the following ones' }).check();
		await form.getByLabel('Starts at', { exact: true }).fill('16:00');
		await form.getByLabel('Ends at', { exact: true }).fill('17:00');
		await form.getByRole('button', { name: 'Save the changes' }).click();
		await priya.page.getByText('This event has moved: check its new time.').waitFor();
		const starts = async (eventUrl: string) =>
			(await (await priya.page.request.get(`${eventUrl}/event.ics`)).text()).match(
				/DTSTART;TZID=Europe\/Zurich:(\d{8}T\d{6})/
			)![1];
		const compact = (d: Temporal.PlainDate, time: string) =>
			`${d.toString().replace(/-/g, '')}T${time}`;
		expect(await starts(second)).toBe(compact(day.add({ days: 14 }), '160000'));
		await priya.page.goto(second);
		const links = await priya.page
			.getByRole('region', { name: 'Other dates of this series' })
			.getByRole('link')
			.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
		expect(links).toHaveLength(3);
		// The first stays at 15:00; the third and fourth moved with the second.
		expect(await starts(links[0]!)).toBe(compact(day, '150000'));
		expect(await starts(links[1]!)).toBe(compact(day.add({ days: 28 }), '160000'));
		expect(await starts(links[2]!)).toBe(compact(day.add({ days: 42 }), '160000'));
		expect(priya.errors).toEqual([]);
	});

	it('an organiser announces an event: the mail to a member arrives in that member’s language', async () => {
		const title = `Atelier des NRI ${randomUUID().slice(0, 6)}`;
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await expectSignedInAs(priya.page, 'Priya Raman');
		// Priya, a member of her own programme, reads her mail in French (the language switcher).
		const switched = await priya.page.request.post(`${url}/language`, {
			form: { locale: 'fr', path: '/' },
			headers: { origin: url },
			maxRedirects: 0
		});
		expect(switched.status()).toBe(303);
		// Her mail's language stays in her profile; her pages stay in English (no cookie).
		await priya.page.context().clearCookies({ name: 'locale' });
		try {
			await priya.page.goto(`${url}/events/new`);
			const form = priya.page.getByRole('main');
			await form.getByLabel('Title', { exact: true }).fill(title);
			await form.getByLabel('First day', { exact: true }).fill(day.toString());
			await form.getByLabel('Starts at', { exact: true }).fill('10:00');
			await form.getByLabel('Ends at', { exact: true }).fill('11:00');
			await form.getByRole('button', { name: 'Add the event' }).click();
			await priya.page.getByRole('heading', { name: title }).waitFor();
			await priya.page.getByRole('link', { name: 'Change or cancel the event' }).click();
			await priya.page.getByRole('button', { name: 'Announce to our programmes’ members' }).click();
			await priya.page.getByText('The announcement is on its way.').waitFor();
			await expectAccessible(priya.page);

			const mail = priya.page
				.getByRole('article')
				.filter({ has: priya.page.getByRole('heading', { name: `Nouvel événement : ${title}` }) });
			const deadline = Date.now() + 20_000;
			do {
				await priya.page.goto(`${url}/dev/mail?to=${encodeURIComponent('priya@example.org')}`);
				if ((await mail.count()) > 0) break;
				await priya.page.waitForTimeout(500);
			} while (Date.now() < deadline);
			await mail.waitFor({ timeout: 1_000 });
			const text = await mail.locator('pre').textContent();
			expect(text).toContain('Bonjour Priya Raman,');
			expect(text).toContain('vous invite à un événement');
			expect(text).toMatch(/\/fr\/events\/[0-9a-f-]{36}-/);

			// The page says it was announced, and to how many, and offers it no more.
			await priya.page.goBack();
			await priya.page.reload();
			await priya.page.getByText(/Announced on .* (person|people)\./).waitFor();
			await expect(
				priya.page.getByRole('button', { name: 'Announce to our programmes’ members' }).count()
			).resolves.toBe(0);
			await priya.page.goto(`${url}/notifications`);
			await priya.page.getByText(`New event from your programme: ${title}`).waitFor();
		} finally {
			await priya.page.request.post(`${url}/language`, {
				form: { locale: 'en', path: '/' },
				headers: { origin: url },
				maxRedirects: 0
			});
		}
		expect(priya.errors).toEqual([]);
	});

	it('a visitor without JavaScript filters the calendar by organiser and days; a programme’s events and their feed', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		const today = Temporal.Now.plainDateISO('UTC');
		await page.goto(`${url}/events`);
		await page
			.getByLabel('Organised by', { exact: true })
			.selectOption({ label: 'Monsoon School of Internet Governance' });
		await page.getByLabel('From', { exact: true }).fill(today.toString());
		await page.getByLabel('Until', { exact: true }).fill(today.add({ days: 3 }).toString());
		await page.getByRole('button', { name: 'Show events' }).click();
		await page.waitForURL(/organiser=programme%3Amonsoon-school-internet-governance/);
		const seeded = page.getByRole('link', {
			name: 'Data protection in South Asia: what changed this year'
		});
		await seeded.waitFor();
		const href = await seeded.getAttribute('href');
		// Every event listed is the Monsoon School's.
		const organisers = await page.locator('main article.event-card').allTextContents();
		expect(organisers.every((text) => text.includes('Monsoon School'))).toBe(true);
		await expectAccessible(page);
		// Days that hold none of its events: none listed; dates out of order: said so.
		await page.getByLabel('From', { exact: true }).fill(today.add({ days: 400 }).toString());
		await page.getByLabel('Until', { exact: true }).fill(today.add({ days: 401 }).toString());
		await page.getByRole('button', { name: 'Show events' }).click();
		await page.getByText('No upcoming events match these filters.').waitFor();
		await page.goto(`${url}/events?from=2027-02-01&to=2027-01-01`);
		await page.getByText('The last day comes after the first.').waitFor();

		// The month view, with the same organiser: a real table, the event on its day.
		await page.goto(`${url}/events?organiser=programme:monsoon-school-internet-governance`);
		await page.getByRole('link', { name: 'Month view' }).click();
		await page.waitForURL(/\/events\/month\?organiser=programme%3Amonsoon/);
		const month = page.getByRole('table');
		await month.getByRole('columnheader').first().waitFor();
		expect(await month.getByRole('columnheader').count()).toBe(7);
		if (!(await month.locator(`a[href="${href}"]`).count())) {
			await page.getByRole('link', { name: 'Next month' }).click();
		}
		const cell = page.getByRole('cell').filter({ has: page.locator(`a[href="${href}"]`) });
		await cell.first().waitFor();
		// The intersessional period is drawn here too, as on the list.
		await page.getByRole('heading', { name: 'The intersessional period' }).waitFor();
		await page
			.getByRole('progressbar', { name: 'Days gone between the two annual meetings' })
			.waitFor();
		await expectAccessible(page);
		await page.goto(`${url}/events/month?month=2027-13`);
		await page.getByText('Choose a month as year and month, such as 2027-03.').waitFor();

		await page.goto(`${url}/programmes/monsoon-school-internet-governance/events`);
		await page
			.getByRole('heading', { name: 'Events of Monsoon School of Internet Governance' })
			.waitFor();
		await page.locator(`main a[href="${href}"]`).first().waitFor();
		await expectAccessible(page);
		const feed = await page.request.get(
			`${url}/calendar/programmes/monsoon-school-internet-governance.ics`
		);
		expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		const id = href!.match(/events\/([0-9a-f-]{36})/)![1]!;
		expect(await feed.text()).toContain(`UID:${id}@capacity-commons`);
		expect(
			(await page.request.get(`${url}/calendar/programmes/no-such-programme.ics`)).status()
		).toBe(404);
		// The public calendar as open data: the same event in JSON and in CSV.
		const data = await (await page.request.get(`${url}/calendar/public.json`)).json();
		const listed = data.events.find((e: { id: string }) => e.id === id);
		expect(listed).toMatchObject({ url: `${url}${href!.replace(/^\/[a-z]{2}\//, '/')}` });
		const csv = await page.request.get(`${url}/calendar/public.csv`);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const lines = (await csv.text()).split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFF"id","url","title","kind","format","status","time_zone","all_day","starts_at","ends_at","starts_on","ends_on","venue_name","venue_city","country","languages","topics","target_groups","organisers","updated_at"'
		);
		expect(lines.some((line) => line.startsWith(`"${id}"`))).toBe(true);
		expect(errors).toEqual([]);
	});

	it('spaces organise events: a visitor follows a regional space to its events and feed; a private working group’s moderator adds one from its calendar', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/spaces/africa`);
		await page.getByRole('main').getByRole('link', { name: 'Events', exact: true }).click();
		await page.waitForURL(`${url}/spaces/africa/events`);
		const prep = page.getByRole('link', {
			name: 'West Africa IGF: preparatory meeting of the NRIs'
		});
		await prep.waitFor();
		await expectAccessible(page);
		// The event names the space among its organisers, linked back.
		await prep.click();
		await page.getByRole('link', { name: 'Africa' }).first().waitFor();
		const id = page.url().match(/events\/([0-9a-f-]{36})/)![1]!;
		const feed = await page.request.get(`${url}/calendar/spaces/africa.ics`);
		expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		expect(await feed.text()).toContain(`UID:${id}@capacity-commons`);
		// A private group has no public feed, and its calendar is its members' only.
		expect((await page.request.get(`${url}/calendar/spaces/nri-coorganisers.ics`)).status()).toBe(
			404
		);
		expect((await page.goto(`${url}/spaces/nri-coorganisers/events`))!.status()).toBe(404);
		// Nor does a visitor see the group's members-only call on /events.
		await page.goto(`${url}/events`);
		expect(
			await page
				.getByText('NRI co-organisers: speakers and funding for the spring meetings')
				.count()
		).toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();

		// Priya moderates the group: its call is on its calendar, and she adds the next one there.
		const priya = await open(browser, { javaScriptEnabled: false });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/spaces/nri-coorganisers/events`);
		await priya.page
			.getByRole('link', {
				name: 'NRI co-organisers: speakers and funding for the spring meetings'
			})
			.waitFor();
		expect(await priya.page.getByText('Subscribe').count()).toBe(0);
		await expectAccessible(priya.page);
		await priya.page.getByRole('link', { name: 'Add an event' }).click();
		await priya.page.waitForURL(
			/\/events\/new\?organiser=space%3A|\/events\/new\?organiser=space:/
		);
		const organiser = priya.page.getByLabel('Organised by (your programme or space)', {
			exact: true
		});
		expect(await organiser.locator('option:checked').textContent()).toBe(
			'NRI co-organisers (space)'
		);
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();
	});
});
