/**
 * The committee's decisions in a real Chromium. Leilani (admin) opens a new cycle's call; Tomás,
 * Amina, Kwame and Priya each submit a session; Leilani ends the call and starts the decisions
 * phase, then, without JavaScript, accepts Tomás's with a note, waitlists Amina's, does not accept
 * Kwame's and merges Priya's with Tomás's (a merge without a target refused in words), filters the
 * list, and sends the decisions once. Tomás saw nothing before; after, he reads his acceptance and
 * the note in Spanish, his language, and the mail in Spanish too, and confirms without JavaScript;
 * Leilani sees it confirmed. Kwame is refused the admins' page. A seat frees: Leilani raises Amina's
 * sent waitlisted decision to accepted (once), sends it, and Amina is told again in French, her
 * language. axe on every page, in English and Arabic.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
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

/** Nairobi's wall clock (UTC+3 all year) `days` from now, as a datetime-local field takes it. */
const wall = (days: number) =>
	new Date(Date.now() + 3 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 16);

/** Submits a complete session as whoever is signed in on `page` (no JavaScript needed). */
async function propose(page: Page, slug: string, title: string) {
	await page.goto(`${url}/track/${slug}/propose`);
	const main = page.getByRole('main');
	await main.getByLabel('Title', { exact: true }).fill(title);
	await main.getByLabel('Format', { exact: true }).selectOption({ label: 'Roundtable' });
	await main.getByLabel('Duration (minutes)', { exact: true }).fill('60');
	await main
		.getByLabel('Policy question(s)', { exact: true })
		.fill('How do small islands keep their Internet exchange running?');
	await main.getByLabel('Description', { exact: true }).fill('Operators compare notes.');
	await main.getByLabel('Expected outcomes', { exact: true }).fill('A shared checklist.');
	await main
		.getByLabel('How participants will take part, online and onsite', { exact: true })
		.fill('A circle onsite, questions online.');
	await main.getByLabel('Target audience', { exact: true }).fill('Operators and regulators.');
	await main.getByRole('checkbox', { name: 'English' }).check();
	await main.getByRole('button', { name: 'Submit the proposal' }).click();
	await page.getByText('Your proposal is submitted.', { exact: false }).waitFor();
	return page.url().replace(/\?.*$/, '');
}

const row = (page: Page, title: string) =>
	page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });

async function decide(
	page: Page,
	title: string,
	decision: string,
	extra: { merge?: string; note?: string } = {}
) {
	const item = row(page, title);
	await item.getByLabel('Decision', { exact: true }).selectOption({ label: decision });
	if (extra.merge) {
		await item.getByLabel('Merged with (for a merge)').selectOption({ label: extra.merge });
	}
	if (extra.note) {
		await item.getByLabel('Note from the committee to the proposers (optional)').fill(extra.note);
	}
	await item.getByRole('button', { name: 'Save the decision' }).click();
}

describe('the committee’s decisions', () => {
	it('Leilani decides and sends once; Tomás reads his acceptance in Spanish and confirms without JavaScript', async () => {
		const suffix = randomUUID().slice(0, 6);
		const slug = `decisions-${suffix}`;
		const cycleTitle = `Decisions cycle ${suffix}`;
		const titles = {
			tomas: `Island exchanges that last ${suffix}`,
			amina: `Francophone schools online ${suffix}`,
			kwame: `Regulators in the room ${suffix}`,
			priya: `Exchanges in South Asia ${suffix}`
		};
		const note = 'Please bring the Tongan operators too.';

		const leilani = await open(browser);
		await signIn(leilani.page, url, 'leilani@example.org', DEMO_PASSWORD);
		await leilani.page.goto(`${url}/track?new`);
		await leilani.page.getByLabel('Address', { exact: true }).fill(slug);
		await leilani.page.getByLabel('Title of the cycle').fill(cycleTitle);
		await leilani.page.getByLabel('Time zone').selectOption('Africa/Nairobi');
		await leilani.page.getByRole('button', { name: 'Create the cycle' }).click();
		await leilani.page.waitForURL(`${url}/track/${slug}/manage`);
		const call = leilani.page.getByRole('group', { name: 'Call for proposals' });
		await call.getByLabel('From', { exact: true }).fill(wall(-1));
		await call.getByLabel('Until', { exact: true }).fill(wall(30));
		await call.getByLabel('Proposers may change their proposals').check();
		await leilani.page.getByRole('button', { name: 'Save the phases' }).click();
		await leilani.page.getByText('Saved.').first().waitFor();

		const proposers = {} as Record<keyof typeof titles, { page: Page; errors: string[] }>;
		const urls = {} as Record<keyof typeof titles, string>;
		for (const who of ['tomas', 'amina', 'kwame', 'priya'] as const) {
			const person = await open(browser, { javaScriptEnabled: false });
			await signIn(person.page, url, `${who}@example.org`, DEMO_PASSWORD);
			urls[who] = await propose(person.page, slug, titles[who]);
			proposers[who] = person;
		}
		const tomas = proposers.tomas.page;

		// Without a decisions phase the page says so and offers no form.
		await leilani.page.goto(`${url}/track/${slug}/manage/decisions`);
		await leilani.page
			.getByText('This cycle has no decisions phase yet', { exact: false })
			.waitFor();
		await expect(row(leilani.page, titles.tomas).getByRole('combobox').count()).resolves.toBe(0);

		// The call ends; the decisions phase has started.
		await leilani.page.goto(`${url}/track/${slug}/manage`);
		await call.getByLabel('From', { exact: true }).fill(wall(-3));
		await call.getByLabel('Until', { exact: true }).fill(wall(-2));
		const decisionsPhase = leilani.page.getByRole('group', { name: 'Decisions', exact: true });
		await decisionsPhase.getByLabel('From', { exact: true }).fill(wall(-1));
		await decisionsPhase.getByLabel('Until', { exact: true }).fill(wall(10));
		await leilani.page.getByRole('button', { name: 'Save the phases' }).click();
		await leilani.page.getByText('Saved.').first().waitFor();

		// Without JavaScript, from the cycle's page to its decisions.
		const plain = await open(browser, { javaScriptEnabled: false });
		const admin = plain.page;
		await signIn(admin, url, 'leilani@example.org', DEMO_PASSWORD);
		await admin.goto(`${url}/track/${slug}/manage`);
		await admin.getByRole('link', { name: 'Decisions', exact: true }).click();
		await admin.getByRole('heading', { name: `Decisions: ${cycleTitle}`, level: 1 }).waitFor();
		await admin.getByText('Not decided yet: 4').waitFor();
		await expectAccessible(admin);

		await decide(admin, titles.tomas, 'Accepted', { note });
		await admin.getByText('Decision saved (not sent yet).').waitFor();
		await row(admin, titles.tomas).getByText('Accepted, not sent yet').waitFor();
		// A merge needs the proposal it joins: said in words, on the row.
		await decide(admin, titles.priya, 'Merged with another');
		await row(admin, titles.priya)
			.locator('.field-error', { hasText: 'Choose the proposal it is merged with.' })
			.waitFor();
		await decide(admin, titles.priya, 'Merged with another', { merge: titles.tomas });
		await row(admin, titles.priya).getByText('Merged with another, not sent yet').waitFor();
		await decide(admin, titles.amina, 'Waitlisted');
		await row(admin, titles.amina).getByText('Waitlisted, not sent yet').waitFor();
		await decide(admin, titles.kwame, 'Accepted');
		await decide(admin, titles.kwame, 'Not accepted');
		await row(admin, titles.kwame).getByText('Not accepted, not sent yet').waitFor();
		const counts = admin.getByRole('region', { name: 'Decisions so far' });
		for (const line of [
			'Accepted: 1',
			'Waitlisted: 1',
			'Not accepted: 1',
			'Merged with another: 1',
			'Not decided yet: 0'
		]) {
			await counts.getByText(line, { exact: true }).waitFor();
		}
		await admin.getByText('4 decisions wait to be sent.').waitFor();
		await expectAccessible(admin);

		// The filter is a GET form.
		const filter = admin.getByRole('form', { name: 'Show proposals by decision' });
		await filter.getByLabel('Show', { exact: true }).selectOption({ label: 'Merged with another' });
		await filter.getByRole('button', { name: 'Show' }).click();
		await admin.waitForURL(/show=merged/);
		await expect(admin.locator('ol.rows > li').count()).resolves.toBe(1);
		await row(admin, titles.priya).waitFor();
		await admin.goto(`${url}/ar/track/${slug}/manage/decisions`);
		await expect(admin.locator('html').getAttribute('dir')).resolves.toBe('rtl');
		await expectAccessible(admin);

		// Not sent yet: Tomás sees no decision and his proposal is still in review.
		await tomas.goto(urls.tomas);
		await tomas.getByText('Status: Submitted').waitFor();
		await expect(tomas.getByText(note).count()).resolves.toBe(0);
		await expect(
			tomas.getByRole('heading', { name: 'The committee’s decision' }).count()
		).resolves.toBe(0);

		// Tomás reads Spanish: his choice is kept in his profile, for his mail too.
		try {
			await tomas.request.post(`${url}/language`, {
				form: { locale: 'es', path: '/' },
				headers: { origin: url },
				maxRedirects: 0
			});

			// Sent once: the button goes, a second post sends nothing.
			await admin.goto(`${url}/track/${slug}/manage/decisions`);
			await admin.getByRole('button', { name: 'Send 4 decisions' }).click();
			await admin.getByText('4 decisions were sent.').waitFor();
			await admin.getByText('0 decisions wait to be sent.').waitFor();
			await expect(admin.getByRole('button', { name: /^Send/ }).count()).resolves.toBe(0);
			await row(admin, titles.tomas).getByText('Accepted, sent').waitFor();
			await row(admin, titles.tomas).getByText('Not confirmed yet').waitFor();
			const again = await admin.request.post(`${url}/track/${slug}/manage/decisions?/send`, {
				headers: { origin: url },
				form: {}
			});
			// SvelteKit answers a form's post made by a script with its data, devalue-flattened.
			const body = JSON.parse(await again.text()) as { type: string; data: string };
			const flat = JSON.parse(body.data) as [{ sent: number }, ...unknown[]];
			expect(body.type).toBe('success');
			expect(flat[flat[0].sent]).toBe(0);
			await admin.reload();
			await expect(admin.getByRole('button', { name: 'Save the decision' }).count()).resolves.toBe(
				0
			);
			await expectAccessible(admin);

			// Tomás, in Spanish, without JavaScript.
			await tomas.goto(urls.tomas.replace(url, `${url}/es`));
			const part = tomas.getByRole('region', { name: 'La decisión del comité' });
			await part.getByText('Aceptada', { exact: true }).waitFor();
			await part.getByText(note).waitFor();
			await part.getByText('Aún sin confirmar').waitFor();
			await expectAccessible(tomas);
			await part.getByRole('button', { name: 'Confirmar la sesión' }).click();
			await tomas.getByText('Gracias: la sesión está confirmada.').waitFor();
			await tomas
				.getByRole('region', { name: 'La decisión del comité' })
				.getByText('Confirmada por quienes la proponen')
				.waitFor();
			await expect(
				tomas.getByRole('button', { name: 'Confirmar la sesión' }).count()
			).resolves.toBe(0);
			await expectAccessible(tomas);

			const mail = tomas.getByRole('article').filter({
				has: tomas.getByRole('heading', {
					name: `La decisión del comité sobre «${titles.tomas}»`
				})
			});
			const deadline = Date.now() + 20_000;
			do {
				await tomas.goto(`${url}/dev/mail?to=${encodeURIComponent('tomas@example.org')}`);
				if ((await mail.count()) > 0) break;
				await tomas.waitForTimeout(500);
			} while (Date.now() < deadline);
			await mail.waitFor({ timeout: 1_000 });
			const text = await mail.locator('pre').textContent();
			expect(text).toContain('Hola, Tomás Herrera:');
			expect(text).toContain('aceptó su propuesta');
			expect(text).toContain(note);
			expect(text).toMatch(/\/es\/track\/decisions-[0-9a-f]{6}\/proposals\/[0-9a-f-]{36}/);
		} finally {
			await tomas.request.post(`${url}/language`, {
				form: { locale: 'en', path: '/' },
				headers: { origin: url },
				maxRedirects: 0
			});
		}

		// Amina is waitlisted: she reads it, nothing to confirm. Priya reads what hers joins.
		const amina = proposers.amina.page;
		await amina.goto(urls.amina);
		await amina.getByText('Status: On the waiting list').waitFor();
		await expect(amina.getByRole('button', { name: 'Confirm the session' }).count()).resolves.toBe(
			0
		);
		const priya = proposers.priya.page;
		await priya.goto(urls.priya);
		await priya
			.getByRole('region', { name: 'The committee’s decision' })
			.getByText(titles.tomas)
			.waitFor();
		await priya.goto(urls.priya.replace(url, `${url}/ar`));
		await expectAccessible(priya);

		// Leilani sees the confirmation.
		await admin.goto(`${url}/track/${slug}/manage/decisions`);
		await row(admin, titles.tomas).getByText('Confirmed by the proposers').waitFor();
		await admin.getByText('Accepted: 1 confirmed, 0 not confirmed yet, 0 declined').waitFor();

		// Kwame is no admin: refused.
		const kwame = proposers.kwame.page;
		const refused = await kwame.goto(`${url}/track/${slug}/manage/decisions`);
		expect(refused?.status()).toBe(403);

		// A seat frees: Amina's sent waitlisted decision is raised to accepted (once), waits for
		// Send, and once sent she is told again, in French, her language.
		try {
			await amina.request.post(`${url}/language`, {
				form: { locale: 'fr', path: '/' },
				headers: { origin: url },
				maxRedirects: 0
			});
			await admin.goto(`${url}/track/${slug}/manage/decisions`);
			await row(admin, titles.amina)
				.getByLabel('New note to the proposers (optional; otherwise the note sent before stays)')
				.fill('A seat is free: welcome to the track.');
			await row(admin, titles.amina)
				.getByRole('button', { name: 'Accept from the waiting list' })
				.click();
			await admin.getByText('Accepted from the waiting list (not sent yet).').waitFor();
			const raised = row(admin, titles.amina);
			await raised.getByText('Accepted, not sent yet').waitFor();
			await raised.getByText('Raised from the waiting list').waitFor();
			await expect(
				raised.getByRole('button', { name: 'Accept from the waiting list' }).count()
			).resolves.toBe(0);
			await expect(raised.getByRole('button', { name: 'Save the decision' }).count()).resolves.toBe(
				0
			);
			await expectAccessible(admin);
			await admin.getByRole('button', { name: 'Send the decision' }).click();
			await admin.getByText('One decision was sent.').waitFor();
			await row(admin, titles.amina).getByText('Accepted, sent').waitFor();
			await expect(
				row(admin, titles.amina)
					.getByRole('button', { name: 'Accept from the waiting list' })
					.count()
			).resolves.toBe(0);

			await amina.goto(urls.amina.replace(url, `${url}/fr`));
			await amina.getByRole('button', { name: 'Confirmer la session' }).waitFor();
			const told = amina
				.getByRole('article')
				.filter({ hasText: titles.amina })
				.filter({ hasText: 'a accepté votre proposition' });
			const deadline = Date.now() + 20_000;
			do {
				await amina.goto(`${url}/dev/mail?to=${encodeURIComponent('amina@example.org')}`);
				if ((await told.count()) > 0) break;
				await amina.waitForTimeout(500);
			} while (Date.now() < deadline);
			await told.first().waitFor({ timeout: 1_000 });
			await expect(told.first().locator('pre').textContent()).resolves.toContain(
				'A seat is free: welcome to the track.'
			);
		} finally {
			await amina.request.post(`${url}/language`, {
				form: { locale: 'en', path: '/' },
				headers: { origin: url },
				maxRedirects: 0
			});
		}

		// Each person's console errors by name, so that a failure says whose page it was.
		expect({
			leilani: leilani.errors,
			plain: plain.errors,
			...Object.fromEntries(Object.entries(proposers).map(([who, p]) => [who, p.errors]))
		}).toEqual({ leilani: [], plain: [], tomas: [], amina: [], kwame: [], priya: [] });
		// Five people, four proposals, a phase change and the mail's round trip: longer than the
		// project's minute when the machine is shared.
	}, 180_000);
});
