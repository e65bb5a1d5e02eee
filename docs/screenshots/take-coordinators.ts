/**
 * Screenshots for the coordinators' and the phone header's work (issue 19): the signed-in header
 * on a 360 px phone, and the demo coordinator's claims page (desktop, full page), named with a
 * suffix (e.g. "before", "after"). Against a running product with the demo world:
 *
 *   npm start   # then, in another shell:
 *   node docs/screenshots/take-coordinators.ts after [http://127.0.0.1:3000]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';

const suffix = process.argv[2] ?? 'now';
const base = process.argv[3] ?? 'http://127.0.0.1:3000';
const here = path.dirname(fileURLToPath(import.meta.url));

async function signedIn(browser: Browser, email: string, width: number, height: number) {
	const context = await browser.newContext({ viewport: { width, height } });
	const page = await context.newPage();
	await page.goto(`${base}/sign-in`);
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((target) => !target.pathname.startsWith('/sign-in'));
	return { context, page };
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium'
});
try {
	// The phone header of Priya, a coordinator (bell, name, sign out), at 360 px.
	const phone = await signedIn(browser, 'priya@example.org', 360, 640);
	await phone.page.goto(`${base}/programmes`);
	await phone.page.screenshot({ path: path.join(here, `phone-header-${suffix}.png`) });
	await phone.context.close();
	// Her claims page, the whole of it.
	const desk = await signedIn(browser, 'priya@example.org', 1280, 900);
	await desk.page.goto(`${base}/programmes/monsoon-school-internet-governance/claims`);
	await desk.page.screenshot({
		path: path.join(here, `claims-page-${suffix}.png`),
		fullPage: true
	});
	await desk.context.close();
} finally {
	await browser.close();
}
