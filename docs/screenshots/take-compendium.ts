/**
 * Screenshots of the compendium on a 360 px phone (issue 19), as a visitor: the first screen, the
 * whole page and the filters' panel opened, named with a suffix (e.g. "before", "after"). Against a running product with the
 * demo world:
 *
 *   npm start   # then, in another shell:
 *   node docs/screenshots/take-compendium.ts after [http://127.0.0.1:3000]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const suffix = process.argv[2] ?? 'now';
const base = process.argv[3] ?? 'http://127.0.0.1:3000';
const here = path.dirname(fileURLToPath(import.meta.url));

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium'
});
try {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const page = await context.newPage();
	await page.goto(`${base}/programmes`);
	await page.screenshot({ path: path.join(here, `compendium-phone-${suffix}.png`) });
	await page.screenshot({
		path: path.join(here, `compendium-phone-whole-${suffix}.png`),
		fullPage: true
	});
	// The filters' panel, opened (before this work there was none: the filters came first).
	const summary = page.locator('details.filters > summary');
	if (await summary.count()) {
		await summary.click();
		await page.screenshot({ path: path.join(here, `compendium-phone-filters-${suffix}.png`) });
	}
	await context.close();
} finally {
	await browser.close();
}
