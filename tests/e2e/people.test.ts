import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followMailLink, newEmail, signIn, signUp } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Signs a brand-new person up and confirms the address: they land on onboarding. */
async function newMember(page: Page, name: string, label: string): Promise<string> {
	const email = newEmail(label);
	await signUp(page, url, name, email, 'a long walk by the river');
	await followMailLink(page, url, email, /confirm/i);
	await page.waitForURL(/\/welcome/);
	return email;
}

/** Submits a form by its button and waits for the page it leads to (with or without JavaScript). */
async function submit(page: Page, button: string, to?: RegExp) {
	await Promise.all([
		to ? page.waitForURL(to) : page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: button }).click()
	]);
	await page.waitForLoadState();
}

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('a new member $label', ({ javaScript }) => {
	it('completes onboarding in a few answers and lands among people like them', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		const name = javaScript ? 'Tevita Fifita' : 'Ayesha Siddiqa';
		await newMember(page, name, javaScript ? 'onboard-js' : 'onboard-nojs');
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(name);
		await expectAccessible(page);

		await page.getByLabel('Headline').fill('Youth ambassador working on digital inclusion');
		await page.getByLabel('Organisation').fill('Pacific Youth IGF');
		await page.getByLabel('Stakeholder group').selectOption({ label: 'Civil society' });
		await page.getByLabel('Country').selectOption({ label: 'Tonga' });
		await page.getByLabel('Time zone').selectOption('Pacific/Tongatapu');
		await page.getByLabel('Language 1').selectOption({ label: 'English' });
		await page.getByLabel('Level', { exact: true }).first().selectOption('professional');
		await page.getByText('Sociocultural').click();
		await page.getByLabel('Digital inclusion').check();
		await page.getByLabel('Being mentored').check();
		// The programme she took part in, claimed with the rest: a cohort it never had is refused
		// and nothing typed is lost; then the whole programme.
		await page.getByLabel('Programme', { exact: true }).selectOption({
			label: 'Moana School of Internet Governance'
		});
		await page.getByLabel('Cohort (optional)').fill('1899');
		await submit(page, 'Save and find people like me');
		await page.getByText('This programme has no cohort “1899”.').waitFor();
		await expect(page.getByLabel('Headline').inputValue()).resolves.toBe(
			'Youth ambassador working on digital inclusion'
		);
		await expectAccessible(page);
		await page.getByLabel('Cohort (optional)').fill('');
		await submit(page, 'Save and find people like me', /\/people$/);

		await page.getByRole('heading', { name: 'People like you in other programmes' }).waitFor();
		await expectAccessible(page);

		await page.goto(`${url}/account/memberships`);
		await page
			.getByRole('listitem')
			.filter({ hasText: 'Moana School of Internet Governance' })
			.getByText('Waiting for the coordinators')
			.waitFor();
		await page.goto(`${url}/account/profile`);
		await expect(page.getByLabel('Headline', { exact: true }).inputValue()).resolves.toBe(
			'Youth ambassador working on digital inclusion'
		);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'See your profile as others do' }).click();
		await page.getByRole('heading', { level: 1, name }).waitFor();
		await page.getByText('Digital inclusion').first().waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('a member who hides their country', () => {
	it('cannot be seen or found by it by another member, until they share it again', async () => {
		const hider = await open(browser);
		const name = 'Sonam Wangchuk Dorji';
		await newMember(hider.page, name, 'hider');
		await submit(hider.page, 'Skip for now', /\/people$/);

		await hider.page.goto(`${url}/account/profile`);
		await hider.page.getByLabel('Country', { exact: true }).selectOption({ label: 'Bhutan' });
		await hider.page.getByLabel('Who can see your country and region').selectOption('private');
		await submit(hider.page, 'Save my profile');
		await hider.page.getByText('Your profile is saved.').waitFor();
		await expectAccessible(hider.page);
		const profileUrl = hider.page.getByRole('link', { name: 'See your profile as others do' });
		const handlePath = (await profileUrl.getAttribute('href'))!;

		const other = await open(browser, { javaScriptEnabled: false });
		await signIn(other.page, url, 'amina@example.org', 'commons-demo-2026');
		await other.page.goto(`${url}${handlePath}`);
		await other.page.getByRole('heading', { level: 1, name }).waitFor();
		expect(await other.page.getByText('Bhutan').count()).toBe(0);
		await expectAccessible(other.page);

		const byCountry = `${url}/people?country=BT&q=${encodeURIComponent('Sonam Wangchuk')}`;
		await other.page.goto(byCountry);
		expect(await other.page.getByRole('link', { name }).count()).toBe(0);
		await other.page.goto(`${url}/people?q=${encodeURIComponent('Sonam Wangchuk')}`);
		await other.page.getByRole('link', { name }).waitFor();
		await expectAccessible(other.page);

		await hider.page.getByLabel('Who can see your country and region').selectOption('members');
		await submit(hider.page, 'Save my profile');
		await hider.page.getByText('Your profile is saved.').waitFor();
		await other.page.goto(byCountry);
		await other.page.getByRole('link', { name }).waitFor();
		await other.page.goto(`${url}${handlePath}`);
		await other.page.getByText('Bhutan').first().waitFor();

		expect([...hider.errors, ...other.errors]).toEqual([]);
		await hider.page.context().close();
		await other.page.context().close();
	});
});

describe('a visitor', () => {
	it('browses the public directory, without programme filters, and is told to sign in for more', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		const response = await page.goto(`${url}/people`);
		expect(response?.status()).toBe(200);
		expect(await page.getByRole('article').count()).toBeGreaterThan(5);
		expect(await page.getByLabel('Programme').count()).toBe(0);
		await page
			.getByText(/sign in/i)
			.first()
			.waitFor();
		await expectAccessible(page);

		// The whole public directory is counted (up to a thousand), and a search's results too.
		await page.getByText(/^[\d,]+ people( or more)?$/).waitFor();
		await page.goto(`${url}/people?q=amina&topic=privacy-and-data-protection`);
		await page.getByText(/^(1 person|[\d,]+ people)$/).waitFor();
		await page.getByRole('link', { name: 'Amina Diallo' }).click();
		await page.getByRole('heading', { level: 1, name: 'Amina Diallo' }).waitFor();
		await expectAccessible(page);

		const bad = await page.goto(`${url}/people?country=Narnia&after=forged`);
		expect(bad?.status()).toBe(200);
		await page.getByText('Choose a country from the list.').waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
