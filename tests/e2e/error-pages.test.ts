/**
 * Error pages keep the site's frame: the header (and the signed-in person's menu), what happened
 * in words, and a way back. In English and in Arabic (right to left), without JavaScript; axe.
 */
import type { Browser } from 'playwright-core';
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

describe('error pages', () => {
	it('a page that does not exist says so inside the site, with a way back', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		const answer = await page.goto(`${url}/programmes/no-such-programme-at-all`);
		expect(answer?.status()).toBe(404);
		await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
		await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
		await expect(
			page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).getAttribute('href')
		).resolves.toBe('/');
		await expectAccessible(page);

		const arabic = await page.goto(`${url}/ar/people/no-such-person-here`);
		expect(arabic?.status()).toBe(404);
		await page.getByRole('heading', { level: 1, name: 'الصفحة غير موجودة' }).waitFor();
		await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expect(
			page
				.getByRole('main')
				.getByRole('link', { name: 'الذهاب إلى الصفحة الرئيسية' })
				.getAttribute('href')
		).resolves.toMatch(/^\/ar\/?$/);
		await expectAccessible(page);
		await page.context().close();
	});

	it('a page someone may not open says so, and they stay signed in', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		const answer = await page.goto(`${url}/admin`);
		expect(answer?.status()).toBe(403);
		await page.getByRole('heading', { level: 1, name: 'You may not open this page' }).waitFor();
		await page.getByText("Only platform admins may open the platform's administration.").waitFor();
		await expectSignedInAs(page, 'Amina Diallo');
		await expectAccessible(page);
		await page.context().close();
	});
});
