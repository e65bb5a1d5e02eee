/**
 * E-mail about notices, as a person meets it: Amina chooses how often she is mailed on
 * /account/notifications (with and without JavaScript); Tomás mentions her and the mail arrives
 * through SMTP in the local outbox, threaded and with a one-click unsubscribe; a visit to its
 * address only asks (mail scanners follow links), one POST without signing in turns mentions
 * off, and her settings page says so. A cross-site form to any other address is still refused.
 * axe on every page.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { expectSignedInAs, signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url, dataDir } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function as(email: string, name: string, javaScriptEnabled = true) {
	const opened = await open(browser, { javaScriptEnabled });
	await signIn(opened.page, url, email, DEMO_PASSWORD);
	await expectSignedInAs(opened.page, name);
	return opened;
}

const MENTIONS = 'Mentions and replies to your posts';
const WATCHING = 'New posts in the threads and spaces you watch';
const choice = (page: Page, group: string, label: string) =>
	page.getByRole('group', { name: group }).getByRole('radio', { name: label, exact: true });

async function choose(page: Page, settings: Record<string, string>) {
	await page.goto(`${url}/account/notifications`);
	for (const [group, label] of Object.entries(settings)) await choice(page, group, label).check();
	await page.getByRole('button', { name: 'Save e-mail settings' }).click();
	await page.getByText('Your e-mail settings are saved.').waitFor();
}

type Mail = { to: string; subject: string; text: string; headers?: Record<string, string> };

/** The mails the stand-in's SMTP sink received for `to` (its outbox files). */
async function mailsTo(to: string): Promise<Mail[]> {
	const files = (await readdir(dataDir, { recursive: true })).filter(
		(f) => f.endsWith('.json') && f.split(path.sep).includes('mail')
	);
	const mails = await Promise.all(
		files.map(async (f) => JSON.parse(await readFile(path.join(dataDir, f), 'utf8')) as Mail)
	);
	return mails.filter((m) => m.to === to);
}

async function waitForMail(to: string, containing: string): Promise<Mail> {
	for (let tries = 0; tries < 60; tries += 1) {
		const found = (await mailsTo(to)).find((m) => m.text.includes(containing));
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`no mail to ${to} with “${containing}”`);
}

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('the settings page $label', ({ javaScript }) => {
	it('keeps what a person chose, and links back to the notifications', async () => {
		const priya = await as('priya@example.org', 'Priya Raman', javaScript);
		await priya.page.goto(`${url}/account`);
		await priya.page.getByRole('link', { name: 'E-mail settings' }).click();
		await priya.page.waitForURL(`${url}/account/notifications`);
		await expectAccessible(priya.page);
		const weekly = javaScript ? 'A weekly digest' : 'A daily digest';
		await choose(priya.page, { [WATCHING]: weekly });
		await expectAccessible(priya.page);
		await priya.page.reload();
		await expect(choice(priya.page, WATCHING, weekly).isChecked()).resolves.toBe(true);
		await priya.page.getByRole('link', { name: 'Notifications', exact: true }).last().click();
		await priya.page.getByRole('link', { name: 'Choose what reaches you by e-mail' }).waitFor();
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();
	});
});

describe('a mention by e-mail', () => {
	it('arrives threaded with a one-click unsubscribe that works without signing in, never on a visit', async () => {
		const amina = await as('amina@example.org', 'Amina Diallo');
		await choose(amina.page, { [MENTIONS]: 'As each happens' });

		const tomas = await as('tomas@example.org', 'Tomás Herrera');
		await tomas.page.goto(`${url}/spaces/data-protection`);
		await tomas.page.getByRole('link', { name: /Request for comments/ }).click();
		await tomas.page.getByRole('heading', { name: /Request for comments/ }).waitFor();
		const words = `@amina-diallo could you read section 4 again ${randomUUID().slice(0, 6)}`;
		await tomas.page.getByLabel('Your reply', { exact: true }).fill(words);
		await tomas.page.getByRole('button', { name: 'Send the reply' }).click();
		await tomas.page.locator('article', { hasText: words }).waitFor();

		const mail = await waitForMail('amina@example.org', words);
		expect(mail.subject).toMatch(/^Re: \[.+\] Request for comments/);
		const host = new URL(url).hostname;
		// Header names are case-insensitive (nodemailer writes List-ID).
		const headers = Object.fromEntries(
			Object.entries(mail.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])
		);
		expect(headers['message-id']).toMatch(new RegExp(`^<post\\.[0-9a-f-]{36}@${host}>$`));
		expect(headers['in-reply-to']).toMatch(new RegExp(`^<post\\.[0-9a-f-]{36}@${host}>$`));
		expect(headers.references).toContain(headers['in-reply-to']);
		expect(headers['list-id']).toMatch(/<[a-z0-9-]+\.spaces\./);
		expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		const address = /^<([^>]+)>$/.exec(headers['list-unsubscribe'] ?? '')?.[1];
		expect(address).toMatch(new RegExp(`^${url}/unsubscribe/`));

		// A visit (as a mail scanner would make, signed out) only asks.
		const visitor = await open(browser, { javaScriptEnabled: false });
		await visitor.page.goto(address!);
		await visitor.page.getByRole('heading', { name: 'Stop these e-mails?' }).waitFor();
		await visitor.page.getByRole('button', { name: 'Stop these e-mails' }).waitFor();
		await expectAccessible(visitor.page);
		await amina.page.reload();
		await expect(choice(amina.page, MENTIONS, 'As each happens').isChecked()).resolves.toBe(true);

		// The mail client's one POST, with no session and no origin of ours.
		const oneClick = await fetch(address!, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-forwarded-for': '203.0.113.80'
			},
			body: 'List-Unsubscribe=One-Click'
		});
		expect(oneClick.status).toBe(200);
		await amina.page.reload();
		await expect(choice(amina.page, MENTIONS, 'Off').isChecked()).resolves.toBe(true);
		await expectAccessible(amina.page);

		// The button on the page does the same (without JavaScript, signed out).
		await visitor.page.getByRole('button', { name: 'Stop these e-mails' }).click();
		await visitor.page.getByText(/^Done: no more e-mails about mentions and replies/).waitFor();
		await expectAccessible(visitor.page);

		// A forged token changes nothing; a cross-site form anywhere else is still refused.
		const forged = await fetch(
			address!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
			{
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': '203.0.113.80'
				},
				body: 'List-Unsubscribe=One-Click'
			}
		);
		expect(forged.status).toBe(404);
		const crossSite = await fetch(`${url}/account/notifications`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://elsewhere.example',
				'x-forwarded-for': '203.0.113.80'
			},
			body: 'mentions=each'
		});
		expect(crossSite.status).toBe(403);

		expect([...amina.errors, ...tomas.errors, ...visitor.errors]).toEqual([]);
		await Promise.all([amina, tomas, visitor].map(({ page }) => page.context().close()));
	});
});
