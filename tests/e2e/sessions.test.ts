/**
 * An ended session stops working at once, on its own device and on every other: the app asks the
 * database whether a session stands on every request instead of trusting a token until it expires.
 * The other device here runs without JavaScript, so no live notice can send it away: only the
 * server's refusal does.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followMailLink, newEmail, signIn, signOutFromHeader, signUp } from './accounts.ts';
import { launch, open } from './browser.ts';

const { url } = inject('product');
const PASSWORD = 'plenty of long words here';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** A new confirmed account, signed in on a first device. */
async function person(label: string) {
	const email = newEmail(label);
	const first = await open(browser);
	await signUp(first.page, url, 'Sam Okafor', email, PASSWORD);
	await followMailLink(first.page, url, email, /confirm/i);
	return { email, first };
}

/** What a request with this context's cookies gets from a page only a signed-in person sees. */
async function account(context: BrowserContext) {
	const response = await context.request.get(`${url}/account/data`, { maxRedirects: 0 });
	return response.status();
}

describe('a session that ends', () => {
	it('stops opening the app on another device at the next request after "Sign out everywhere"', async () => {
		const { email, first } = await person('everywhere');
		const other = await open(browser, { javaScriptEnabled: false });
		await signIn(other.page, url, email, PASSWORD);
		expect(await account(other.page.context())).toBe(200);

		await first.page.goto(`${url}/account`);
		await first.page.getByRole('button', { name: 'Sign out everywhere' }).click();
		await first.page.waitForURL(/\/sign-in\?signedOut/);
		const signedOut = Date.now();

		// The other device's access token is still within its hour, and still validly signed.
		let status = await account(other.page.context());
		while (status === 200 && Date.now() - signedOut < 10_000) {
			await new Promise((r) => setTimeout(r, 100));
			status = await account(other.page.context());
		}
		const seconds = (Date.now() - signedOut) / 1000;
		console.log(`revocation: the other device was refused ${seconds.toFixed(2)} s after sign-out`);
		expect(status).toBe(303);
		expect(seconds).toBeLessThanOrEqual(5);

		// Its pages treat it as a visitor, and its session cookies are gone.
		await other.page.goto(`${url}/account`);
		await other.page.waitForURL(/\/sign-in\?redirectTo=%2Faccount/);
		const cookies = await other.page.context().cookies();
		expect(cookies.filter((c) => c.name.startsWith('sb-'))).toEqual([]);
		await first.page.context().close();
		await other.page.context().close();
	});

	it('is over for a copy of its cookie too, after "Sign out" on this device', async () => {
		const { first } = await person('here');
		// Someone copied the cookie (a shared computer, a stolen backup).
		const copy = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.9.9' } });
		await copy.addCookies(await first.page.context().cookies());
		expect(await account(copy)).toBe(200);

		await first.page.goto(`${url}/account`);
		await signOutFromHeader(first.page);
		await first.page.waitForURL(`${url}/`);
		expect(await account(copy)).toBe(303);
		await first.page.context().close();
		await copy.close();
	});
});
