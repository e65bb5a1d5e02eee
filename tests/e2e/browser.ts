/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work
 * here), and axe-core run inside the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
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
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return { page, errors };
}

/** No axe-core violations on the page as it is now (WCAG 2.2 A and AA, and best practice). */
export async function expectAccessible(page: Page): Promise<void> {
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
