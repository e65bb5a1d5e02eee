/**
 * A reviewer's own choices in a real Chromium, without JavaScript: Priya (a reviewer of the demo
 * cycle) picks the topics she would like to review and finds them kept, declares a conflict with a
 * proposal not in her queue, finds it under the conflicts she declared, and takes it back, so the
 * proposal is hers to read again. axe in English and Arabic.
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

describe('a reviewer’s choices', () => {
	it('Priya saves her topics and takes back a conflict she declared, without JavaScript', async () => {
		const priya = await open(browser, { javaScriptEnabled: false });
		const page = priya.page;
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/track/igf-2027/review`);

		const topics = page.getByRole('region', { name: 'Your topics' });
		const picker = topics.getByRole('group', { name: /Topics you would like to review/ });
		const first = picker.getByRole('checkbox').first();
		const label = (await first.evaluate((box) => box.closest('label')?.textContent ?? '')).trim();
		const wasChecked = await first.isChecked();
		// Open its basket (a <details>) so the box can be clicked.
		await first.evaluate((box) => box.closest('details')?.setAttribute('open', ''));
		await first.setChecked(!wasChecked);
		await topics.getByRole('button', { name: 'Save my topics' }).click();
		await page.getByText('Your topics are saved.').waitFor();
		await page.goto(`${url}/track/igf-2027/review`);
		await expect(
			page
				.getByRole('region', { name: 'Your topics' })
				.getByRole('checkbox', { name: label, exact: true })
				.isChecked()
		).resolves.toBe(!wasChecked);
		await expectAccessible(page);

		// A proposal she may read that is not in her queue.
		const queued = await page
			.getByRole('region', { name: 'Your reviews' })
			.getByRole('link')
			.allInnerTexts();
		const readable = page
			.getByRole('region', { name: 'Proposals you may review' })
			.getByRole('listitem');
		let chosen = '';
		for (const item of await readable.all()) {
			const title = (await item.getByRole('heading').innerText()).trim();
			if (!queued.map((q) => q.trim()).includes(title)) {
				chosen = title;
				await item.locator('summary').click();
				await item.getByLabel('Why (optional, for the committee)').fill('I advise its organisers.');
				await item.getByRole('button', { name: 'Declare a conflict' }).click();
				break;
			}
		}
		expect(chosen).not.toBe('');
		await page.getByText('Conflict declared: the proposal is no longer shown to you.').waitFor();
		const declared = page.getByRole('region', { name: 'Conflicts you declared' });
		const item = declared.getByRole('listitem').filter({ hasText: chosen });
		await item.getByText('I advise its organisers.').waitFor();
		await expect(
			page
				.getByRole('region', { name: 'Proposals you may review' })
				.getByRole('heading', { name: chosen, exact: true })
				.count()
		).resolves.toBe(0);
		await page.goto(`${url}/ar/track/igf-2027/review`);
		await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(page);

		await page.goto(`${url}/track/igf-2027/review`);
		await page
			.getByRole('region', { name: 'Conflicts you declared' })
			.getByRole('listitem')
			.filter({ hasText: chosen })
			.getByRole('button', { name: 'Take it back' })
			.click();
		await page.getByText('The conflict is taken back', { exact: false }).waitFor();
		await expect(
			page.getByRole('region', { name: 'Conflicts you declared' }).count()
		).resolves.toBe(0);
		await page
			.getByRole('region', { name: 'Proposals you may review' })
			.getByRole('heading', { name: chosen, exact: true })
			.waitFor();
		await expectAccessible(page);

		// Her topics as they were.
		await page
			.getByRole('region', { name: 'Your topics' })
			.getByRole('checkbox', { name: label, exact: true })
			.evaluate((box) => box.closest('details')?.setAttribute('open', ''));
		await page
			.getByRole('region', { name: 'Your topics' })
			.getByRole('checkbox', { name: label, exact: true })
			.setChecked(wasChecked);
		await page.getByRole('button', { name: 'Save my topics' }).click();
		await page.getByText('Your topics are saved.').waitFor();

		expect(priya.errors).toEqual([]);
	});
});
