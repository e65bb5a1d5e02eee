import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('the public home page $label', ({ javaScript }) => {
	it('says what Capacity Commons is and leads to joining, signing in and the compendium', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		const response = await page.goto(url);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBeTruthy();
		await expect(page.title()).resolves.toMatch(/Capacity Commons/);
		for (const name of [/sign in/i, /join/i, /programmes/i]) {
			expect(
				await page.getByRole('link', { name }).count(),
				`a link named ${name}`
			).toBeGreaterThan(0);
		}
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('the home page on a small phone in dark mode', () => {
	it('has no accessibility violations', async () => {
		const { page, errors } = await open(browser, {
			viewport: { width: 360, height: 740 },
			colorScheme: 'dark',
			isMobile: true
		});
		await page.goto(url);
		await expectAccessible(page);
		// Nothing wider than the screen: no sideways scrolling on a phone.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
