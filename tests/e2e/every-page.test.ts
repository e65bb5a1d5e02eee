/**
 * Every page in Arabic and in French, as someone who may see it: in its language and direction,
 * with no axe violation, and — on a 320 px phone, Arabic right to left — nothing wider than the
 * screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ERROR_PAGES, findSome, PAGES, signInAs, type Found, type Who } from '../support/pages.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const visits = Object.entries(PAGES).flatMap(([route, ways]) =>
	ways.map((way) => ({ route, ...way }))
);

describe.each([
	{ locale: 'ar', dir: 'rtl', width: 320 },
	{ locale: 'fr', dir: 'ltr', width: 1280 }
])('every page in $locale ($dir, $width px wide)', ({ locale, dir, width }) => {
	const prefix = `${url}/${locale}`;
	const pages = new Map<Who, Page>();
	let found: Found;

	beforeAll(async () => {
		for (const who of ['visitor', 'member', 'coordinator', 'admin'] as const) {
			const { page } = await open(browser, {
				javaScriptEnabled: false,
				viewport: { width, height: 800 }
			});
			if (who !== 'visitor') await signInAs(page, url, who);
			pages.set(who, page);
		}
		found = await findSome(pages.get('visitor')!, prefix);
	});
	afterAll(async () => {
		for (const page of pages.values()) await page.context().close();
	});

	it.each(visits)('$route as $as', async ({ path, as, status }) => {
		const page = pages.get(as)!;
		const answer = await page.goto(`${prefix}${path(found)}`);
		expect(answer?.status()).toBe(status ?? 200);
		expect(
			await page.evaluate(() => ({
				lang: document.documentElement.lang,
				dir: document.documentElement.dir,
				// What sticks out sideways: the page scrolls horizontally when it is wider.
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth
			}))
		).toEqual({ lang: locale, dir, overflow: 0 });
		await expectAccessible(page);
	});

	it.each(ERROR_PAGES)('the error page at %s', async (path) => {
		const page = pages.get('visitor')!;
		expect((await page.goto(`${prefix}${path}`))?.status()).toBe(404);
		expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
		await expectAccessible(page);
	});
});
