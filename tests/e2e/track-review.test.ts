/**
 * The track's reviewers in a real Chromium: Leilani (admin) invites Tomás by handle; Tomás, told,
 * accepts without JavaScript, finds among the proposals he may review none of his own, and
 * declares a conflict with one, which leaves his list; Priya (a reviewer in the demo world) reads
 * her list with JavaScript, where no proposer's or speaker's name appears; Leilani, without
 * JavaScript, runs the automatic assignment, adds one reviewer by hand, re-runs it (the hand-made
 * one stays) and removes it. axe on every step, in English and Arabic.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './accounts.ts';
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

describe('the track’s reviewers', () => {
	it('Leilani invites Tomás, who accepts without JavaScript and declares a conflict; Priya reads her list blind; Leilani assigns', async () => {
		const leilani = await open(browser);
		await signIn(leilani.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await leilani.page.goto(`${url}/track/igf-2027/manage`);
		await leilani.page.getByRole('link', { name: 'Reviewers', exact: true }).click();
		await leilani.page.getByRole('heading', { name: /^Reviewers of / }).waitFor();
		await leilani.page.getByRole('cell', { name: 'Priya Raman' }).waitFor();
		await expectAccessible(leilani.page);
		// A handle no one has is refused, in words.
		await leilani.page.getByLabel('The member’s handle').fill('nobody-by-this-name');
		await leilani.page.getByRole('button', { name: 'Invite', exact: true }).click();
		await leilani.page
			.getByText('No member has this handle, or they are already invited.')
			.first()
			.waitFor();
		await leilani.page.getByLabel('The member’s handle').fill('@tomas-herrera');
		await leilani.page.getByRole('button', { name: 'Invite', exact: true }).click();
		await leilani.page.getByText('Invited: they are told, and accept or decline.').waitFor();
		await leilani.page
			.getByRole('row')
			.filter({ hasText: 'Tomás Herrera' })
			.getByRole('cell', { name: 'Invited' })
			.waitFor();
		await leilani.page.goto(`${url}/ar/track/igf-2027/manage/reviewers`);
		await expectAccessible(leilani.page);

		// Tomás, without JavaScript, from his notification.
		const tomas = await open(browser, { javaScriptEnabled: false });
		await signIn(tomas.page, url, 'tomas@example.org', DEMO_PASSWORD);
		await tomas.page.goto(`${url}/notifications`);
		await tomas.page
			.getByRole('link', { name: /invites you to review the proposals of IGF 2027/ })
			.first()
			.click();
		await tomas.page.getByText('The admins invite you to review this cycle’s proposals.').waitFor();
		await expectAccessible(tomas.page);
		await tomas.page.getByRole('button', { name: 'Accept' }).click();
		await tomas.page.getByText('Your answer is saved.').waitFor();
		const list = tomas.page.getByRole('region', { name: 'Proposals you may review' });
		await list.waitFor();
		const titles = await list.getByRole('heading', { level: 3 }).allTextContents();
		expect(titles.length).toBeGreaterThan(3);
		const first = titles[0]!;
		await list.getByRole('listitem').filter({ hasText: first }).locator('summary').click();
		await list
			.getByRole('listitem')
			.filter({ hasText: first })
			.getByLabel('Why (optional, for the committee)')
			.fill('I taught with one of its speakers.');
		await list
			.getByRole('listitem')
			.filter({ hasText: first })
			.getByRole('button', { name: 'Declare a conflict' })
			.click();
		await tomas.page
			.getByText('Conflict declared: the proposal is no longer shown to you.')
			.waitFor();
		// Gone from the proposals to review; listed only under the conflicts declared.
		await expect(
			list.getByRole('heading', { level: 3, name: first, exact: true }).count()
		).resolves.toBe(0);
		await tomas.page
			.getByRole('region', { name: 'Conflicts you declared' })
			.getByRole('heading', { level: 3, name: first, exact: true })
			.waitFor();
		await expectAccessible(tomas.page);

		// Priya, with JavaScript: her list, no names of proposers or speakers on it.
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		// The cycle's page leads her there.
		await priya.page.goto(`${url}/track/igf-2027`);
		await priya.page
			.getByRole('link', { name: 'Your reviewing: the proposals you may review' })
			.click();
		await priya.page.waitForURL(`${url}/track/igf-2027/review`);
		await priya.page.getByRole('region', { name: 'Proposals you may review' }).waitFor();
		const text = await priya.page.getByRole('main').innerText();
		for (const name of ['Tomás Herrera', 'Universidad de Chile', 'NIC.br']) {
			expect(text).not.toContain(name);
		}
		await expectAccessible(priya.page);
		await priya.page.goto(`${url}/ar/track/igf-2027/review`);
		await expect(priya.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(priya.page);

		// Leilani, without JavaScript, assigns: the automatic run, then one by hand, kept by a re-run.
		const plain = await open(browser, { javaScriptEnabled: false });
		await signIn(plain.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await plain.page.goto(`${url}/track/igf-2027/manage`);
		await plain.page.getByRole('link', { name: 'Assignments', exact: true }).click();
		await plain.page.getByLabel('Reviewers per proposal').fill('2');
		await plain.page.getByRole('button', { name: 'Assign automatically' }).click();
		await plain.page.getByText(/^Assigned: \d+ reviews; 0 proposals have fewer/).waitFor();
		await plain.page.getByRole('cell', { name: 'Tomás Herrera' }).waitFor();
		await expectAccessible(plain.page);
		const item = plain.page.getByRole('main').locator('ul.proposals > li').first();
		const before = await item.locator('ul.reviewers > li').count();
		const choice = item.getByLabel('Add a reviewer');
		const name = (await choice.locator('option').first().textContent())!.trim();
		await choice.selectOption({ label: name });
		await item.getByRole('button', { name: 'Assign', exact: true }).click();
		await plain.page.getByText('Assigned by hand: a re-run keeps it.').waitFor();
		const firstItem = plain.page.getByRole('main').locator('ul.proposals > li').first();
		await expect(firstItem.locator('ul.reviewers > li').count()).resolves.toBe(before + 1);
		await plain.page.getByLabel('Reviewers per proposal').fill('2');
		await plain.page.getByRole('button', { name: 'Assign automatically' }).click();
		await plain.page.getByText(/^Assigned: /).waitFor();
		await plain.page
			.getByRole('main')
			.locator('ul.proposals > li')
			.first()
			.getByText(`${name} (by hand)`)
			.waitFor();
		await plain.page
			.getByRole('main')
			.locator('ul.proposals > li')
			.first()
			.getByRole('button', { name: `Remove ${name}` })
			.click();
		await plain.page.getByText('Assignment removed.').waitFor();
		await plain.page.goto(`${url}/ar/track/igf-2027/manage/assignments`);
		await expectAccessible(plain.page);

		expect([...leilani.errors, ...tomas.errors, ...priya.errors, ...plain.errors]).toEqual([]);
	});
});
