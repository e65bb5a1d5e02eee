/**
 * The track's journey in a real Chromium: the demo cycle (IGF 2027) is in its review phase, so
 * Leilani (admin) adds the next cycle and opens its call; Tomás proposes a session to it with two
 * co-proposers (Amina and Kwame) and four speakers, the minimum criteria checked live as he types
 * (with JavaScript), and submits it; the same page without JavaScript saves a draft and the server
 * checks the criteria; Amina accepts being named; Leilani (admin) screens the proposal out with a
 * reason, and Tomás reads it on his proposal's page. axe on every step, in English and Arabic.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './accounts.ts';
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

type Person = { name: string; group: string; region: string; gender: string; confirmed: boolean };

const SPEAKERS: Person[] = [
	{
		name: 'Valentina Ríos',
		group: 'Academia',
		region: 'Americas',
		gender: 'woman',
		confirmed: true
	},
	{ name: 'Kofi Boateng', group: 'Government', region: 'Africa', gender: 'man', confirmed: true },
	{ name: 'Mei Chen', group: 'Civil society', region: 'Asia', gender: 'woman', confirmed: true },
	{
		name: 'Lars Berg',
		group: 'Technical community',
		region: 'Europe',
		gender: '',
		confirmed: false
	}
];

async function fillSession(page: Page, title: string) {
	const main = page.getByRole('main');
	await main.getByLabel('Title', { exact: true }).fill(title);
	await main.getByLabel('Format', { exact: true }).selectOption({ label: 'Workshop' });
	await main.getByLabel('Duration (minutes)', { exact: true }).fill('90');
	await main
		.getByLabel('Policy question(s)', { exact: true })
		.fill('Which Latin American cases best teach multistakeholder policy making?');
	await main
		.getByLabel('Description', { exact: true })
		.fill('Trainers compare the case studies they teach with.');
	await main.getByLabel('Expected outcomes', { exact: true }).fill('A shared reading list.');
	await main
		.getByLabel('How participants will take part, online and onsite', { exact: true })
		.fill('Small groups onsite, a shared document online.');
	await main.getByLabel('Target audience', { exact: true }).fill('Trainers and coordinators.');
	await main.getByRole('checkbox', { name: 'English' }).check();
	await main.getByRole('checkbox', { name: 'Spanish' }).check();
}

async function fillPerson(page: Page, legend: string, person: Person, onsite = true) {
	const row = page.getByRole('group', { name: legend, exact: true });
	await row.getByLabel('Name', { exact: true }).fill(person.name);
	await row.getByLabel('Stakeholder group', { exact: true }).selectOption({ label: person.group });
	await row.getByLabel('Region', { exact: true }).selectOption({ label: person.region });
	await row.getByLabel('Gender (optional)', { exact: true }).fill(person.gender);
	await row
		.getByLabel('Taking part', { exact: true })
		.selectOption({ label: onsite ? 'Onsite' : 'Online' });
	await row
		.getByLabel('Confirmed', { exact: true })
		.selectOption({ label: person.confirmed ? 'Yes' : 'Not yet' });
}

const criteria = (page: Page) => page.getByRole('region', { name: 'Minimum criteria' });

describe('the capacity-building track', () => {
	it('Leilani opens a call; Tomás proposes with two co-proposers and four speakers, the criteria live; without JavaScript the server checks them; Amina accepts; Leilani screens it out and Tomás reads why', async () => {
		const suffix = randomUUID().slice(0, 6);
		const title = `Case studies for teaching Internet governance ${suffix}`;
		const slug = `igf-2028-${suffix}`;
		const cycleTitle = `IGF 2028 capacity-building track ${suffix}`;

		// Leilani adds the next cycle from the current one's page, and opens its call (Nairobi's
		// wall clock: UTC+3 all year).
		const leilani = await open(browser);
		await signIn(leilani.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await leilani.page.goto(`${url}/track/igf-2027/manage`);
		await leilani.page.getByRole('link', { name: 'Add a cycle' }).click();
		await leilani.page.getByRole('heading', { name: 'Add a cycle' }).waitFor();
		await expectAccessible(leilani.page);
		await leilani.page.getByLabel('Address', { exact: true }).fill(slug);
		await leilani.page.getByLabel('Title of the cycle').fill(cycleTitle);
		await leilani.page.getByLabel('Time zone').selectOption('Africa/Nairobi');
		await leilani.page.getByRole('button', { name: 'Create the cycle' }).click();
		await leilani.page.waitForURL(`${url}/track/${slug}/manage`);
		const wall = (days: number) =>
			new Date(Date.now() + 3 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 16);
		const call = leilani.page.getByRole('group', { name: 'Call for proposals' });
		await call.getByLabel('From', { exact: true }).fill(wall(-1));
		await call.getByLabel('Until', { exact: true }).fill(wall(30));
		await call.getByLabel('Proposers may change their proposals').check();
		await leilani.page.getByRole('button', { name: 'Save the phases' }).click();
		await leilani.page.getByText('Saved.').first().waitFor();

		// Tomás, with JavaScript: from the cycle's page to the call and its form.
		const tomas = await open(browser);
		await signIn(tomas.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await tomas.page.goto(`${url}/track/${slug}`);
		await tomas.page.getByRole('heading', { name: cycleTitle }).waitFor();
		await expectAccessible(tomas.page);
		await tomas.page.getByRole('link', { name: 'Propose a session' }).click();
		await tomas.page.getByRole('heading', { name: 'Propose a session', level: 1 }).waitFor();
		await expectAccessible(tomas.page);

		await fillSession(tomas.page, title);
		const main = tomas.page.getByRole('main');
		await main.getByLabel('Co-proposer 1', { exact: true }).fill('amina-diallo');
		await main.getByLabel('Co-proposer 2', { exact: true }).fill('kwame-mensah');
		await expect(
			criteria(tomas.page).getByText('Confirmed speakers: 0 (at least 3)').count()
		).resolves.toBe(1);
		for (const [i, speaker] of SPEAKERS.entries()) {
			await fillPerson(tomas.page, `Speaker ${i + 1}`, speaker, i !== 2);
		}
		// Live, before anything is saved: three confirmed of three groups, regions and two genders.
		await criteria(tomas.page).getByText('Confirmed speakers: 3 (at least 3)').waitFor();
		await criteria(tomas.page).getByText('Genders among them: 2 (more than one)').waitFor();
		await criteria(tomas.page)
			.getByText('Does not meet the minimum criteria yet', { exact: false })
			.waitFor();
		await fillPerson(tomas.page, 'Moderator', {
			name: 'Ana Lucía Torres',
			group: 'Civil society',
			region: 'Americas',
			gender: 'woman',
			confirmed: true
		});
		await criteria(tomas.page).getByText('Meets the minimum criteria.').waitFor();
		await expectAccessible(tomas.page);
		await main.getByRole('button', { name: 'Submit the proposal' }).click();
		await tomas.page.getByText('Your proposal is submitted.', { exact: false }).waitFor();
		await tomas.page.getByText('Status: Submitted').waitFor();
		await tomas.page.getByText('Amina Diallo — asked, not yet answered').waitFor();
		await expectAccessible(tomas.page);
		const proposalUrl = tomas.page.url();
		// In Arabic, right to left.
		await tomas.page.goto(proposalUrl.replace(url, `${url}/ar`));
		await expect(tomas.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(tomas.page);

		// The same form without JavaScript: a draft saved, the criteria checked by the server.
		const plain = await open(browser, { javaScriptEnabled: false });
		await signIn(plain.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await plain.page.goto(`${url}/track/${slug}/propose`);
		await fillSession(plain.page, `${title} (draft)`);
		await fillPerson(plain.page, 'Speaker 1', SPEAKERS[0]!);
		await fillPerson(plain.page, 'Speaker 2', SPEAKERS[3]!);
		await plain.page.getByRole('button', { name: 'Save the draft' }).click();
		await plain.page.getByText('Your draft is saved.').waitFor();
		await criteria(plain.page).getByText('Confirmed speakers: 1 (at least 3)').waitFor();
		await expect(
			plain.page
				.getByRole('group', { name: 'Speaker 2', exact: true })
				.getByLabel('Name', { exact: true })
				.inputValue()
		).resolves.toBe('Lars Berg');
		await expectAccessible(plain.page);
		// A handle that names nobody is refused, and what was typed stays.
		await plain.page.getByLabel('Co-proposer 1', { exact: true }).fill('nobody-by-this-name');
		await plain.page.getByRole('button', { name: 'Save the draft' }).click();
		await plain.page.getByText('No member has the handle nobody-by-this-name.').first().waitFor();
		await expect(plain.page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(
			`${title} (draft)`
		);

		// Amina accepts being named.
		const amina = await open(browser);
		await signIn(amina.page, url, 'amina@example.org', DEMO_PASSWORD);
		await amina.page.goto(proposalUrl);
		await amina.page.getByRole('heading', { name: 'You are asked to co-propose' }).waitFor();
		await expectAccessible(amina.page);
		await amina.page.getByRole('button', { name: 'Accept being named' }).click();
		await amina.page.getByText('You are named as a co-proposer.').waitFor();
		await amina.page.getByText('Amina Diallo — accepted').waitFor();

		// Leilani screens it out with a reason.
		await leilani.page.goto(`${url}/track/${slug}/manage`);
		await expectAccessible(leilani.page);
		const item = leilani.page
			.getByRole('listitem')
			.filter({ has: leilani.page.getByRole('link', { name: title, exact: true }) });
		await item
			.getByLabel('Why it misses the minimum criteria (sent to the proposers)')
			.fill('The moderator must be confirmed onsite by the IGF Secretariat.');
		await item.getByRole('button', { name: 'Screen out' }).click();
		await leilani.page.getByText('Screened out; the proposers are told why.').waitFor();

		// Tomás reads the reason.
		await tomas.page.goto(proposalUrl);
		await tomas.page.getByText('Status: Screened out').waitFor();
		await tomas.page
			.getByText('The moderator must be confirmed onsite by the IGF Secretariat.')
			.waitFor();
		await expectAccessible(tomas.page);
		await tomas.page.goto(proposalUrl.replace(url, `${url}/ar`));
		await expectAccessible(tomas.page);

		expect([...tomas.errors, ...amina.errors, ...leilani.errors]).toEqual([]);
	});
});
