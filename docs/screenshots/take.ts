/**
 * Screenshots of the home page, a programme, the directory and the profile editor in Arabic and
 * Chinese, as a phone shows them (390 × 844), into this folder. Against a running product:
 *
 *   npm start   # then, in another shell:
 *   node docs/screenshots/take.ts [http://127.0.0.1:3000]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES = {
	home: '/',
	programme: '/programmes/monsoon-school-internet-governance',
	directory: '/people',
	'profile-editor': '/account/profile'
};

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium'
});
try {
	for (const locale of ['ar', 'zh']) {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		// Amina, an alumna: the directory and her profile editor as a member sees them.
		await page.goto(`${base}/sign-in`);
		await page.getByLabel('E-mail address').fill(DEMO_ACCOUNTS[0]!.email);
		await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((target) => !target.pathname.startsWith('/sign-in'));
		for (const [name, where] of Object.entries(PAGES)) {
			// The home page as a visitor sees it: in a context of its own, without the session.
			const visitor =
				name === 'home'
					? await browser.newContext({ viewport: { width: 390, height: 844 } })
					: null;
			const tab = visitor ? await visitor.newPage() : page;
			await tab.goto(`${base}/${locale}${where === '/' ? '' : where}`);
			await tab.screenshot({ path: path.join(here, `${locale}-${name}.png`) });
			await visitor?.close();
		}
		await context.close();
	}
} finally {
	await browser.close();
}
