/**
 * The ranked list in a real Chromium, without JavaScript: Leilani opens it from the cycle's
 * management page, sees the track's totals and the proposals ordered by score (the unscored
 * last), the demo's disagreeing proposal flagged, and filters by format with the GET form; a
 * reviewer is refused the page. axe on every step, in English and Arabic.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
/** The demo's TRACK_DISAGREED proposal (supabase/seed/track.ts): one reviewer scores it against the rest. */
const DISAGREED = 'Community networks and the last mile';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Each listed proposal's title, format line and score (null when it has none yet). */
async function rows(page: Page) {
	const items = page.getByRole('region', { name: 'Proposals by score' }).locator('ol > li');
	const out = [];
	for (const item of await items.all()) {
		const text = await item.innerText();
		const score = /([\d.]+) of 100/.exec(text);
		out.push({
			title: (await item.getByRole('heading').innerText()).trim(),
			text,
			score: score ? Number(score[1]) : null
		});
	}
	return out;
}

describe('the ranked list', () => {
	it('Leilani sees the proposals by score with the disagreement flagged, and filters by format without JavaScript', async () => {
		const leilani = await open(browser, { javaScriptEnabled: false });
		await signIn(leilani.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await leilani.page.goto(`${url}/track/igf-2027/manage`);
		await leilani.page.getByRole('link', { name: 'Ranking', exact: true }).click();
		await leilani.page
			.getByRole('heading', { name: 'Ranking of IGF 2027 capacity-building track', level: 1 })
			.waitFor();
		const totals = leilani.page.getByRole('region', { name: 'The track in figures' });
		await totals.getByText(/Proposals in review or decided: \d+/).waitFor();
		await totals.getByText(/First-time proposers: \d+ of \d+/).waitFor();
		await totals
			.getByRole('region', { name: 'Proposals with someone from each region' })
			.getByRole('listitem')
			.first()
			.waitFor();
		await expectAccessible(leilani.page);

		const all = await rows(leilani.page);
		expect(all.length).toBeGreaterThan(5);
		const scores = all.map((r) => r.score);
		const firstUnscored = scores.indexOf(null);
		const scored = (firstUnscored < 0 ? scores : scores.slice(0, firstUnscored)) as number[];
		expect(scored.length).toBeGreaterThan(5);
		expect(scored).toEqual([...scored].sort((a, b) => b - a));
		if (firstUnscored >= 0) expect(scores.slice(firstUnscored).every((s) => s === null)).toBe(true);
		const disagreed = all.find((r) => r.title === DISAGREED);
		expect(disagreed?.text).toContain('Reviewers disagree');
		expect(disagreed?.text).toMatch(/Spread\s*[\d.]+ points/);
		expect(disagreed?.text).toMatch(/Reviews\s*\d of 3 submitted/);
		// The demo's diversity criterion is independent: its mean apart, on its own 0–4 scale.
		expect(disagreed?.text).toMatch(/Diversity\s*[\d.]+ of 4/);

		// The filters are a GET form: no script needed.
		const filters = leilani.page.getByRole('form', { name: 'Filter the list' });
		await filters.getByLabel('Format').selectOption({ label: 'Workshop' });
		await filters.getByRole('button', { name: 'Show' }).click();
		await leilani.page.waitForURL(/format=workshop/);
		const workshops = await rows(leilani.page);
		expect(workshops.length).toBeGreaterThan(0);
		expect(workshops.length).toBeLessThan(all.length);
		expect(workshops.every((r) => r.text.includes('Workshop'))).toBe(true);
		expect(workshops.map((r) => r.title)).toContain(DISAGREED);
		await expect(filters.getByLabel('Format').inputValue()).resolves.toBe('workshop');
		await expectAccessible(leilani.page);
		await filters.getByLabel('Minimum criteria').selectOption({ label: 'Not met' });
		await filters.getByRole('button', { name: 'Show' }).click();
		await leilani.page.waitForURL(/criteria=missed/);
		expect(
			(await rows(leilani.page)).every((r) => r.text.includes('Misses the minimum criteria'))
		).toBe(true);
		await leilani.page.getByRole('link', { name: 'Show all' }).click();
		expect((await rows(leilani.page)).length).toBe(all.length);

		// The disagreeing proposal, opened from the list: the committee reads every review in full.
		await leilani.page.getByRole('link', { name: DISAGREED }).click();
		const committee = leilani.page.getByRole('region', {
			name: /The committee’s view: \d+ reviews?/
		});
		await committee.getByRole('article').first().waitFor();
		expect(await committee.getByRole('article').count()).toBeGreaterThanOrEqual(2);
		await committee
			.getByText(/\d of \d/)
			.first()
			.waitFor();
		await expectAccessible(leilani.page);
		await leilani.page.goBack();

		// A value no form offers: told in words, the whole list shown.
		await leilani.page.goto(`${url}/track/igf-2027/manage/ranking?format=keynote`);
		await leilani.page
			.getByRole('main')
			.getByText('one of the choices', { exact: false })
			.waitFor();

		await leilani.page.goto(`${url}/ar/track/igf-2027/manage/ranking?format=workshop`);
		await expect(leilani.page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await leilani.page.getByText('المراجعون مختلفون').first().waitFor();
		await expectAccessible(leilani.page);

		// A reviewer is not an admin: refused.
		const priya = await open(browser, { javaScriptEnabled: false });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		const response = await priya.page.goto(`${url}/track/igf-2027/manage/ranking`);
		expect(response?.status()).toBe(403);
		await expect(priya.page.getByText(DISAGREED).count()).resolves.toBe(0);

		expect([...leilani.errors, ...priya.errors]).toEqual([]);
	});
});
