/**
 * The home page: a visitor reads what the product is; a signed-in member gets their own home —
 * Priya (a coordinator) sees the claims waiting in her programme, the events she is going to,
 * this week in the community, her spaces and her programmes, and follows the claims link; Amina
 * sees her next event. Without JavaScript (it is all links), and axe in English and Arabic.
 */
import type { Browser } from 'playwright-core';
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

describe('the home page', () => {
	it('a visitor reads what the product is, with links to the spaces and the calendar', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/`);
		await page.getByRole('link', { name: 'Join the conversation in the spaces' }).click();
		await page.waitForURL(`${url}/spaces`);
		await page.goto(`${url}/`);
		await page.getByRole('link', { name: 'See what is coming in the calendar' }).click();
		await page.waitForURL(`${url}/events`);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('a coordinator’s own home: what waits for her, her events, this week, her spaces and programmes', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/`);
		await page.getByRole('heading', { name: 'Welcome back, Priya Raman' }).waitFor();
		const waiting = page.getByRole('region', { name: 'Waiting for you' });
		const claims = waiting.getByRole('link', {
			name: /^\d+ claims to decide in Monsoon School of Internet Governance$/
		});
		await claims.waitFor();
		const going = page.getByRole('region', { name: 'Your next events' });
		await going
			.getByRole('link', { name: 'Open consultation on the IGF 2027 capacity-building track' })
			.waitFor();
		await going
			.getByRole('link', {
				name: 'NRI co-organisers: speakers and funding for the spring meetings'
			})
			.waitFor();
		// This week holds what she is not already going to.
		const week = page.getByRole('region', { name: 'This week in the community' });
		expect(
			await week
				.getByRole('link', { name: 'Open consultation on the IGF 2027 capacity-building track' })
				.count()
		).toBe(0);
		expect(await week.locator('article').count()).toBeGreaterThan(0);
		await page
			.getByRole('region', { name: 'Your spaces' })
			.getByRole('link', { name: 'NRI co-organisers' })
			.waitFor();
		await page
			.getByRole('region', { name: 'Your programmes' })
			.getByRole('link', { name: 'Monsoon School of Internet Governance' })
			.first()
			.waitFor();
		await expectAccessible(page);
		await page.goto(`${url}/ar`);
		await page.getByRole('heading', { name: 'مرحبًا بعودتك، Priya Raman' }).waitFor();
		await expectAccessible(page);
		await page.goto(`${url}/`);
		await claims.click();
		await page.waitForURL(`${url}/programmes/monsoon-school-internet-governance/claims`);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('a member with nothing to decide sees her next event and no waiting list of her own', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/`);
		await page
			.getByRole('region', { name: 'Your next events' })
			.getByRole('link', { name: 'West Africa IGF: preparatory meeting of the NRIs' })
			.waitFor();
		expect(await page.getByText(/claims? to decide/).count()).toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
