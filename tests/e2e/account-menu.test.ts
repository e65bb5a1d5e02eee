/**
 * The signed-in header on a 360 px phone: the wordmark, the bell and the account menu share one
 * row (before the menu, the bell, the name and "Sign out" wrapped to three rows and the header
 * was 145 px high on a phone). The menu opens and closes with or without JavaScript, by keyboard
 * too, reads right to left in Arabic, and signs out with a real form.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	accountMenu,
	expectSignedInAs,
	expectSignedOut,
	openAccountMenu,
	signIn,
	signOutFromHeader
} from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
const PHONE = { width: 360, height: 740 };
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const box = async (locator: Locator) => {
	const found = await locator.boundingBox();
	if (!found) throw new Error('not on screen');
	return found;
};

/** The header's height, and whether the bell and the menu sit on the wordmark's row. */
async function headerRows(page: Page) {
	const header = page.getByRole('banner');
	const wordmark = await box(header.getByRole('link', { name: 'Capacity Commons' }).first());
	const bell = await box(header.getByRole('link', { name: /^Notifications|الإشعارات/ }));
	const menu = await box(accountMenu(page).locator('summary'));
	const middle = wordmark.y + wordmark.height / 2;
	const onRow = (b: { y: number; height: number }) => b.y <= middle && middle <= b.y + b.height;
	return {
		height: (await box(header)).height,
		oneRow: onRow(bell) && onRow(menu),
		bell,
		menu
	};
}

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('the account menu on a phone $label', ({ javaScript }) => {
	it('fits the header in one row at 360 px, opens by keyboard, links to the account pages and signs out', async () => {
		const { page, errors } = await open(browser, {
			javaScriptEnabled: javaScript,
			viewport: PHONE
		});
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes`);
		await expectSignedInAs(page, 'Priya Raman');

		const rows = await headerRows(page);
		expect(rows.oneRow).toBe(true);
		// Two rows of 44 px tap targets (the wordmark's and the sections') and their spacing.
		expect(rows.height).toBeLessThanOrEqual(110);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);

		// By keyboard: the summary takes the focus and Enter opens it.
		const summary = accountMenu(page).locator('summary');
		await summary.focus();
		await page.keyboard.press('Enter');
		const menu = accountMenu(page);
		await menu.getByRole('link', { name: 'Your profile' }).waitFor();
		await expectAccessible(page);
		// The open menu stays on the screen, not past its edge.
		const panel = await box(menu.locator('.panel'));
		expect(panel.x).toBeGreaterThanOrEqual(0);
		expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);

		await menu.getByRole('link', { name: 'Your programmes' }).click();
		await page.waitForURL(`${url}/account/memberships`);
		if (javaScript) {
			// The header stays between client-side navigations; its menu closes behind them.
			await expect(menu.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
			await openAccountMenu(page);
			await page.keyboard.press('Escape');
			await expect(menu.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
		}
		await expect(
			(await openAccountMenu(page))
				.getByRole('link', { name: 'Your programmes' })
				.getAttribute('aria-current')
		).resolves.toBe('page');

		await signOutFromHeader(page);
		await page.waitForURL(`${url}/`);
		await expectSignedOut(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('reads right to left in Arabic: the menu at the inline start edge, opening inwards', async () => {
		const { page, errors } = await open(browser, {
			javaScriptEnabled: javaScript,
			viewport: PHONE
		});
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/ar/programmes`);
		const rows = await headerRows(page);
		expect(rows.oneRow).toBe(true);
		expect(rows.height).toBeLessThanOrEqual(110);
		// Right to left: the account sits at the left end, the menu after the bell.
		expect(rows.menu.x).toBeLessThan(rows.bell.x);
		expect(rows.menu.x).toBeLessThan(PHONE.width / 2);

		const menu = await openAccountMenu(page);
		await menu.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
		const panel = await box(menu.locator('.panel'));
		expect(panel.x).toBeGreaterThanOrEqual(0);
		expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
