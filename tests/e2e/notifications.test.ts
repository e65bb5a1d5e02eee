import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import {
	claimMonsoon,
	expectSignedInAs,
	followMailLink,
	newEmail,
	openDecline,
	signIn,
	signUp
} from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const MONSOON = 'monsoon-school-internet-governance';
const VERIFIED =
	'Your membership was verified: Alumni · Monsoon School of Internet Governance 2023.';
const DECLINED =
	'Your claim was declined: Trainer · Monsoon School of Internet Governance. Reason: Not among our trainers.';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** The header's bell, by its accessible name ("Notifications" or "Notifications, 2 unread"). */
const bell = (page: Page, unread: number) =>
	page.getByRole('banner').getByRole('link', {
		name: unread ? `Notifications, ${unread} unread` : 'Notifications',
		exact: true
	});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('notifications $label', ({ javaScript }) => {
	it('a member sees the unread count in the header, opens /notifications, marks read, the count drops', async () => {
		const member = await open(browser, { javaScriptEnabled: javaScript });
		const email = newEmail(javaScript ? 'bell-js' : 'bell-nojs');
		const name = `Nadia Rahman ${randomUUID().slice(0, 6)}`;
		await signUp(member.page, url, name, email, 'a bell in the tea garden');
		await followMailLink(member.page, url, email, /confirm/i);
		await expectSignedInAs(member.page, name);
		await claimMonsoon(member.page, url, /Alumnus/, '2023');
		await claimMonsoon(member.page, url, /Trainer/, '');
		await member.page.goto(`${url}/account`);
		await bell(member.page, 0).waitFor();

		// Priya, the coordinator, verifies one claim and declines the other.
		const priya = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/programmes/${MONSOON}/claims`);
		const claimOf = (role: string) =>
			priya.page.getByRole('listitem').filter({ hasText: name }).filter({ hasText: role });
		await claimOf('Claims: Alumni')
			.getByRole('button', { name: `Verify ${name}` })
			.click();
		await priya.page.getByText('Verified. The person is told').waitFor();
		if (javaScript) {
			// The open page hears it on the person's private topic: the count goes up at once.
			await bell(member.page, 1).waitFor({ timeout: 15_000 });
		}
		const trainer = await openDecline(claimOf('Claims: Trainer'));
		await trainer.getByLabel(`Reason for declining ${name}`).fill('Not among our trainers.');
		await trainer.getByRole('button', { name: `Decline ${name}` }).click();
		await priya.page.getByText('Declined. The person is told why.').waitFor();

		if (javaScript) {
			await bell(member.page, 2).waitFor({ timeout: 15_000 });
		} else {
			// Without JavaScript a page that does not count notifications itself shows the count of
			// up to 30 s ago (a per-instance cache, see notifications.unreadCount); the memberships
			// page counts, and refreshes that cache for the pages after it.
			await member.page.goto(`${url}/account/memberships`);
			await bell(member.page, 2).waitFor();
			await member.page.goto(`${url}/people`);
			await bell(member.page, 2).waitFor();
		}

		await bell(member.page, 2).click();
		await member.page.waitForURL(`${url}/notifications`);
		await member.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
		await member.page.getByText('You have 2 unread notifications.').waitFor();
		const list = member.page.getByRole('list', { name: 'Newest notifications' });
		await expect(list.getByRole('listitem').allInnerTexts()).resolves.toHaveLength(2);
		// Newest first; each links (through its own address, which marks it read when opened) to
		// what it is about, and says it is unread to screen readers.
		const [declined, verified] = await list.getByRole('listitem').all();
		const opens = /^\/notifications\/[0-9a-f-]{36}$/;
		await expect(declined!.getByRole('link').getAttribute('href')).resolves.toMatch(opens);
		await expect(declined!.textContent()).resolves.toContain(`Unread: ${DECLINED}`);
		await expect(
			verified!.getByRole('link', { name: VERIFIED }).getAttribute('href')
		).resolves.toMatch(opens);
		await expectAccessible(member.page);

		await verified!.getByRole('button', { name: `Mark as read: ${VERIFIED}` }).click();
		await bell(member.page, 1).waitFor();
		await member.page.getByText('You have 1 unread notification.').waitFor();
		await verified!.getByText('Read', { exact: true }).waitFor();
		await expect(verified!.textContent()).resolves.not.toContain('Unread:');
		await expectAccessible(member.page);

		// Other pages count afresh after marking read (this instance dropped its cached count).
		await member.page.goto(`${url}/people`);
		await bell(member.page, 1).waitFor();

		await member.page.goto(`${url}/notifications`);
		if (javaScript) {
			// With /notifications open, an invitation arrives: the list and the count follow live.
			await priya.page.goto(`${url}/programmes/${MONSOON}/invite`);
			await priya.page.getByLabel('E-mail address').fill(email);
			await priya.page.getByLabel('Role', { exact: true }).selectOption('coordinator');
			await priya.page.getByRole('button', { name: 'Send the invitation' }).click();
			await priya.page.getByText(`${email} is invited.`).waitFor();
			await member.page
				.getByRole('link', {
					name: 'You are invited to join Coordinator · Monsoon School of Internet Governance.'
				})
				.waitFor({ timeout: 15_000 });
			await bell(member.page, 2).waitFor();
			await member.page.getByText('You have 2 unread notifications.').waitFor();
		}

		await member.page.getByRole('button', { name: 'Mark all as read' }).click();
		await member.page.getByText('You have no unread notifications.').waitFor();
		await bell(member.page, 0).waitFor();
		await expect(
			member.page.getByRole('button', { name: 'Mark all as read' }).count()
		).resolves.toBe(0);
		await expectAccessible(member.page);

		expect(member.errors).toEqual([]);
		expect(priya.errors).toEqual([]);
		await member.page.context().close();
		await priya.page.context().close();
	});
});

describe('notifications for visitors', () => {
	it('a visitor has no bell, and /notifications asks them to sign in', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/people`);
		await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
		await expect(
			page
				.getByRole('banner')
				.getByRole('link', { name: /Notifications/ })
				.count()
		).resolves.toBe(0);
		await page.goto(`${url}/notifications`);
		await page.waitForURL(/\/sign-in\?redirectTo=%2Fnotifications$/);
		await page.context().close();
	});
});

describe('the pages of /notifications', () => {
	it('a link to an older page that is not one of ours opens the newest, and says so', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		for (const before of ['not-one-of-ours', randomUUID()]) {
			const answer = await page.goto(`${url}/notifications?before=${before}`);
			expect(answer?.status()).toBe(200);
			await page.getByText('That page link is not valid; here are your newest ones.').waitFor();
		}
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
