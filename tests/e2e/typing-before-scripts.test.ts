import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import {
	claimCard,
	claimMonsoon,
	followMailLink,
	newEmail,
	openDecline,
	signIn,
	signUp
} from './accounts.ts';
import { launch, open } from './browser.ts';

const { url } = inject('product');
const MONSOON = 'monsoon-school-internet-governance';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/**
 * Opens `path` as on a slow phone: the HTML arrives, the app's scripts (under /_app/immutable/)
 * only two seconds later. Types into the field meanwhile, then waits until the
 * page has hydrated — a signed-in page opens its realtime socket from an effect, so the socket is
 * the sign — and returns what the field holds then.
 */
async function typeBeforeHydration(
	page: Page,
	path: string,
	label: string,
	text: string,
	/** What a person does first to reach the field (e.g. open the disclosure it is in). */
	reach?: (page: Page) => Promise<unknown>
) {
	let held = 0;
	let released = 0;
	// Scripts only: a stylesheet held back would hold back the HTML's parsing as well.
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		held += 1;
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		released += 1;
		await route.continue().catch(() => undefined);
	});
	const hydrated = page.waitForEvent('websocket', { timeout: 20_000 });
	await page.goto(`${url}${path}`, { waitUntil: 'domcontentloaded' });
	await reach?.(page);
	const field = page.getByLabel(label, { exact: true });
	await field.fill(text);
	// The scripts were still held when the text went in: this is the case being tested.
	expect(held).toBeGreaterThan(0);
	expect(released).toBe(0);
	await hydrated;
	await page.waitForLoadState('networkidle');
	await page.unroute('**/_app/immutable/**/*.js');
	return field.inputValue();
}

describe('text typed before the scripts arrive survives hydration', () => {
	it('in the bio, a programme’s description and a decline reason', async () => {
		// A new member with a pending claim, so that Priya has a claim to decline.
		const member = await open(browser, { javaScriptEnabled: false });
		const email = newEmail('hydrate');
		const name = `Hema Iyer ${randomUUID().slice(0, 6)}`;
		await signUp(member.page, url, name, email, 'slow phones on the mountain');
		await followMailLink(member.page, url, email, /confirm/i);
		await claimMonsoon(member.page, url, /Trainer/);
		await member.page.context().close();

		// The same member with JavaScript, on a slow connection: the bio (a raw textarea).
		const slow = await open(browser);
		await signIn(slow.page, url, email, 'slow phones on the mountain');
		const bio = 'I teach network policy in Chennai.\nAsk me about IXPs.';
		expect(await typeBeforeHydration(slow.page, '/account/profile', 'About me', bio)).toBe(bio);
		expect(slow.errors).toEqual([]);
		await slow.page.context().close();

		// Priya, the coordinator: the programme's description (FormField) and a decline reason.
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		const description = 'A school for the whole region, in three languages.';
		expect(
			await typeBeforeHydration(
				priya.page,
				`/programmes/${MONSOON}/edit`,
				'Description',
				description
			)
		).toBe(description);
		const reason = 'We have no record of you among our trainers.';
		expect(
			await typeBeforeHydration(
				priya.page,
				`/programmes/${MONSOON}/claims`,
				`Reason for declining ${name}`,
				reason,
				(page) => openDecline(claimCard(page, name))
			)
		).toBe(reason);
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();
	});
});
