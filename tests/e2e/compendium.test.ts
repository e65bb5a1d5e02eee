import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { expectSignedInAs, followMailLink, newEmail, signIn, signUp } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const MONSOON = 'monsoon-school-internet-governance';
let browser: Browser;
/** The key journeys run twice: as most browse, and as on a phone with JavaScript off. */
const JAVASCRIPT = [
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
];

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe.each(JAVASCRIPT)('a visitor browses the compendium $label', ({ javaScript }) => {
	it('filters, searches, opens a programme and its organisation', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		const response = await page.goto(`${url}/programmes`);
		expect(response?.status()).toBe(200);
		await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
		await expectAccessible(page);

		// A facet: only online programmes, and the address says so (shareable). With JavaScript
		// the choice applies as it changes; without, by the Apply button beside the filters.
		await page
			.getByRole('group', { name: 'Format' })
			.getByLabel(/^Online/)
			.check();
		if (!javaScript) await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(`${url}/programmes?format=online`);
		await page.getByRole('heading', { level: 2, name: /\d+ programmes?/ }).waitFor();
		const online = await page.getByRole('article').count();
		expect(online).toBeGreaterThan(0);
		await expect(
			page
				.getByRole('group', { name: 'Format' })
				.getByLabel(/^Online/)
				.isChecked()
		).resolves.toBe(true);
		await expectAccessible(page);

		// Words: the search box finds a school by a word of its name.
		await page.goto(`${url}/programmes`);
		await page.getByLabel('Search programmes').fill('monsoon school');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await page.waitForURL(/q=monsoon/);
		const result = page.getByRole('link', { name: 'Monsoon School of Internet Governance' });
		await result.waitFor();
		await expectAccessible(page);

		await result.click();
		await page.waitForURL(`**/programmes/${MONSOON}`);
		await page
			.getByRole('heading', { level: 1, name: 'Monsoon School of Internet Governance' })
			.waitFor();
		await page.getByRole('heading', { name: 'Cohorts' }).waitFor();
		await expect(
			page.getByRole('link', { name: /verified alumni and trainers/ }).getAttribute('href')
		).resolves.toBe(`/programmes/${MONSOON}/people`);
		// Visitors are not offered editing.
		expect(await page.getByRole('link', { name: /edit/i }).count()).toBe(0);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).first().click();
		await page.waitForURL('**/organisations/monsoon-forum');
		await page.getByRole('heading', { level: 1, name: 'Monsoon Network Policy Forum' }).waitFor();
		await page.getByRole('link', { name: 'Monsoon School of Internet Governance' }).waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('the compendium on a 360 px phone $label', ({ javaScript }) => {
	it('shows results in the first screen, filters in a panel that opens, and clean addresses', async () => {
		const { page, errors } = await open(browser, {
			javaScriptEnabled: javaScript,
			viewport: { width: 360, height: 640 }
		});
		await page.goto(`${url}/programmes`);
		const count = page.getByRole('heading', { level: 2, name: /^\d+ programmes?$/ });
		await count.waitFor();
		// The first result is on the first screen; the filters wait, closed, in their panel.
		const first = page.getByRole('article').first().getByRole('heading', { level: 3 });
		const top = (await first.boundingBox())!.y;
		expect(top).toBeLessThan(640 - 20);
		const format = page.getByRole('group', { name: 'Format' });
		await expect(format.isVisible()).resolves.toBe(false);
		await expectAccessible(page);
		const noScroll = await page.evaluate(
			() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
		);
		expect(noScroll).toBe(true);

		// Opened, the panel shows the filters; the Apply button stands right by them without
		// JavaScript (on the panel's first screen), and is not needed with it.
		await page.locator('summary', { hasText: 'Filters' }).click();
		await format.waitFor();
		const apply = page.getByRole('button', { name: 'Apply filters' });
		if (javaScript) {
			await expect(apply.isVisible()).resolves.toBe(false);
		} else {
			const box = (await apply.boundingBox())!;
			const summary = (await page.locator('summary', { hasText: 'Filters' }).boundingBox())!;
			expect(box.y - summary.y).toBeLessThan(200);
		}
		await expectAccessible(page);

		// Words left empty are not in the address; the choice is.
		await format.getByLabel(/^Online/).check();
		if (!javaScript) await apply.click();
		await page.waitForURL(`${url}/programmes?format=online`);
		await page.getByRole('heading', { level: 2, name: /^\d+ programmes?$/ }).waitFor();
		if (javaScript) {
			// Drawn in place: the panel is still open, and it counts the choice.
			await format.waitFor();
			await page.locator('summary', { hasText: 'Filters (1 chosen)' }).waitFor();
			await expect(format.getByLabel(/^Online/).isChecked()).resolves.toBe(true);
		}
		expect(await page.getByRole('article').count()).toBeGreaterThan(0);
		await expectAccessible(page);

		// An address with empty fields, as a plain GET form sends it, is cleaned on the server.
		await page.goto(`${url}/programmes?q=&format=online&level=`);
		expect(page.url()).toBe(`${url}/programmes?format=online`);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('a visitor browses the organisations $label', ({ javaScript }) => {
	it('opens them from the compendium, finds one by a name without its accent, and goes back', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/programmes`);
		await page.getByRole('link', { name: 'the organisations that run them' }).click();
		await page.waitForURL(`${url}/organisations`);
		await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
		await page.getByRole('heading', { level: 2, name: /^\d+ organisations$/ }).waitFor();
		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).waitFor();
		// Plain HTML: no script ships, nor its data for one.
		expect(await page.locator('script').count()).toBe(0);
		// Visitors are not offered curation.
		expect(await page.getByRole('link', { name: 'Add an organisation' }).count()).toBe(0);
		await expectAccessible(page);

		// The address says the search (shareable); "fundacion" finds "Fundación".
		await page.getByLabel('Search organisations by name').fill('fundacion');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await page.waitForURL(/\/organisations\?q=fundacion$/);
		await page
			.getByRole('heading', { level: 2, name: '1 organisation matching “fundacion”' })
			.waitFor();
		const ceiba = page.getByRole('link', { name: 'Fundación Ceiba Digital' });
		const item = page.getByRole('listitem').filter({ has: ceiba });
		await item.getByText('Civil society · Uruguay · 1 programme').waitFor();
		await expectAccessible(page);

		await ceiba.click();
		await page.waitForURL('**/organisations/ceiba-digital');
		await page.getByRole('heading', { level: 1, name: 'Fundación Ceiba Digital' }).waitFor();
		await page.getByRole('link', { name: 'Ceiba School of Internet Governance' }).waitFor();
		await expectAccessible(page);
		await page
			.getByRole('navigation', { name: 'Breadcrumb' })
			.getByRole('link', { name: 'All organisations' })
			.click();
		await page.waitForURL(`${url}/organisations`);
		await page.getByRole('link', { name: 'Fundación Ceiba Digital' }).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('what the compendium refuses', () => {
	it('explains a bad filter instead of failing, and has no page for an unknown programme', async () => {
		const { page } = await open(browser);
		const response = await page.goto(`${url}/programmes?level=expert&region=xx`);
		expect(response?.status()).toBe(200);
		await page
			.getByRole('alert')
			.filter({ hasText: 'The filter “Level” has a value that is not one of its choices.' })
			.waitFor();
		await expectAccessible(page);
		const missing = await page.goto(`${url}/programmes/no-such-programme`);
		expect(missing?.status()).toBe(404);
		const edit = await page.goto(`${url}/programmes/${MONSOON}/edit`);
		expect(new URL(page.url()).pathname).toBe('/sign-in');
		expect(edit?.status()).toBe(200);
		await page.context().close();
	});

	it('explains a bad search or page link of the organisations instead of failing', async () => {
		const { page } = await open(browser);
		for (const [query, problem] of [
			[`q=${'x'.repeat(201)}`, 'Use at most 200 characters in the search box.'],
			['after=not-one-of-ours', 'That page link is not valid; start the search again.']
		] as const) {
			const response = await page.goto(`${url}/organisations?${query}`);
			expect(response?.status()).toBe(200);
			await page.getByRole('alert').filter({ hasText: problem }).waitFor();
			await page.getByRole('link', { name: 'See all organisations' }).waitFor();
		}
		await expectAccessible(page);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('curation: a suggested value, applied $label', ({ javaScript }) => {
	it('a new member suggests a website, Priya applies it, the page shows it and the member is told', async () => {
		const tag = randomUUID().slice(0, 6);
		const name = `Noor Haddad ${tag}`;
		const email = newEmail(javaScript ? 'suggest-js' : 'suggest-nojs');
		const website = `https://monsoon.example.org/school-${tag}`;
		const member = await open(browser, { javaScriptEnabled: javaScript });
		await signUp(member.page, url, name, email, 'monsoon rains over the hills');
		await followMailLink(member.page, url, email, /confirm/i);
		await expectSignedInAs(member.page, name);

		await member.page.goto(`${url}/programmes/${MONSOON}`);
		await member.page.getByRole('link', { name: 'Suggest an edit' }).click();
		await member.page.waitForURL(`**/programmes/${MONSOON}/suggest`);
		await member.page.getByText('You have not suggested an edit to this programme yet.').waitFor();
		await expectAccessible(member.page);
		await member.page.getByLabel('Which part of the page').selectOption('website');
		await member.page.getByRole('button', { name: 'Continue' }).click();
		await member.page.waitForURL(/field=website/);
		await member.page.getByRole('heading', { name: 'The page says now' }).waitFor();
		await expectAccessible(member.page);

		// The field starts from what the page says: sent unchanged, it changes nothing.
		const field = member.page.getByLabel('New website');
		expect(await field.inputValue()).toMatch(/^https:\/\//);
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText('That is what the page says already.').waitFor();
		// Not a web address the page can link to: said on the field, and what was typed stays.
		await field.fill('ftp://monsoon.example.org');
		await member.page
			.getByLabel('Why, or a source (optional)')
			.fill('Their new call for applications.');
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText('Give a web address that starts with https://.').waitFor();
		await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
		await expect(member.page.getByLabel('Why, or a source (optional)').inputValue()).resolves.toBe(
			'Their new call for applications.'
		);
		await expectAccessible(member.page);
		await member.page.getByLabel('New website').fill(website);
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText(/will review your suggestion/).waitFor();
		const mine = member.page.getByRole('region', { name: 'Your suggestions to this programme' });
		await mine.getByText(website).waitFor();
		await mine.getByText('Waiting for the coordinators').waitFor();
		await expectAccessible(member.page);
		if (javaScript) await member.page.goto(`${url}/account/memberships`);

		// Priya, the coordinator, sees the page as it is against the suggestion, and applies it.
		const priya = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(priya.page, url, 'priya@example.org', DEMO_PASSWORD);
		await expectSignedInAs(priya.page, 'Priya Raman');
		await priya.page.goto(`${url}/programmes/${MONSOON}`);
		await priya.page.getByRole('link', { name: 'Suggested edits' }).click();
		await priya.page.waitForURL(`**/programmes/${MONSOON}/suggestions`);
		const card = priya.page.getByRole('article', { name: `Website, suggested by ${name}` });
		await card.getByRole('heading', { name: 'The page says now' }).waitFor();
		await card.getByText(website).waitFor();
		await card.getByText('Their new call for applications.').waitFor();
		expect(await card.getByText('The page changed since this was suggested').count()).toBe(0);
		await expectAccessible(priya.page);
		await card.getByRole('button', { name: 'Apply', exact: true }).click();
		await priya.page.getByText('Applied: the page shows it now').waitFor();
		await priya.page
			.getByRole('region', { name: 'Decided' })
			.getByRole('article', { name: `Website, suggested by ${name}` })
			.getByText('Applied by Priya Raman')
			.waitFor();
		await expectAccessible(priya.page);

		await priya.page.goto(`${url}/programmes/${MONSOON}`);
		await expect(
			priya.page.getByRole('link', { name: /monsoon\.example\.org/ }).getAttribute('href')
		).resolves.toBe(website);
		expect(priya.errors).toEqual([]);
		await priya.page.context().close();

		// The member is told: live on an open page with JavaScript, on the next visit without.
		if (!javaScript) await member.page.goto(`${url}/account/memberships`);
		await member.page
			.getByText(
				'Your suggested edit to the website of Monsoon School of Internet Governance was applied: the page now shows it.'
			)
			.waitFor({ timeout: 15_000 });
		await expectAccessible(member.page);
		await member.page.goto(`${url}/programmes/${MONSOON}/suggest`);
		await mine.getByText('Applied').waitFor();
		expect(member.errors).toEqual([]);
		await member.page.context().close();
	});
});

describe('curation: stale suggestions and dismissals', () => {
	it('Priya is warned when the page changed meanwhile, applies anyway, and dismisses with a reason', async () => {
		const tag = randomUUID().slice(0, 6);
		const suggested = `A six-week school for the Asia-Pacific, as a member put it (${tag}).`;
		const member = await open(browser);
		await signIn(member.page, url, 'amina@example.org', DEMO_PASSWORD);
		await member.page.goto(`${url}/programmes/${MONSOON}/suggest?field=summary`);
		await member.page.getByLabel('New summary').fill(suggested);
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText(/will review your suggestion/).waitFor();
		await member.page.goto(`${url}/programmes/${MONSOON}/suggest?field=topics`);
		await member.page
			.getByLabel('What should change')
			.fill(`It also teaches cybersecurity policy (${tag}).`);
		await member.page.getByRole('button', { name: 'Send suggestion' }).click();
		await member.page.getByText(/will review your suggestion/).waitFor();

		const { page, errors } = await open(browser);
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${MONSOON}/suggestions`);
		const card = page.getByRole('article', { name: 'Summary, suggested by Amina Diallo' });
		await card.getByText(suggested).waitFor();

		// Meanwhile, in another tab, she edits the summary herself.
		const editor = await page.context().newPage();
		await editor.goto(`${url}/programmes/${MONSOON}/edit`);
		await expectAccessible(editor);
		const edited = `A six-week school for the Asia-Pacific, updated by its coordinator (${tag}).`;
		await editor.getByLabel('Summary').fill(edited);
		await editor.getByRole('button', { name: 'Save changes' }).click();
		await editor.waitForURL(`**/programmes/${MONSOON}?saved=1`);
		await editor.getByText(edited).waitFor();
		await editor.close();

		// Applying now is refused and explained; the card shows what the page says now.
		await card.getByRole('button', { name: 'Apply', exact: true }).click();
		await card
			.getByText('The page changed since this was suggested.', { exact: false })
			.first()
			.waitFor();
		await card.getByText(edited).waitFor();
		await expectAccessible(page);
		await card.getByRole('button', { name: 'Apply anyway' }).click();
		await page.getByText('Applied: the page shows it now').waitFor();

		const topics = page.getByRole('article', { name: 'Topics, suggested by Amina Diallo' });
		await topics.getByText(`It also teaches cybersecurity policy (${tag}).`).waitFor();
		const reason = `Cybersecurity is a module of another school (${tag}).`;
		await topics.getByLabel('Why not (optional; Amina Diallo is told)').fill(reason);
		await topics.getByRole('button', { name: 'Dismiss' }).click();
		await page.getByText('Dismissed; the member is told.').waitFor();
		await expectAccessible(page);

		await page.goto(`${url}/programmes/${MONSOON}`);
		await page.getByText(suggested).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();

		await member.page.goto(`${url}/account/memberships`);
		await member.page
			.getByText(
				`Your suggested edit to the topics of Monsoon School of Internet Governance was dismissed. Reason: ${reason}`
			)
			.waitFor();
		await member.page.goto(`${url}/programmes/${MONSOON}/suggest`);
		await member.page.getByText(`Reason: ${reason}`).waitFor();
		await expectAccessible(member.page);
		await member.page.context().close();
	});
});

describe.each(JAVASCRIPT)('curation: the page’s history $label', ({ javaScript }) => {
	it('Priya sees her edit in the history, with what it said before, and restores the version before it', async () => {
		const tag = randomUUID().slice(0, 6);
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(page, url, 'priya@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${MONSOON}/edit`);
		const was = await page.getByLabel('Summary').inputValue();
		const edited = `A six-week school, as its coordinator rewrote it (${tag}).`;
		await page.getByLabel('Summary').fill(edited);
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.waitForURL(`**/programmes/${MONSOON}?saved=1`);

		await page.getByRole('link', { name: 'History', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'History of the page' }).waitFor();
		const versions = page.getByRole('article');
		const mine = versions.first();
		await mine.getByText('On the page now').waitFor();
		await mine.getByText('Edited by Priya Raman').waitFor();
		await mine.getByText(edited).waitFor();
		await mine.getByText(was).waitFor();
		await expectAccessible(page);

		// The version before hers: restoring it says first what would change.
		const earlier = versions.nth(1);
		const number = Number((await earlier.getByRole('heading').textContent())!.replace(/\D+/g, ''));
		await earlier.getByRole('link', { name: 'Restore this version…' }).click();
		const asked = page.getByRole('region', { name: `Restore version ${number}?` });
		await asked.getByText(edited).waitFor();
		await asked.getByText(was).waitFor();
		await expectAccessible(page);
		await asked.getByRole('button', { name: `Restore version ${number}` }).click();
		await page.getByText(`Version ${number} is on the page again.`).waitFor();
		await versions.first().getByText(`Version ${number} restored by Priya Raman`).waitFor();

		await page.goto(`${url}/programmes/${MONSOON}`);
		await page.getByText(was).first().waitFor();
		await expect(page.getByText(edited).count()).resolves.toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('is for the programme’s coordinators: a member is refused', async () => {
		const { page } = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		const answer = await page.goto(`${url}/programmes/${MONSOON}/history`);
		expect(answer?.status()).toBe(403);
		await page.context().close();
	});
});

describe.each(JAVASCRIPT)('an admin adds a programme $label', ({ javaScript }) => {
	it('Leilani adds one from the compendium, corrects a taken address, and sees it', async () => {
		const tag = randomUUID().slice(0, 6);
		const name = `Pacific Digital Policy Lab ${tag}`;
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(page, url, 'leilani@example.org', DEMO_PASSWORD);
		// The index of organisations offers admins the page that adds one.
		await page.goto(`${url}/organisations`);
		await expect(
			page.getByRole('link', { name: 'Add an organisation' }).getAttribute('href')
		).resolves.toBe('/organisations/new');
		// The directory first, so that its list of programmes is one the server already holds.
		await page.goto(`${url}/people`);
		await page.goto(`${url}/programmes`);
		await page.getByRole('link', { name: 'Add a programme' }).click();
		await page.waitForURL('**/programmes/new');
		await page.getByRole('heading', { level: 1, name: 'Add a programme' }).waitFor();
		await expectAccessible(page);

		await page
			.getByLabel('Organisation', { exact: true })
			.selectOption({ label: 'Monsoon Network Policy Forum' });
		await page.getByLabel('Name', { exact: true }).fill(name);
		const address = page.getByLabel('Address', { exact: true });
		if (javaScript) {
			// The address follows the name until someone writes one.
			await expect.poll(() => address.inputValue()).toBe(`pacific-digital-policy-lab-${tag}`);
		}
		await address.fill(MONSOON);
		const summary = 'Two weeks on the digital policy of small island states.';
		await page.getByLabel('Summary', { exact: true }).fill(summary);
		await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Course' });
		await page.getByLabel('Online learning', { exact: true }).check();
		await page.getByRole('button', { name: 'Add programme' }).click();

		// The address is taken: said on its field, and what was typed is still there.
		await page.getByText('Another programme already has that address').waitFor();
		expect(new URL(page.url()).pathname).toBe('/programmes/new');
		await expect(page.getByLabel('Summary', { exact: true }).inputValue()).resolves.toBe(summary);
		await expect(page.getByLabel('Online learning', { exact: true }).isChecked()).resolves.toBe(
			true
		);
		await expectAccessible(page);

		// Left empty, the address is made from the name.
		await page.getByLabel('Address', { exact: true }).fill('');
		await page.getByRole('button', { name: 'Add programme' }).click();
		await page.waitForURL(`**/programmes/pacific-digital-policy-lab-${tag}`);
		await page.getByRole('heading', { level: 1, name }).waitFor();
		await page.getByText(summary).waitFor();
		await page.getByRole('link', { name: 'Monsoon Network Policy Forum' }).waitFor();
		await expectAccessible(page);

		// It has no coordinator yet: the admin invites its first one, and may review its claims.
		await page.getByRole('link', { name: 'Invite people' }).click();
		await page.waitForURL(`**/programmes/pacific-digital-policy-lab-${tag}/invite`);
		const first = `first-coordinator-${tag}-${javaScript ? 'js' : 'nojs'}@example.test`;
		await page.getByLabel('E-mail address').fill(first);
		await page.getByLabel('Role', { exact: true }).selectOption('coordinator');
		await page.getByRole('button', { name: 'Send the invitation' }).click();
		await page.getByText(`${first} is invited. We e-mailed them a link.`).waitFor();
		await expectAccessible(page);
		const claims = await page.goto(`${url}/programmes/pacific-digital-policy-lab-${tag}/claims`);
		expect(claims?.status()).toBe(200);

		// It is in the compendium for everyone, and members can filter the directory by it at once.
		await page.goto(`${url}/programmes?q=${encodeURIComponent(name)}`);
		await page.getByRole('link', { name }).waitFor();
		await page.goto(`${url}/people`);
		await expect(
			page.getByLabel('Programme', { exact: true }).locator('option', { hasText: name }).count()
		).resolves.toBe(1);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('who may add programmes', () => {
	it('sends a visitor to sign in, and refuses a member with a clear page', async () => {
		const visitor = await open(browser);
		await visitor.page.goto(`${url}/programmes/new`);
		expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
		await visitor.page.context().close();

		const { page } = await open(browser);
		await signIn(page, url, 'amina@example.org', DEMO_PASSWORD);
		await page.goto(`${url}/programmes`);
		await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
		expect(await page.getByRole('link', { name: 'Add a programme' }).count()).toBe(0);
		await page.goto(`${url}/organisations`);
		await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
		expect(await page.getByRole('link', { name: 'Add an organisation' }).count()).toBe(0);
		const refused = await page.goto(`${url}/programmes/new`);
		expect(refused?.status()).toBe(403);
		await page.getByText('Only platform admins add programmes').waitFor();
		await expectAccessible(page);
		await page.context().close();
	});
});
