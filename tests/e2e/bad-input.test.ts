/** Bad input answers 4xx with a message, never 500; and no page trips the CSP with an eval probe. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { signIn } from './accounts.ts';
import { launch, open } from './browser.ts';

const { url } = inject('product');

/** The product runs as behind a proxy (ADDRESS_HEADER), so every request names its address. */
const get = (path: string) =>
	fetch(url + path, { headers: { 'x-forwarded-for': '198.51.100.21' }, redirect: 'manual' });

describe('a NUL or a name no page has, in a link', () => {
	it.each([
		'/people?q=a%00b',
		'/people?topic=%00',
		'/programmes?q=%00',
		'/programmes?topic=privacy&after=%00',
		'/organisations?q=a%00b'
	])('%s is a 400 that says what is wrong', async (path) => {
		const response = await get(path);
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/not allowed/);
	});

	it.each(['/programmes/a%00b', '/organisations/a%00b', '/people/a%00b', '/programmes/NOT-A-SLUG'])(
		'%s is a 404',
		async (path) => {
			expect((await get(path)).status).toBe(404);
		}
	);
});

describe('the content security policy', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('reports no eval on a page that runs schemas in the browser', async () => {
		const { page } = await open(browser);
		await page.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { cspViolations: string[] }).cspViolations = seen;
			document.addEventListener('securitypolicyviolation', (event) =>
				seen.push(`${event.violatedDirective} ${event.blockedURI}`)
			);
		});
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		for (const path of ['/account/profile', '/account/memberships']) {
			await page.goto(url + path);
			await page.waitForLoadState('networkidle');
		}
		const violations = await page.evaluate(
			() => (window as unknown as { cspViolations: string[] }).cspViolations
		);
		expect(violations).toEqual([]);
		await page.context().close();
	});
});
