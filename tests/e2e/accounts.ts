/** Steps of the account journeys, as a person takes them. */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './browser.ts';

export const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/** Opens the newest mail to `email` in the development outbox and follows its link. */
export async function followMailLink(
	page: Page,
	base: string,
	email: string,
	subject: RegExp
): Promise<void> {
	await page.goto(`${base}/dev/mail?to=${encodeURIComponent(email)}`);
	const mail = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: subject }) })
		.first();
	await mail.waitFor();
	await Promise.all([
		page.waitForURL((target) => !target.pathname.startsWith('/dev/mail')),
		mail.getByRole('link', { name: /open the link/i }).click()
	]);
}

export async function signUp(
	page: Page,
	base: string,
	name: string,
	email: string,
	password: string
) {
	await page.goto(`${base}/sign-up`);
	await expectAccessible(page);
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByLabel(/privacy notice/).check();
	await page.getByRole('button', { name: 'Create my account' }).click();
	await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
}

export async function signIn(page: Page, base: string, email: string, password: string) {
	await page.goto(`${base}/sign-in`);
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	// Wait for the answer to the post itself: with JavaScript the page changes without a load.
	const [answer] = await Promise.all([
		page.waitForResponse(
			(response) => response.request().method() === 'POST' && response.url().includes('/sign-in')
		),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	// A signed-in answer sends the page on (a 303 without JavaScript, a redirect result with it):
	// wait until it has left, or the next goto races the redirect.
	const redirected =
		answer.status() === 303 ||
		((answer.headers()['content-type'] ?? '').includes('json') &&
			(await answer.text()).includes('"type":"redirect"'));
	if (redirected) await page.waitForURL((target) => !target.pathname.endsWith('/sign-in'));
	await page.waitForLoadState();
}

/**
 * The signed-in person's menu in the header (a disclosure: its summary names them). Every test
 * that reaches it goes through here, so a change to the header is one change to the tests.
 */
export const accountMenu = (page: Page) => page.getByRole('banner').locator('details.account-menu');

/** Waits (up to 10 s) for the header to name the person: with JavaScript, navigation is async. */
export async function expectSignedInAs(page: Page, name: string) {
	await accountMenu(page).locator('summary', { hasText: name }).waitFor({ timeout: 10_000 });
}

/** Opens the header's account menu (if it is not open already). */
export async function openAccountMenu(page: Page) {
	const menu = accountMenu(page);
	if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) {
		await menu.locator('summary').click();
	}
	return menu;
}

/** Signs out on this device from the header's account menu ("Sign out", or its translation). */
export async function signOutFromHeader(page: Page, label = 'Sign out') {
	const menu = await openAccountMenu(page);
	await menu.getByRole('button', { name: label }).click();
}

export async function expectSignedOut(page: Page) {
	await page
		.getByRole('banner')
		.getByRole('link', { name: 'Sign in' })
		.waitFor({ timeout: 10_000 });
}

/** Claims a membership of the Monsoon School (a demo programme) on /account/memberships. */
export async function claimMonsoon(page: Page, base: string, role: RegExp, cohort?: string) {
	await page.goto(`${base}/account/memberships`);
	await page
		.getByRole('combobox', { name: 'Programme' })
		.selectOption({ label: 'Monsoon School of Internet Governance' });
	if (cohort) await page.getByLabel('Cohort (optional)').fill(cohort);
	await page.getByRole('radio', { name: role }).check();
	await page.getByRole('button', { name: 'Send my claim' }).click();
	await page.getByText('Your claim is sent.').waitFor();
}

/** A claim's card on a coordinator's claims page, by the claimant's name. */
export const claimCard = (page: Page, name: string) =>
	page
		.getByRole('main')
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name, exact: true }) });

/**
 * Opens the "Decline with a reason" step of a claim (a disclosure on each claim's card, where the
 * reason is written), and gives the card back.
 */
export async function openDecline(card: Locator) {
	const details = card.locator('details.decline');
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
		await details.getByText('Decline with a reason').click();
	}
	return card;
}
