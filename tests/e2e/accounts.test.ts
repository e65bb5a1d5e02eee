import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	expectSignedInAs,
	expectSignedOut,
	followMailLink,
	newEmail,
	signIn,
	signOutFromHeader,
	signUp
} from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
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
])('a new person $label', ({ javaScript }) => {
	it('signs up, confirms by mail, signs out, resets the password by mail and signs in with the new one', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		const email = newEmail(javaScript ? 'js' : 'nojs');
		const name = 'Nadia Karimova';

		await signUp(page, url, name, email, 'a long walk by the river');
		await expectAccessible(page);

		await followMailLink(page, url, email, /confirm/i);
		await expectSignedInAs(page, name);
		// The same link again, signed in: it did its work, and she is not told to sign in.
		await followMailLink(page, url, email, /confirm/i);
		await page.getByRole('heading', { name: 'This link was used already' }).waitFor();
		await page.getByText(`You are signed in as ${name}`).waitFor();
		await expect(page.getByRole('link', { name: 'Sign in', exact: true }).count()).resolves.toBe(0);

		await signOutFromHeader(page);
		await page.waitForLoadState();
		await expectSignedOut(page);

		await page.goto(`${url}/forgot-password`);
		await expectAccessible(page);
		await page.getByLabel('E-mail address').fill(email);
		await page.getByRole('button', { name: /reset link/i }).click();
		await page.getByText(/the link is on its way/i).waitFor();

		await followMailLink(page, url, email, /password/i);
		await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
		await expectAccessible(page);
		await page.getByLabel('New password').fill('tea with cardamom at dawn');
		await page.getByRole('button', { name: 'Save my new password' }).click();
		await page.getByText('Your new password is saved.').waitFor();
		await expectAccessible(page);

		await page.getByRole('main').getByRole('button', { name: 'Sign out on this device' }).click();
		await page.waitForLoadState();
		await expectSignedOut(page);

		await signIn(page, url, email, 'a long walk by the river');
		await page.getByText('That e-mail address and password do not match.').waitFor();
		await expectAccessible(page);

		await signIn(page, url, email, 'tea with cardamom at dawn');
		await expectSignedInAs(page, name);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('the account forms say what is wrong', () => {
	it('refuses a common password, keeping what was typed but never echoing the password', async () => {
		// Without JavaScript the page comes back from the server, which must not send the password.
		const { page } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/sign-up`);
		await page.getByLabel('Your name').fill('Kofi Boateng');
		await page.getByLabel('E-mail address').fill(newEmail('weak'));
		await page.getByLabel('Password', { exact: true }).fill('password123');
		await page.getByLabel(/privacy notice/).check();
		await page.getByRole('button', { name: 'Create my account' }).click();
		await page.getByText(/one of the most common/).waitFor();
		await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Kofi Boateng');
		await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
		await expectAccessible(page);
		await page.context().close();
	});

	it('refuses the 11th sign-in attempt in a minute from one address, and not a fresh address', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		for (let attempt = 1; attempt <= 10; attempt++) {
			await signIn(page, url, 'amina@example.org', `wrong guess ${attempt}`);
		}
		await signIn(page, url, 'amina@example.org', 'commons-demo-2026');
		await page.getByText(/too many attempts\. please try again in \d+ seconds?/i).waitFor();
		await expectAccessible(page);

		const fresh = await open(browser);
		await signIn(fresh.page, url, 'amina@example.org', 'commons-demo-2026');
		await expectSignedInAs(fresh.page, 'Amina Diallo');
		await page.context().close();
		await fresh.page.context().close();
	});
});

describe('signing out everywhere', () => {
	it('ends the session on another device, which is sent to sign-in live', async () => {
		const email = newEmail('two');
		const first = await open(browser);
		await signUp(first.page, url, 'Two Devices', email, 'plenty of long words here');
		await followMailLink(first.page, url, email, /confirm/i);
		const second = await open(browser);
		await signIn(second.page, url, email, 'plenty of long words here');
		await second.page.goto(`${url}/account`);
		await expectSignedInAs(second.page, 'Two Devices');

		await first.page.goto(`${url}/account`);
		await expectAccessible(first.page);
		await first.page.getByRole('button', { name: 'Sign out everywhere' }).click();
		await first.page.waitForURL(/\/sign-in\?signedOut/);

		// Live: the other device's open page is told over Realtime and goes to sign-in.
		await second.page.waitForURL(/\/sign-in\?signedOut/, { timeout: 10_000 });
		await expectSignedOut(second.page);
		await second.page.goto(`${url}/account`);
		await second.page.waitForURL(/\/sign-in\?redirectTo=%2Faccount/);
		await first.page.context().close();
		await second.page.context().close();
	});
});

describe('changing the password from the account', () => {
	it('asks for the current password, signs out the other devices, and the new one signs in', async () => {
		const email = newEmail('change');
		const name = 'Lindiwe Dube';
		const first = await open(browser, { javaScriptEnabled: false });
		await signUp(first.page, url, name, email, 'a long walk by the river');
		await followMailLink(first.page, url, email, /confirm/i);
		// Still signed in on this device (from the confirmation link).
		const other = first.page.context();

		// Signed in with the password (not by a mail link): the page asks for the current one.
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, email, 'a long walk by the river');
		await page.goto(`${url}/account/password`);
		await page.getByRole('heading', { name: 'Change your password' }).waitFor();
		await page.getByText('Your other devices will be signed out').waitFor();
		await page.getByLabel('Current password').fill('not my password at all');
		await page.getByLabel('New password').fill('tea with cardamom at dawn');
		await page.getByRole('button', { name: 'Save my new password' }).click();
		await page.getByText('That is not your current password.').waitFor();
		await expectAccessible(page);

		await page.getByLabel('Current password').fill('a long walk by the river');
		await page.getByLabel('New password').fill('Lindiwe Dube 2024');
		await page.getByRole('button', { name: 'Save my new password' }).click();
		await page.getByText('Do not use your name as your password.').waitFor();

		await page.getByLabel('Current password').fill('a long walk by the river');
		await page.getByLabel('New password').fill('tea with cardamom at dawn');
		await page.getByRole('button', { name: 'Save my new password' }).click();
		await page.getByText('Your new password is saved.').waitFor();
		expect(errors).toEqual([]);
		// The other device is out at its next request; this one stays in.
		const refused = await other.request.get(`${url}/account/data`, { maxRedirects: 0 });
		expect(refused.status()).toBe(303);
		const kept = await page.context().request.get(`${url}/account/data`, { maxRedirects: 0 });
		expect(kept.status()).toBe(200);
		await other.close();
		await page.context().close();

		const again = await open(browser, { javaScriptEnabled: false });
		await signIn(again.page, url, email, 'tea with cardamom at dawn');
		await expectSignedInAs(again.page, name);
		await again.page.context().close();
	});
});

describe('signing up with an address that already has an account', () => {
	it('answers as for a new address, and mails the owner with the ways back in', async () => {
		const email = newEmail('taken');
		const first = await open(browser, { javaScriptEnabled: false });
		await signUp(first.page, url, 'Owner Of The Address', email, 'a long walk by the river');
		await followMailLink(first.page, url, email, /confirm/i);
		// Confirmed only once the link's page has answered: closing at the first navigation could
		// cut the confirmation off, and then there is no account to tell.
		await expectSignedInAs(first.page, 'Owner Of The Address');
		await first.page.context().close();

		const stranger = await open(browser, { javaScriptEnabled: false });
		// signUp waits for "Check your e-mail": the same answer as for a new address.
		await signUp(stranger.page, url, 'Someone Else', email, 'plenty of other words here');
		const mail = stranger.page
			.getByRole('article')
			.filter({
				has: stranger.page.getByRole('heading', {
					name: 'Someone tried to create an account with your address'
				})
			})
			.first();
		// The app's mail goes out through its outbox a moment later: the outbox page is read again
		// until it is there (the page does not update itself).
		const deadline = Date.now() + 20_000;
		do {
			await stranger.page.goto(`${url}/dev/mail?to=${encodeURIComponent(email)}`);
			if ((await mail.count()) > 0) break;
			await stranger.page.waitForTimeout(500);
		} while (Date.now() < deadline);
		await mail.waitFor({ timeout: 1_000 });
		await expect(mail.getByText(/\/forgot-password/).count()).resolves.toBeGreaterThan(0);
		await stranger.page.context().close();
	});
});

describe('a sign-in link as Supabase Auth writes it', () => {
	it('leads to the page asked for when its next= is the whole address (the templates send {{ .RedirectTo }})', async () => {
		// A member who has been through onboarding, so the link's first stop is the page asked for.
		const email = 'amina@example.org';
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/sign-in/link?redirectTo=${encodeURIComponent('/programmes')}`);
		await page.getByLabel('E-mail address').fill(email);
		await page.getByRole('button', { name: 'E-mail me a link' }).click();
		await page.goto(`${url}/dev/mail?to=${encodeURIComponent(email)}`);
		const href = await page
			.getByRole('article')
			.filter({ has: page.getByRole('heading', { name: /sign-in link|magic link|sign in/i }) })
			.first()
			.getByRole('link', { name: /open the link/i })
			.getAttribute('href');
		const link = new URL(href!);
		expect(link.searchParams.get('next')).toBe('/programmes');
		link.searchParams.set('next', new URL('/programmes', link).toString());
		await page.goto(link.toString());
		await page.waitForURL((target) => target.pathname === '/programmes');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
