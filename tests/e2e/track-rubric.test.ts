/**
 * Reviewing with the rubric in a real Chromium: Priya opens her queue (its progress, drafts
 * marked) and a proposal assigned to her, blind beside the rubric; she saves a draft with
 * JavaScript, reloads and finds it; submitting it incomplete names each missing score and keeps
 * what she typed; without JavaScript she completes and submits it, and then reads the other
 * reviewers' reviews without their names. Leilani, without JavaScript, changes the rubric: a
 * weight, a criterion added (a bad weight refused in words), moved and removed; a scored criterion
 * offers no removal. axe on every step, in English and Arabic.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
const PROPOSAL = 'From school to policy: alumni of regional schools in national IGFs';
/** The organisations the demo world's speakers work at: never on a reviewer's page. */
const ORGANISATIONS = [
	'University of Ghana',
	'Internet Society',
	'Ministry of ICT',
	'APNIC',
	'Access Now',
	'LACNIC',
	'Derechos Digitales',
	'Research ICT Africa',
	'CIS India'
];
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const criterion = (page: Page, name: string) =>
	page.getByRole('main').getByRole('group', { name: new RegExp(`^${name}`) });

const progress = async (page: Page) => {
	const text = await page.getByRole('region', { name: 'Your reviews' }).innerText();
	const [, done, count] = /(\d+) of (\d+) submitted/.exec(text) ?? [];
	return { done: Number(done), count: Number(count) };
};

describe('reviewing with the rubric', () => {
	it('Priya saves a draft, finds it again, is told what is missing, and submits without JavaScript; Leilani changes the rubric', async () => {
		const priya = await open(browser);
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await priya.page.goto(`${url}/track/igf-2027/review`);
		const queue = priya.page.getByRole('region', { name: 'Your reviews' });
		await queue.getByText(/\d+ of \d+ submitted/).waitFor();
		const before = await progress(priya.page);
		expect(before.count).toBeGreaterThan(1);
		await queue.getByRole('listitem').filter({ hasText: 'Draft' }).first().waitFor();
		await expectAccessible(priya.page);
		await queue.getByRole('link', { name: PROPOSAL }).click();
		await priya.page.getByRole('heading', { name: PROPOSAL, level: 1 }).waitFor();
		await priya.page.getByText('Your review: Not started').waitFor();
		const main = await priya.page.getByRole('main').innerText();
		for (const name of ORGANISATIONS) expect(main).not.toContain(name);
		await expectAccessible(priya.page);

		// A draft with two scores and a comment, saved and found again after a reload.
		await criterion(priya.page, 'Relevance to the track').getByLabel('3 — Well').check();
		await criterion(priya.page, 'Clarity of the policy question').getByLabel('2 — Fairly').check();
		const words = 'The question is clear; say how alumni keep taking part after the course.';
		await priya.page.getByLabel('Comment to the proposers').fill(words);
		await priya.page.getByRole('button', { name: 'Save draft' }).click();
		await priya.page.getByText('Saved.').waitFor();
		await priya.page.reload();
		await priya.page.getByText('Your review: Draft').waitFor();
		await expect(
			criterion(priya.page, 'Relevance to the track').getByLabel('3 — Well').isChecked()
		).resolves.toBe(true);
		await expect(priya.page.getByLabel('Comment to the proposers').inputValue()).resolves.toBe(
			words
		);

		// Submitting it incomplete: each missing score is named, nothing typed is lost.
		await priya.page.getByLabel('Private comment to the committee').fill('I would accept it.');
		await priya.page.getByRole('button', { name: 'Submit', exact: true }).click();
		await criterion(priya.page, 'Content')
			.getByText('Score this criterion to submit the review', { exact: false })
			.waitFor();
		// Each missing score said on its criterion (and linked from the summary above the form).
		await expect(priya.page.locator('.criterion .field-error').count()).resolves.toBe(3);
		await expect(
			priya.page.getByLabel('Private comment to the committee').inputValue()
		).resolves.toBe('I would accept it.');
		await expectAccessible(priya.page);
		// The other reviews wait for hers.
		await priya.page
			.getByText('The other reviews are shown once you have submitted yours.')
			.waitFor();

		// Without JavaScript: the rest of the scores, and submitted.
		const plain = await open(browser, { javaScriptEnabled: false });
		await signIn(plain.page, url, 'priya@example.org', DEMO_PASSWORD);
		await plain.page.goto(priya.page.url());
		await plain.page.getByText('Your review: Draft').waitFor();
		await criterion(plain.page, 'Content').getByLabel('4 — Excellently').check();
		await criterion(plain.page, 'Diversity').getByLabel('2 — Fairly').check();
		// Submitting with one still missing: told, without a script.
		await plain.page.getByRole('button', { name: 'Submit', exact: true }).click();
		await criterion(plain.page, 'Format and interaction')
			.getByText('Score this criterion to submit the review', { exact: false })
			.waitFor();
		await expect(
			criterion(plain.page, 'Content').getByLabel('4 — Excellently').isChecked()
		).resolves.toBe(true);
		await criterion(plain.page, 'Format and interaction').getByLabel('3 — Well').check();
		await plain.page.getByRole('button', { name: 'Submit', exact: true }).click();
		await plain.page.getByText('Your review is submitted.', { exact: false }).waitFor();
		await plain.page.getByText('Your review: Submitted').waitFor();
		// Now the others' reviews, without their names (the phase is blind).
		const others = plain.page.getByRole('region', { name: 'Other reviews' });
		await others.getByRole('heading', { name: 'Reviewer 1' }).waitFor();
		await expectAccessible(plain.page);
		await plain.page.goto(plain.page.url().replace(url, `${url}/ar`));
		await expect(plain.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(plain.page);
		await plain.page.goto(`${url}/track/igf-2027/review`);
		expect(await progress(plain.page)).toEqual({ done: before.done + 1, count: before.count });
		await expect(
			plain.page
				.getByRole('region', { name: 'Your reviews' })
				.getByRole('listitem')
				.filter({ hasText: PROPOSAL })
				.getByText('Submitted')
				.count()
		).resolves.toBe(1);

		// Leilani, without JavaScript, on the rubric.
		const leilani = await open(browser, { javaScriptEnabled: false });
		await signIn(leilani.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await leilani.page.goto(`${url}/track/igf-2027/manage`);
		await leilani.page
			.getByText(/Reviews: \d+ of \d+ assigned submitted/)
			.first()
			.waitFor();
		await leilani.page.getByRole('link', { name: 'Rubric', exact: true }).click();
		await leilani.page
			.getByRole('heading', { name: 'Rubric of IGF 2027 capacity-building track' })
			.waitFor();
		await expectAccessible(leilani.page);
		const relevance = leilani.page.getByRole('region', { name: 'Relevance to the track' });
		// Scored: its scale stays, and it offers no removal.
		await relevance.getByText('Reviews score it: it cannot be removed.').waitFor();
		await expect(relevance.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);
		await relevance.getByLabel('Weight', { exact: true }).fill('2');
		await relevance.getByRole('button', { name: 'Save the criterion' }).click();
		await leilani.page.getByText('Criterion saved.').waitFor();
		await expect(
			leilani.page
				.getByRole('region', { name: 'Relevance to the track' })
				.getByLabel('Weight', { exact: true })
				.inputValue()
		).resolves.toBe('2');

		const adding = leilani.page.getByRole('region', { name: 'Add a criterion' });
		await adding.getByLabel('Criterion', { exact: true }).fill('First-time speakers');
		await adding.getByLabel('Weight', { exact: true }).fill('0');
		await adding.getByRole('button', { name: 'Add the criterion' }).click();
		await leilani.page
			.getByRole('region', { name: 'Add a criterion' })
			.getByText('The weight is a positive number up to 100', { exact: false })
			.first()
			.waitFor();
		await expect(
			leilani.page
				.getByRole('region', { name: 'Add a criterion' })
				.getByLabel('Criterion', { exact: true })
				.inputValue()
		).resolves.toBe('First-time speakers');
		await leilani.page
			.getByRole('region', { name: 'Add a criterion' })
			.getByLabel('Weight', { exact: true })
			.fill('0.5');
		await leilani.page
			.getByRole('region', { name: 'Add a criterion' })
			.getByLabel('Independent: reported apart from the weighted total')
			.check();
		await leilani.page.getByRole('button', { name: 'Add the criterion' }).click();
		await leilani.page.getByText('Criterion added.').waitFor();
		const added = leilani.page.getByRole('region', { name: 'First-time speakers' });
		await expect(added.getByLabel('Weight', { exact: true }).inputValue()).resolves.toBe('0.5');
		await expectAccessible(leilani.page);
		await added.getByRole('button', { name: 'Move up: First-time speakers' }).click();
		await leilani.page.getByText('Criterion moved.').waitFor();
		const order = await leilani.page
			.getByRole('main')
			.locator('ol.criteria > li h2')
			.allTextContents();
		expect(order.at(-2)).toBe('First-time speakers');
		await leilani.page.getByRole('button', { name: 'Remove First-time speakers' }).click();
		await leilani.page.getByText('Criterion removed.').waitFor();
		await expect(
			leilani.page.getByRole('region', { name: 'First-time speakers' }).count()
		).resolves.toBe(0);
		await leilani.page.goto(`${url}/ar/track/igf-2027/manage/rubric`);
		await expectAccessible(leilani.page);

		expect([...priya.errors, ...plain.errors, ...leilani.errors]).toEqual([]);
	});
});
