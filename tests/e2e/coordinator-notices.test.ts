/**
 * A coordinator is told of a new claim in their notifications (live on an open page with
 * JavaScript), and the notice leads to the claims page where it waits. Priya coordinates the demo's
 * Monsoon School; other tests claim there at the same time, so this one looks for its own claimant.
 * Opening the notice marks it read.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { claimMonsoon, followMailLink, newEmail, signIn, signUp } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const MONSOON = 'monsoon-school-internet-governance';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('a coordinator $label', ({ javaScript }) => {
	it('is told of a new claim, and the notice leads to it on the claims page', async () => {
		const priya = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/notifications`);

		const member = await open(browser);
		const email = newEmail(javaScript ? 'told-js' : 'told-nojs');
		const name = `Losa Fifita ${randomUUID().slice(0, 6)}`;
		await signUp(member.page, url, name, email, 'a canoe under the banyan');
		await followMailLink(member.page, url, email, /confirm/i);
		await claimMonsoon(member.page, url, /Alumnus/, '2023');

		const notice = priya.page.getByRole('link', {
			name: `${name} claims a membership: Alumni · Monsoon School of Internet Governance 2023. Verify or decline it.`
		});
		// With JavaScript the open list hears it on Priya's private topic; without, she reloads.
		if (!javaScript) await priya.page.reload();
		await notice.waitFor({ timeout: 15_000 });
		await expect(notice.getAttribute('href')).resolves.toMatch(/^\/notifications\/[0-9a-f-]{36}$/);
		await expect(
			priya.page.getByRole('listitem').filter({ has: notice }).textContent()
		).resolves.toContain('Unread:');
		await expectAccessible(priya.page);

		// Opening it leads to the claims page, and it is read from then on.
		await notice.click();
		await priya.page.waitForURL(`${url}/programmes/${MONSOON}/claims`);
		await priya.page.getByRole('listitem').filter({ hasText: name }).first().waitFor();
		await priya.page.goto(`${url}/notifications`);
		await expect(
			priya.page.getByRole('listitem').filter({ has: notice }).textContent()
		).resolves.not.toContain('Unread:');
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();
		await member.page.context().close();
	});
});
