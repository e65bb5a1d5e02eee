/**
 * Discussion spaces in a real Chromium. Amina starts a thread in her programme's space (the Baobab
 * School's), refused first for a title too short with her text kept; Tomás, who trains there,
 * opens it and Amina sees him reading; his reply appears in Amina's open page without a reload;
 * on the space's page the thread shows his posts as unread for her; Kwame, a platform moderator,
 * pins and locks it, and Tomás can reply no more. Without JavaScript: Amina replies in a public
 * topic space, her empty reply refused, edits it (the page says "edited"), reacts, and removes it.
 * Tomás mentions Amina and it reaches her notifications; she reports his post, it reaches Kwame's
 * queue, he hides it, and Tomás is told why. Kwame's search finds nothing of a private working
 * group until he is a member, and then opens the post it found. Priya, without JavaScript, opens a
 * space for one of her programme's cohorts. axe on every page.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectSignedInAs, signIn } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const DEMO_PASSWORD = 'commons-demo-2026';
const BAOBAB = 'baobab-school-internet-governance';
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

const reply = async (page: Page, text: string) => {
	await page.getByLabel('Your reply', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send the reply' }).click();
};

describe('discussion spaces', () => {
	it('Amina starts a thread in her programme’s space; Tomás’s reply appears live; unread on the list; a moderator pins and locks it', async () => {
		const title = `Mentors for the 2027 cohort ${randomUUID().slice(0, 6)}`;
		const amina = await as('amina@example.org', 'Amina Diallo');

		await amina.page.goto(`${url}/spaces`);
		const mine = amina.page.getByRole('region', { name: 'Your spaces' });
		await mine.getByRole('link', { name: 'Baobab School of Internet Governance' }).click();
		await amina.page.waitForURL(`${url}/spaces/${BAOBAB}`);
		await expectAccessible(amina.page);
		await amina.page.getByRole('link', { name: 'Start a thread' }).click();
		await expectAccessible(amina.page);
		const body = 'Who would mentor one of next year’s fellows? **Two hours a month**, online.';
		await amina.page.getByLabel('Title', { exact: true }).fill('Hi');
		await amina.page.getByLabel('First post', { exact: true }).fill(body);
		await amina.page.getByRole('button', { name: 'Start the thread' }).click();
		await amina.page.getByRole('link', { name: 'A title has 3 to 200 characters.' }).waitFor();
		await expect(amina.page.getByLabel('First post', { exact: true }).inputValue()).resolves.toBe(
			body
		);
		await amina.page.getByLabel('Title', { exact: true }).fill(title);
		await amina.page.getByRole('button', { name: 'Start the thread' }).click();
		await amina.page.getByRole('heading', { name: title }).waitFor();
		const thread = amina.page.url();
		expect(thread).toMatch(new RegExp(`/spaces/${BAOBAB}/\\d+-mentors-for-the-2027-cohort`));
		await amina.page.locator('#post-1 strong', { hasText: 'Two hours a month' }).waitFor();
		await expectAccessible(amina.page);

		// Tomás opens it: Amina sees him reading; his reply appears in her page without a reload.
		const tomas = await as('tomas@example.org', 'Tomás Herrera');
		await tomas.page.goto(thread);
		await amina.page.getByText('Also reading: Tomás Herrera').waitFor({ timeout: 10_000 });
		const words = `Count me in for two fellows ${randomUUID().slice(0, 4)}`;
		await reply(tomas.page, words);
		await tomas.page.locator('#post-2').getByText(words).waitFor();
		const sent = Date.now();
		await amina.page.locator('#post-2').getByText(words).waitFor({ timeout: 5_000 });
		expect(Date.now() - sent).toBeLessThan(5_000);
		await expectAccessible(amina.page);

		// Tomás's next post is unread for Amina on the space's page, and opens where she left off.
		// A post that comes live is drawn as a loaded one is: its link to a profile is a card.
		await reply(
			tomas.page,
			`And I can share last year’s mentoring guide: ${url}/people/tomas-herrera`
		);
		await tomas.page.locator('#post-3').waitFor();
		await amina.page
			.locator('#post-3')
			.getByRole('list', { name: 'Linked in this post' })
			.getByRole('link', { name: /Profile: Tomás Herrera/ })
			.waitFor({ timeout: 5_000 });
		// The new posts alone are for readers: a visitor asking for them is refused.
		const visitor = await open(browser);
		const asked = await visitor.page.request.get(`${thread.split('#')[0]}/posts?after=0`);
		expect(asked.status()).toBe(401);
		await visitor.page.context().close();
		await amina.page.goto(`${url}/spaces/${BAOBAB}`);
		await reply(tomas.page, 'Here it is: the guide is in our shared folder.');
		await tomas.page.locator('#post-4').waitFor();
		await amina.page.reload();
		const row = amina.page.getByRole('listitem').filter({ hasText: title });
		await row.getByText('1 unread').waitFor();
		await row.getByRole('link', { name: title }).click();
		await amina.page.waitForURL(/#post-4$/);
		await expectAccessible(amina.page);

		// Kwame, a platform moderator, pins and locks it; Tomás can reply no more.
		const kwame = await as('kwame@example.org', 'Kwame Mensah');
		await kwame.page.goto(thread);
		await kwame.page.getByRole('button', { name: 'Pin', exact: true }).click();
		await kwame.page.getByText('Pinned: it comes first in its space.').waitFor();
		await kwame.page.getByRole('button', { name: 'Lock', exact: true }).click();
		await kwame.page.getByText('Locked: it takes no more replies.').waitFor();
		await expectAccessible(kwame.page);
		await tomas.page.goto(thread);
		await tomas.page.getByText('A moderator has locked this thread').waitFor();
		await expect(tomas.page.getByLabel('Your reply', { exact: true }).count()).resolves.toBe(0);
		await kwame.page.goto(`${url}/spaces/${BAOBAB}`);
		await expect(
			kwame.page.locator('ul.threads > li').first().getByRole('link', { name: title }).count()
		).resolves.toBe(1);

		expect([...amina.errors, ...tomas.errors, ...kwame.errors]).toEqual([]);
		await Promise.all([amina, tomas, kwame].map(({ page }) => page.context().close()));
	});

	it('a mention suggested as Tomás types reaches the bell; a report reaches the moderator’s queue; a hidden post’s author is told', async () => {
		const thread = `${url}/spaces/data-protection`;
		const tomas = await as('tomas@example.org', 'Tomás Herrera');
		const amina = await as('amina@example.org', 'Amina Diallo');
		const open = async (page: Page) => {
			await page.goto(thread);
			await page.getByRole('link', { name: /Request for comments/ }).click();
			await page.getByRole('heading', { name: /Request for comments/ }).waitFor();
		};
		await open(tomas.page);
		// He types "@Amin": the people who read the space are suggested; Enter puts her handle in.
		const box = tomas.page.getByLabel('Your reply', { exact: true });
		await box.pressSequentially('@Amin');
		const suggested = tomas.page.getByRole('listbox', { name: 'People to mention' });
		await suggested.getByRole('option', { name: /Amina Diallo @amina-diallo/ }).waitFor();
		await expectAccessible(tomas.page);
		await box.press('Enter');
		await suggested.waitFor({ state: 'detached' });
		await expect(box.inputValue()).resolves.toBe('@amina-diallo ');
		const rest = `the comparative table is in the shared folder ${randomUUID().slice(0, 4)}`;
		await box.pressSequentially(rest);
		const words = `@amina-diallo ${rest}`;
		await tomas.page.getByRole('button', { name: 'Send the reply' }).click();
		const mine = tomas.page.locator('article', { hasText: words });
		await mine.waitFor();

		await amina.page.goto(`${url}/notifications`);
		const notice = amina.page.getByRole('link', {
			name: /Tomás Herrera mentioned you in “Request for comments/
		});
		await notice.waitFor();
		await expectAccessible(amina.page);
		await notice.click();
		const post = amina.page.locator('article', { hasText: words });
		await post.waitFor();
		// Tomás's earlier post links to his profile: it shows as a card, as Amina may see it.
		await amina.page
			.getByRole('list', { name: 'Linked in this post' })
			.getByRole('link', { name: /Profile: Tomás Herrera/ })
			.waitFor();
		await post.getByText('Report', { exact: true }).click();
		await post.getByRole('radio', { name: 'Off topic for this space' }).check();
		await post.getByLabel('A word for the moderators (optional)').fill('Not about the bill');
		await post.getByRole('button', { name: 'Send the report' }).click();
		await amina.page.getByText('Thank you: the moderators will look at it.').waitFor();

		const kwame = await as('kwame@example.org', 'Kwame Mensah');
		await kwame.page.goto(`${url}/spaces`);
		await kwame.page.getByRole('link', { name: 'Moderation queue' }).click();
		const report = kwame.page.getByRole('article').filter({ hasText: words });
		await report.getByText('Not about the bill').waitFor();
		await expectAccessible(kwame.page);
		await report
			.getByLabel('Why (its author will read this)')
			.fill('Please keep this thread on the bill.');
		await report.getByRole('button', { name: 'Hide the post' }).click();
		await kwame.page.getByText('The post is hidden; its author is told why.').waitFor();

		await tomas.page.goto(`${url}/notifications`);
		await tomas.page
			.getByRole('link', {
				name: /A moderator hid your post in “Request for comments.*Please keep this thread on the bill\./
			})
			.click();
		await tomas.page
			.locator('article', { hasText: words })
			.getByText('A moderator has hidden this post')
			.waitFor();
		await amina.page.reload();
		await expect(amina.page.getByText(words).count()).resolves.toBe(0);

		expect([...amina.errors, ...tomas.errors, ...kwame.errors]).toEqual([]);
		await Promise.all([amina, tomas, kwame].map(({ page }) => page.context().close()));
	});

	it('a visitor reads spaces and a thread without downloading the app; a member gets it, for live updates', async () => {
		const visitor = await open(browser);
		const scripts: string[] = [];
		visitor.page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(r.url());
		});
		await visitor.page.goto(`${url}/spaces`);
		await visitor.page.getByRole('link', { name: 'Data protection and privacy' }).first().click();
		await visitor.page.getByRole('link', { name: /Request for comments/ }).click();
		await visitor.page.getByRole('heading', { name: /Request for comments/ }).waitFor();
		await visitor.page.goto(`${url}/spaces/search?q=consultation`);
		await visitor.page.getByRole('heading', { name: /posts? found/ }).waitFor();
		expect(scripts).toEqual([]);
		expect(visitor.errors).toEqual([]);
		await visitor.page.context().close();

		const member = await as('tomas@example.org', 'Tomás Herrera');
		const memberScripts: string[] = [];
		member.page.on('request', (r) => {
			if (r.resourceType() === 'script') memberScripts.push(r.url());
		});
		await member.page.goto(`${url}/spaces/data-protection`);
		await member.page.getByRole('link', { name: /Request for comments/ }).click();
		await member.page.getByRole('heading', { name: /Request for comments/ }).waitFor();
		expect(memberScripts.length).toBeGreaterThan(0);
		await member.page.context().close();
	});

	it('without JavaScript: Priya opens a space for one of her programme’s cohorts; its alumni are its members', async () => {
		const priya = await as('priya@example.org', 'Priya Raman', false);
		const monsoon = 'monsoon-school-internet-governance';
		await priya.page.goto(`${url}/spaces/${monsoon}`);
		const cohorts = priya.page.getByRole('region', { name: 'Cohort spaces' });
		// The class of 2025 has its space already (the demo's), with its own thread.
		await cohorts.getByRole('link', { name: /2025/ }).waitFor();
		await expectAccessible(priya.page);
		const edition = await cohorts
			.getByLabel('Cohort', { exact: true })
			.locator('option')
			.first()
			.textContent();
		await cohorts.getByRole('radio', { name: /Members/ }).check();
		await cohorts.getByRole('button', { name: 'Open the cohort’s space' }).click();
		await priya.page
			.getByRole('heading', { level: 1, name: new RegExp(edition!.trim()) })
			.waitFor();
		await priya.page.getByText('Cohort', { exact: true }).waitFor();
		await expectAccessible(priya.page);
		// Back on the programme's space, it is listed, and that cohort is no longer offered.
		await priya.page.goto(`${url}/spaces/${monsoon}`);
		await cohorts.getByRole('link', { name: new RegExp(edition!.trim()) }).waitFor();
		await expect(
			cohorts
				.getByLabel('Cohort', { exact: true })
				.locator('option', { hasText: edition!.trim() })
				.count()
		).resolves.toBe(0);

		// An alumna of the 2025 cohort reads its private space.
		await priya.page.goto(`${url}/spaces/monsoon-school-internet-governance-2025`);
		await priya.page.getByRole('link', { name: /Class of 2025/ }).waitFor();
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();
	});

	it('without JavaScript: Kwame asks to join a private working group, Priya approves, and he reads it', async () => {
		const kwame = await as('kwame@example.org', 'Kwame Mensah', false);
		// Outside the private space its words are not found.
		const searchFor = async (words: string) => {
			await kwame.page.goto(`${url}/spaces`);
			await kwame.page.getByRole('searchbox', { name: 'Words in threads and posts' }).fill(words);
			await kwame.page.getByRole('button', { name: 'Search' }).click();
			await kwame.page.waitForURL(/\/spaces\/search\?q=/);
		};
		await searchFor('Bangladesh or clashing');
		await kwame.page.getByText('Nothing you may read matches “Bangladesh or clashing”.').waitFor();
		await expectAccessible(kwame.page);
		await kwame.page.goto(`${url}/spaces/nri-coorganisers`);
		await kwame.page.getByText('This is a private space').waitFor();
		await expect(kwame.page.getByRole('heading', { name: 'Threads' }).count()).resolves.toBe(0);
		await kwame.page
			.getByLabel('A word for the moderators (optional)')
			.fill('I help organise the Ghana IGF.');
		await kwame.page.getByRole('button', { name: 'Ask to join' }).click();
		await kwame.page.getByText('Asked: the moderators will decide').waitFor();
		await expectAccessible(kwame.page);

		const priya = await as('priya@example.org', 'Priya Raman', false);
		await priya.page.goto(`${url}/notifications`);
		await priya.page
			.getByRole('link', { name: /Someone asks to join “NRI co-organisers”/ })
			.first()
			.click();
		const request = priya.page
			.getByRole('region', { name: 'Asking to join' })
			.getByRole('listitem')
			.filter({ hasText: 'I help organise the Ghana IGF.' });
		await request.getByRole('button', { name: 'Approve' }).click();
		await priya.page.getByText('Approved: they are a member now, and told.').waitFor();
		await expectAccessible(priya.page);

		await kwame.page.goto(`${url}/spaces/nri-coorganisers`);
		await kwame.page.getByRole('link', { name: /Shared calendar of 2027 national IGFs/ }).waitFor();
		// A member now: the search finds the thread by its title and a post by its words, and
		// a hit opens the post it found.
		await searchFor('Bangladesh or clashing');
		await kwame.page.getByRole('heading', { name: '2 posts found' }).waitFor();
		const hit = kwame.page.getByRole('listitem').filter({ hasText: 'Bangladesh' });
		await expect(hit.locator('mark').first().textContent()).resolves.toBe('Bangladesh');
		await expectAccessible(kwame.page);
		await hit.getByRole('link', { name: /Shared calendar of 2027 national IGFs/ }).click();
		await kwame.page.waitForURL(/\/spaces\/nri-coorganisers\/\d+-[a-z0-9-]+#post-3$/);
		await kwame.page.locator('#post-3').getByText('Bangladesh IGF: October').waitFor();
		await kwame.page.goto(`${url}/notifications`);
		await kwame.page
			.getByRole('link', { name: 'You are now a member of “NRI co-organisers”' })
			.first()
			.waitFor();
		await Promise.all([kwame, priya].map(({ page }) => page.context().close()));
	});

	it('without JavaScript Amina proposes a working group; Leilani approves it; Amina is told and moderates it', async () => {
		const name = `Data protection bill watchers ${randomUUID().slice(0, 4)}`;
		const amina = await as('amina@example.org', 'Amina Diallo', false);
		await amina.page.goto(`${url}/spaces`);
		await amina.page.getByRole('link', { name: 'Propose a working group' }).click();
		await amina.page.getByLabel('Name of the group').fill(name);
		await amina.page.getByLabel('What it is for').fill('Too short');
		await amina.page.getByRole('button', { name: 'Propose the group' }).click();
		await amina.page
			.getByRole('link', { name: /Say what the group is for in 20 to 4000/ })
			.waitFor();
		await expect(amina.page.getByLabel('Name of the group').inputValue()).resolves.toBe(name);
		await amina.page
			.getByLabel('What it is for')
			.fill('Alumni who follow national data-protection bills and write comments together.');
		await amina.page.getByLabel('Private: its members only').check();
		await amina.page.getByRole('button', { name: 'Propose the group' }).click();
		await amina.page.getByText(`Proposed: “${name}”. An admin will decide`).waitFor();
		await amina.page
			.getByRole('region', { name: 'Your proposals' })
			.getByText('Waiting for an admin')
			.first()
			.waitFor();
		await expectAccessible(amina.page);

		const leilani = await as('leilani@example.org', 'Leilani Tupou');
		await leilani.page.goto(`${url}/notifications`);
		await leilani.page
			.getByRole('link', { name: `A member proposes a working group: “${name}”` })
			.first()
			.click();
		await leilani.page.waitForURL(`${url}/spaces/proposals`);
		const card = leilani.page.getByRole('article', { name });
		await card.getByRole('button', { name: 'Approve' }).click();
		await leilani.page.getByText('Approved: the group is open').waitFor();
		await expect(card.count()).resolves.toBe(0);
		await expectAccessible(leilani.page);

		await amina.page.goto(`${url}/notifications`);
		await amina.page
			.getByRole('link', { name: `Your working group “${name}” is approved: you moderate it` })
			.first()
			.click();
		await amina.page.getByRole('heading', { name, level: 1 }).waitFor();
		await amina.page.getByRole('link', { name: 'Start a thread' }).waitFor();
		await Promise.all([amina, leilani].map(({ page }) => page.context().close()));
	});

	it('without JavaScript: a refused reply keeps nothing lost, an edit says "edited", a reaction counts, a removal leaves "removed"', async () => {
		const amina = await as('amina@example.org', 'Amina Diallo', false);
		await amina.page.goto(`${url}/spaces/data-protection`);
		await amina.page
			.getByRole('link', { name: /Request for comments: the draft national data protection bill/ })
			.click();
		await amina.page.getByRole('heading', { name: /Request for comments/ }).waitFor();
		await expectAccessible(amina.page);

		// An empty reply is refused where it is typed.
		await reply(amina.page, '   ');
		await amina.page.getByRole('link', { name: 'Write something first.' }).waitFor();

		const words = `Our submission is ready for signatures ${randomUUID().slice(0, 4)}`;
		await reply(amina.page, words);
		const post = amina.page.locator('article', { hasText: words });
		await post.waitFor();
		// Tomás's earlier post links to his profile: it shows as a card, as Amina may see it.
		await amina.page
			.getByRole('list', { name: 'Linked in this post' })
			.getByRole('link', { name: /Profile: Tomás Herrera/ })
			.waitFor();
		expect(amina.page.url()).toMatch(/#post-\d+$/);

		await post.getByRole('link', { name: 'Edit' }).click();
		const edited = `${words} (link in the first post)`;
		await amina.page.getByLabel('Your post', { exact: true }).fill(edited);
		await amina.page.getByRole('button', { name: 'Save the change' }).click();
		await amina.page.getByText('Your post is changed; the earlier text is kept.').waitFor();
		const again = amina.page.locator('article', { hasText: edited });
		await again.getByText('edited').waitFor();

		await again.getByRole('button', { name: 'Thanks (0)' }).click();
		await amina.page
			.locator('article', { hasText: edited })
			.getByRole('button', { name: 'Thanks (1)', pressed: true })
			.waitFor();

		await amina.page
			.locator('article', { hasText: edited })
			.getByRole('button', { name: 'Remove' })
			.click();
		await amina.page.getByText('Your post is removed.').waitFor();
		await expect(amina.page.getByText(edited).count()).resolves.toBe(0);
		await amina.page.getByText('Removed by its author.').first().waitFor();
		await expectAccessible(amina.page);
		expect(amina.errors).toEqual([]);
		await amina.page.context().close();
	});
});
