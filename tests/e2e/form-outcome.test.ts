/**
 * A form's outcome is shown where the person is looking: with JavaScript the page does not reload,
 * so the summary above the form takes the focus (scrolled into view, read out); without it the
 * answer is a new page, which opens at the top, where the summary is. Each refused field is a link
 * to the field.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { signIn } from './accounts.ts';
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
])('the profile editor $label', ({ javaScript }) => {
	it('says what was refused where the person is looking, with a link to each field', async () => {
		const { page } = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(page, url, 'tomas@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/account/profile`);
		// A name of spaces passes the browser's own check; the server refuses it.
		await page.getByLabel('Name', { exact: true }).fill('   ');
		await page.getByRole('button', { name: 'Save my profile' }).click();

		const link = page.getByRole('link', { name: 'Tell people your name.' });
		await link.waitFor();
		const outcome = page.locator('.outcome');
		if (javaScript) {
			// The save button is far below: the outcome came to the person, with the focus.
			await expect(outcome.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		}
		await expect(outcome.isVisible()).resolves.toBe(true);
		expect(await outcome.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(
			await page.evaluate(() => window.innerHeight)
		);
		await expectAccessible(page);

		await link.click();
		await page.waitForURL(/#field-display_name$/);
		const field = page.locator('#field-display_name');
		await expect(field.evaluate((el) => el.getBoundingClientRect().top >= 0)).resolves.toBe(true);
		await page.context().close();
	});
});
