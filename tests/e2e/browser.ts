/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work
 * here), and axe-core run inside the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			// This machine has no network beyond loopback: Chromium's background calls only fail.
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

let contexts = 0;
/** A made-up client address per browser context (the product trusts X-Forwarded-For in tests). */
function clientAddress(): string {
	contexts += 1;
	return `10.${process.pid % 250}.${Math.floor(contexts / 250)}.${contexts % 250}`;
}

/** A fresh context and page, and the console errors it collects (e.g. a script the CSP blocked). */
export async function open(
	browser: Browser,
	options: BrowserContextOptions = {}
): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext({
		locale: 'en-GB',
		extraHTTPHeaders: { 'x-forwarded-for': clientAddress() },
		...options
	});
	if (options.javaScriptEnabled === false) noScript.add(context);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		// A form answering 400 or 429 is the app working (the browser logs it); anything else is not.
		const refusal = /status of 4\d\d/.test(message.text());
		if (message.type() === 'error' && !refusal) errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return { page, errors };
}

/** No axe-core violations on the page as it is now (WCAG 2.2 A and AA, and best practice). */
export async function expectAccessible(page: Page): Promise<void> {
	if (!noScript.has(page.context())) return audit(page);
	// axe needs timers, which never fire in a page without JavaScript. Audit a mirror instead: the
	// same HTML at the same address and viewport, with the app's own scripts blocked.
	const html = await page.content();
	const target = page.url();
	const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
	const mirror = await page
		.context()
		.browser()!
		.newContext({
			locale: 'en-GB',
			viewport: page.viewportSize(),
			colorScheme: dark ? 'dark' : 'light',
			extraHTTPHeaders: { 'x-forwarded-for': clientAddress() }
		});
	try {
		await mirror.route('**/*', (route) => {
			const request = route.request();
			if (request.resourceType() === 'document' && request.url() === target) {
				return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
			}
			return request.resourceType() === 'script' ? route.abort() : route.continue();
		});
		const copy = await mirror.newPage();
		await copy.goto(target);
		await audit(copy);
	} finally {
		await mirror.close();
	}
}

/** Contexts opened with JavaScript off. */
const noScript = new WeakSet<BrowserContext>();

async function audit(page: Page): Promise<void> {
	// Evaluated through the DevTools protocol, which the page's CSP does not apply to.
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const result = await (
			window as unknown as {
				axe: {
					run: (o: object) => Promise<{
						violations: { id: string; help: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe.run({
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
			}
		});
		return result.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		);
	});
	expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}
