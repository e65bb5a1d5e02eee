/**
 * Admins run the platform: Leilani (an admin) adds a programme, which has no coordinator; Kwame
 * claims to be one of its alumni; Leilani names Tomás its coordinator from the administration
 * (reached from her account menu), and Tomás, told so, verifies Kwame's claim. She gives and
 * withdraws the moderator role, and the audit log shows each change. A member finds no admin link
 * and is refused the pages. With and without JavaScript; axe on every page.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAccountMenu, signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
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
])('an admin runs the platform $label', ({ javaScript }) => {
	it('names the first coordinator of a new programme, who then verifies a claim; roles and the audit log', async () => {
		const tag = randomUUID().slice(0, 6);
		const name = `Andean Digital Rights School ${tag}`;
		const slug = `andean-digital-rights-school-${tag}`;

		// Leilani adds the programme.
		const leilani = await open(browser, { javaScriptEnabled: javaScript });
		const page = leilani.page;
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes/new`);
		await page
			.getByLabel('Organisation', { exact: true })
			.selectOption({ label: 'Monsoon Network Policy Forum' });
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Address', { exact: true }).fill(slug);
		await page
			.getByLabel('Summary', { exact: true })
			.fill('A week on digital rights in the Andes.');
		await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Course' });
		await page.getByLabel('Online learning', { exact: true }).check();
		await page.getByRole('button', { name: 'Add programme' }).click();
		await page.waitForURL(`**/programmes/${slug}`);

		// Kwame claims to be one of its alumni (with JavaScript: the claim is not what is tested).
		const kwame = await open(browser);
		await signIn(kwame.page, url, 'kwame@example.org', DEMO_PASSWORD);
		await kwame.page.goto(`${url}/account/memberships`);
		await kwame.page.getByRole('combobox', { name: 'Programme' }).selectOption({ label: name });
		await kwame.page.getByRole('radio', { name: /alumnus/i }).check();
		await kwame.page.getByRole('button', { name: 'Send my claim' }).click();
		await kwame.page.getByText('Your claim is sent.').waitFor();
		await kwame.page.context().close();

		// From her account menu to the administration, and to the programme's coordinators.
		const menu = await openAccountMenu(page);
		await menu.getByRole('link', { name: 'Platform administration' }).click();
		await page.waitForURL(`${url}/admin`);
		await page.getByRole('heading', { level: 1, name: 'Platform administration' }).waitFor();
		await expectAccessible(page);
		await page.getByLabel('Programme name').fill(tag);
		await page.getByRole('button', { name: 'Find' }).click();
		await page.waitForURL(`${url}/admin?q=${tag}`);
		await page.getByRole('link', { name }).click();
		await page.waitForURL(`${url}/admin/programmes/${slug}`);
		await page.getByText('This programme has no coordinator yet.').waitFor();
		await expectAccessible(page);

		// An address with no account is said so, on its field, keeping what was typed.
		await page.getByLabel('Their e-mail address').fill('nobody-here@example.test');
		await page.getByRole('button', { name: 'Name them coordinator' }).click();
		await page.getByText('No account here has that e-mail address.').waitFor();
		await expect(page.getByLabel('Their e-mail address').inputValue()).resolves.toBe(
			'nobody-here@example.test'
		);
		await expectAccessible(page);

		await page.getByLabel('Their e-mail address').fill('tomas@example.org');
		await page.getByRole('button', { name: 'Name them coordinator' }).click();
		await page
			.getByText('tomas@example.org coordinates this programme now, and is told so.')
			.waitFor();
		await page.getByRole('listitem').filter({ hasText: 'Tomás Herrera' }).waitFor();

		// Tomás verifies Kwame's claim.
		const tomas = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(tomas.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await tomas.page.goto(`${url}/programmes/${slug}/claims`);
		await tomas.page.getByRole('heading', { name: 'Kwame Mensah' }).waitFor();
		await tomas.page.getByRole('button', { name: 'Verify Kwame Mensah' }).click();
		await tomas.page.getByText('Verified. The person is told').waitFor();
		await tomas.page.getByText('No claims are waiting. Well done.').waitFor();
		expect(tomas.errors).toEqual([]);
		await tomas.page.context().close();

		// The moderator role, given and withdrawn.
		await page.goto(`${url}/admin`);
		await page.getByLabel('Their e-mail address').fill('amina@example.org');
		await page.getByLabel('Role', { exact: true }).selectOption('moderator');
		await page.getByRole('button', { name: 'Give the role' }).click();
		await page.getByText('amina@example.org is now Moderator.').waitFor();
		await page.getByRole('button', { name: 'Withdraw the role from Amina Diallo' }).click();
		await page.getByText('amina@example.org no longer holds a platform role.').waitFor();
		await expectAccessible(page);

		// The audit log says each change, newest first.
		await page.goto(`${url}/admin/audit`);
		const log = page.getByRole('main').getByRole('listitem');
		await expect(log.nth(0).textContent()).resolves.toContain(
			'Leilani Tupou withdrew the role from Amina Diallo: Moderator'
		);
		await expect(log.nth(1).textContent()).resolves.toContain(
			'Leilani Tupou gave Amina Diallo the role: Moderator'
		);
		await expect(log.nth(2).textContent()).resolves.toContain(
			`Leilani Tupou named Tomás Herrera coordinator of ${name}`
		);
		await expectAccessible(page);
		expect(leilani.errors).toEqual([]);
		await page.context().close();
	});
});

describe('the administration for anyone else', () => {
	it('a member has no admin link in their menu and is refused the pages', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		const menu = await openAccountMenu(page);
		await menu.getByRole('link', { name: 'Account settings' }).waitFor();
		expect(await menu.getByRole('link', { name: 'Platform administration' }).count()).toBe(0);
		for (const where of [
			'/admin',
			'/admin/audit',
			'/admin/programmes/monsoon-school-internet-governance'
		]) {
			const answer = await page.goto(`${url}${where}`);
			expect(answer?.status()).toBe(403);
		}
		await page.context().close();
	});
});
