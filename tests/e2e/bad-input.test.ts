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

describe('a flood of impossible dates', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is refused line by line, and every page still answers for everyone after it', async () => {
		const { page } = await open(browser);
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		const days = ['0000-00-00', '9999-99-99', '2026-13-01', '2026-02-30'];
		const floods = Array.from({ length: 40 }, (_, i) =>
			page.context().request.post(`${url}/account/profile?/addPosition`, {
				// As a browser's form post without JavaScript: the page itself, with the form's status.
				headers: { origin: url, accept: 'text/html' },
				maxRedirects: 0,
				form: {
					title: 'Fellow',
					organisation: 'Somewhere',
					kind: 'academia',
					starts_on: days[i % days.length]!,
					ends_on: ''
				}
			})
		);
		const responses = await Promise.all(floods);
		const statuses = responses.map((r) => r.status());
		expect(await responses[0]!.text()).toContain('a real date from 1900 to 2100');
		expect(statuses.filter((status) => status !== 400)).toEqual([]);
		for (const path of ['/health', '/people', '/programmes', '/organisations']) {
			const started = Date.now();
			expect((await get(path)).status, path).toBe(200);
			expect(Date.now() - started, path).toBeLessThan(2000);
		}
		await page.context().close();
	});
});
