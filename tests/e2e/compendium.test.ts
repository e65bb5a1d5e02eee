import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const MONSOON = 'monsoon-school-internet-governance';
let browser: Browser;
/** The key journeys run twice: as most browse, and as on a phone with JavaScript off. */
const JAVASCRIPT = [
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
];

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe.each(JAVASCRIPT)('a visitor browses the compendium $label', ({ javaScript }) => {
	it('filters, searches, opens a programme and its organisation', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		const response = await page.goto(`${url}/programmes`);
		expect(response?.status()).toBe(200);
		await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
		await expectAccessible(page);

		// A facet: only online programmes, and the address says so (shareable).
		await page
			.getByRole('group', { name: 'Format' })
			.getByLabel(/^Online/)
			.check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/format=online/);
		await page.getByRole('heading', { level: 2, name: /\d+ programmes?/ }).waitFor();
		const online = await page.getByRole('article').count();
		expect(online).toBeGreaterThan(0);
		await expect(
			page
				.getByRole('group', { name: 'Format' })
				.getByLabel(/^Online/)
				.isChecked()
		).resolves.toBe(true);
		await expectAccessible(page);

		// Words: the search box finds a school by a word of its name.
		await page.goto(`${url}/programmes`);
		await page.getByLabel('Search programmes').fill('monsoon school');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await page.waitForURL(/q=monsoon/);
		const result = page.getByRole('link', { name: 'Monsoon School of Internet Governance' });
		await result.waitFor();
		await expectAccessible(page);

		await result.click();
		await page.waitForURL(`**/programmes/${MONSOON}`);
		await page
			.getByRole('heading', { level: 1, name: 'Monsoon School of Internet Governance' })
			.waitFor();
		await page.getByRole('heading', { name: 'Cohorts' }).waitFor();
		await expect(
			page.getByRole('link', { name: /verified alumni and trainers/ }).getAttribute('href')
		).resolves.toBe(`/programmes/${MONSOON}/people`);
		// Visitors are not offered editing.
		expect(await page.getByRole('link', { name: /edit/i }).count()).toBe(0);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).first().click();
		await page.waitForURL('**/organisations/monsoon-forum');
		await page.getByRole('heading', { level: 1, name: 'Monsoon Network Policy Forum' }).waitFor();
		await page.getByRole('link', { name: 'Monsoon School of Internet Governance' }).waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('a visitor browses the organisations $label', ({ javaScript }) => {
	it('opens them from the compendium, finds one by a name without its accent, and goes back', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/programmes`);
		await page.getByRole('link', { name: 'the organisations that run them' }).click();
		await page.waitForURL(`${url}/organisations`);
		await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
		await page.getByRole('heading', { level: 2, name: /^\d+ organisations$/ }).waitFor();
		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).waitFor();
		// Plain HTML: no script ships, nor its data for one.
		expect(await page.locator('script').count()).toBe(0);
		// Visitors are not offered curation.
		expect(await page.getByRole('link', { name: 'Add an organisation' }).count()).toBe(0);
		await expectAccessible(page);

		// The address says the search (shareable); "fundacion" finds "Fundación".
		await page.getByLabel('Search organisations by name').fill('fundacion');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await page.waitForURL(/\/organisations\?q=fundacion$/);
		await page
			.getByRole('heading', { level: 2, name: '1 organisation matching “fundacion”' })
			.waitFor();
		const ceiba = page.getByRole('link', { name: 'Fundación Ceiba Digital' });
		const item = page.getByRole('listitem').filter({ has: ceiba });
		await item.getByText('Civil society · Uruguay · 1 programme').waitFor();
		await expectAccessible(page);

		await ceiba.click();
		await page.waitForURL('**/organisations/ceiba-digital');
		await page.getByRole('heading', { level: 1, name: 'Fundación Ceiba Digital' }).waitFor();
		await page.getByRole('link', { name: 'Ceiba School of Internet Governance' }).waitFor();
		await expectAccessible(page);
		await page
			.getByRole('navigation', { name: 'Breadcrumb' })
			.getByRole('link', { name: 'All organisations' })
			.click();
		await page.waitForURL(`${url}/organisations`);
		await page.getByRole('link', { name: 'Fundación Ceiba Digital' }).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('what the compendium refuses', () => {
	it('explains a bad filter instead of failing, and has no page for an unknown programme', async () => {
		const { page } = await open(browser);
		const response = await page.goto(`${url}/programmes?level=expert&region=xx`);
		expect(response?.status()).toBe(200);
		await page.getByRole('alert').filter({ hasText: 'not a level' }).waitFor();
		await expectAccessible(page);
		const missing = await page.goto(`${url}/programmes/no-such-programme`);
		expect(missing?.status()).toBe(404);
		const edit = await page.goto(`${url}/programmes/${MONSOON}/edit`);
		expect(new URL(page.url()).pathname).toBe('/sign-in');
		expect(edit?.status()).toBe(200);
		await page.context().close();
	});

	it('explains a bad search or page link of the organisations instead of failing', async () => {
		const { page } = await open(browser);
		for (const [query, problem] of [
			[`q=${'x'.repeat(201)}`, 'Use at most 200 characters in the search box.'],
			['after=not-one-of-ours', 'That page link is not valid; start the search again.']
		] as const) {
			const response = await page.goto(`${url}/organisations?${query}`);
			expect(response?.status()).toBe(200);
			await page.getByRole('alert').filter({ hasText: problem }).waitFor();
			await page.getByRole('link', { name: 'See all organisations' }).waitFor();
		}
		await expectAccessible(page);
		await page.context().close();
	});
});

describe('curation', () => {
	it('a member suggests an edit; Priya, its coordinator, sees it and edits her programme', async () => {
		const member = await open(browser);
		await signIn(member.page, url, 'amina@example.org', DEMO_PASSWORD);
		await member.page.goto(`${url}/programmes/${MONSOON}`);
		await member.page.getByRole('link', { name: 'Suggest an edit' }).click();
		await member.page.waitForURL(`**/programmes/${MONSOON}/suggest`);
		await expectAccessible(member.page);
		await member.page.getByLabel('Which part of the page').selectOption('website');
		await member.page
			.getByLabel('What should change')
			.fill('The school has a new website: https://monsoon.example.org/school');
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText(/will review your suggestion/).waitFor();
		await member.page.context().close();

		const { page, errors } = await open(browser);
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${MONSOON}`);
		await page.getByRole('link', { name: 'Suggested edits' }).click();
		await page.waitForURL(`**/programmes/${MONSOON}/suggestions`);
		await page.getByText('https://monsoon.example.org/school').waitFor();
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Mark as done' }).first().click();
		await page.getByText('Suggestion accepted.').waitFor();

		await page.goto(`${url}/programmes/${MONSOON}`);
		await page.getByRole('link', { name: 'Edit', exact: true }).click();
		await page.waitForURL(`**/programmes/${MONSOON}/edit`);
		await expectAccessible(page);
		const summary = 'A six-week school for the Asia-Pacific, updated by its coordinator.';
		await page.getByLabel('Summary').fill(summary);
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.waitForURL(`**/programmes/${MONSOON}?saved=1`);
		await page.getByText(summary).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('an admin adds a programme $label', ({ javaScript }) => {
	it('Leilani adds one from the compendium, corrects a taken address, and sees it', async () => {
		const tag = randomUUID().slice(0, 6);
		const name = `Pacific Digital Policy Lab ${tag}`;
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		// The index of organisations offers admins the page that adds one.
		await page.goto(`${url}/organisations`);
		await expect(
			page.getByRole('link', { name: 'Add an organisation' }).getAttribute('href')
		).resolves.toBe('/organisations/new');
		// The directory first, so that its list of programmes is one the server already holds.
		await page.goto(`${url}/people`);
		await page.goto(`${url}/programmes`);
		await page.getByRole('link', { name: 'Add a programme' }).click();
		await page.waitForURL('**/programmes/new');
		await page.getByRole('heading', { level: 1, name: 'Add a programme' }).waitFor();
		await expectAccessible(page);

		await page
			.getByLabel('Organisation', { exact: true })
			.selectOption({ label: 'Monsoon Network Policy Forum' });
		await page.getByLabel('Name', { exact: true }).fill(name);
		const address = page.getByLabel('Address', { exact: true });
		if (javaScript) {
			// The address follows the name until someone writes one.
			await expect.poll(() => address.inputValue()).toBe(`pacific-digital-policy-lab-${tag}`);
		}
		await address.fill(MONSOON);
		const summary = 'Two weeks on the digital policy of small island states.';
		await page.getByLabel('Summary', { exact: true }).fill(summary);
		await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Course' });
		await page.getByLabel('Online learning', { exact: true }).check();
		await page.getByRole('button', { name: 'Add programme' }).click();

		// The address is taken: said on its field, and what was typed is still there.
		await page.getByText('Another programme already has that address').waitFor();
		expect(new URL(page.url()).pathname).toBe('/programmes/new');
		await expect(page.getByLabel('Summary', { exact: true }).inputValue()).resolves.toBe(summary);
		await expect(page.getByLabel('Online learning', { exact: true }).isChecked()).resolves.toBe(
			true
		);
		await expectAccessible(page);

		// Left empty, the address is made from the name.
		await page.getByLabel('Address', { exact: true }).fill('');
		await page.getByRole('button', { name: 'Add programme' }).click();
		await page.waitForURL(`**/programmes/pacific-digital-policy-lab-${tag}`);
		await page.getByRole('heading', { level: 1, name }).waitFor();
		await page.getByText(summary).waitFor();
		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).waitFor();
		await expectAccessible(page);

		// It is in the compendium for everyone, and members can filter the directory by it at once.
		await page.goto(`${url}/programmes?q=${encodeURIComponent(name)}`);
		await page.getByRole('link', { name }).waitFor();
		await page.goto(`${url}/people`);
		await expect(
			page.getByLabel('Programme', { exact: true }).locator('option', { hasText: name }).count()
		).resolves.toBe(1);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('who may add programmes', () => {
	it('sends a visitor to sign in, and refuses a member with a clear page', async () => {
		const visitor = await open(browser);
		await visitor.page.goto(`${url}/programmes/new`);
		expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
		await visitor.page.context().close();

		const { page } = await open(browser);
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes`);
		await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
		expect(await page.getByRole('link', { name: 'Add a programme' }).count()).toBe(0);
		await page.goto(`${url}/organisations`);
		await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
		expect(await page.getByRole('link', { name: 'Add an organisation' }).count()).toBe(0);
		const refused = await page.goto(`${url}/programmes/new`);
		expect(refused?.status()).toBe(403);
		await page.getByText('Only platform admins add programmes').waitFor();
		await expectAccessible(page);
		await page.context().close();
	});
});
