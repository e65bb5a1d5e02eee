import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	claimCard,
	claimMonsoon,
	expectSignedInAs,
	followMailLink,
	newEmail,
	openDecline,
	signIn,
	signUp
} from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
const PROGRAMME = 'monsoon-school-internet-governance';
const PRIYA = 'priya@example.org';
const DEMO_PASSWORD = 'commons-demo-2026';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Follows "Next page" until the person shows up (the list is paged by keyset). */
async function findOnPeoplePage(page: Page, name: string): Promise<void> {
	for (let pages = 0; pages < 20; pages++) {
		if ((await page.getByRole('main').getByRole('link', { name }).count()) > 0) return;
		const next = page.getByRole('link', { name: 'Next page' });
		if ((await next.count()) === 0) break;
		await Promise.all([page.waitForURL(/after=/), next.click()]);
	}
	throw new Error(`${name} is not in the programme's list`);
}

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('verified memberships $label', ({ javaScript }) => {
	it('a new member claims a membership, the coordinator verifies it, the member appears in the alumni list', async () => {
		const member = await open(browser, { javaScriptEnabled: javaScript });
		const email = newEmail(javaScript ? 'claim-js' : 'claim-nojs');
		const name = `Aarav Mehta ${randomUUID().slice(0, 6)}`;

		await signUp(member.page, url, name, email, 'monsoon rains over the hills');
		await followMailLink(member.page, url, email, /confirm/i);
		await expectSignedInAs(member.page, name);

		await member.page.goto(`${url}/account/memberships`);
		await expectAccessible(member.page);
		await member.page
			.getByRole('combobox', { name: 'Programme' })
			.selectOption({ label: 'Monsoon School of Internet Governance' });
		await member.page.getByLabel('Cohort (optional)').fill('1850');
		await member.page.getByRole('button', { name: 'Send my claim' }).click();
		await member.page.getByText('This programme has no cohort “1850”', { exact: false }).waitFor();
		await expectAccessible(member.page);
		await member.page.getByLabel('Cohort (optional)').fill('2023');
		await member.page.getByRole('button', { name: 'Send my claim' }).click();
		await member.page.getByText('Your claim is sent.').waitFor();
		await member.page.getByText('Waiting for the coordinators').waitFor();
		await expectAccessible(member.page);

		// Priya, the programme's coordinator, in another browser context.
		const priya = await open(browser, { javaScriptEnabled: javaScript });
		await signIn(priya.page, url, PRIYA, DEMO_PASSWORD);
		await expectSignedInAs(priya.page, 'Priya Raman');
		await priya.page.goto(`${url}/programmes/${PROGRAMME}/claims`);
		await priya.page.getByRole('heading', { name: /Claims to verify/ }).waitFor();
		await expectAccessible(priya.page);
		await priya.page.getByRole('button', { name: `Verify ${name}` }).click();
		await priya.page.getByText('Verified. The person is told').waitFor();
		await expect(priya.page.getByRole('button', { name: `Verify ${name}` }).count()).resolves.toBe(
			0
		);
		await expectAccessible(priya.page);

		// With JavaScript the open page hears the decision on the person's private topic; without,
		// the person sees it on their next visit.
		if (!javaScript) await member.page.goto(`${url}/account/memberships`);
		await member.page
			.getByText(
				'Your membership was verified: Alumni · Monsoon School of Internet Governance 2023.'
			)
			.waitFor({ timeout: 15_000 });
		await member.page.getByText('1 new').waitFor();
		await expectAccessible(member.page);
		await member.page.getByRole('button', { name: 'Mark all as read' }).click();
		await member.page
			.getByRole('button', { name: 'Mark all as read' })
			.waitFor({ state: 'detached' });

		await member.page.goto(`${url}/programmes/${PROGRAMME}/people`);
		await member.page.getByLabel('Cohort').selectOption('2023');
		await member.page.getByLabel('Role').selectOption('alumnus');
		await Promise.all([
			member.page.waitForURL(/cohort=2023/),
			member.page.getByRole('button', { name: 'Show' }).click()
		]);
		await findOnPeoplePage(member.page, name);
		await expectAccessible(member.page);
		const link = member.page.getByRole('main').getByRole('link', { name });
		expect(await link.getAttribute('href')).toMatch(/^\/people\/[a-z0-9-]+$/);

		expect(member.errors).toEqual([]);
		expect(priya.errors).toEqual([]);
		await member.page.context().close();
		await priya.page.context().close();
	});
});

describe('declined claims', () => {
	it('the coordinator must give a reason to decline, and the member reads it', async () => {
		const member = await open(browser, { javaScriptEnabled: false });
		const email = newEmail('decline');
		const name = `Bilal Chaudhry ${randomUUID().slice(0, 6)}`;
		await signUp(member.page, url, name, email, 'monsoon rains over the hills');
		await followMailLink(member.page, url, email, /confirm/i);
		await claimMonsoon(member.page, url, /Trainer/);

		const priya = await open(browser, { javaScriptEnabled: false });
		await signIn(priya.page, url, PRIYA, DEMO_PASSWORD);
		await priya.page.goto(`${url}/programmes/${PROGRAMME}/claims`);
		await openDecline(claimCard(priya.page, name));
		await priya.page.getByRole('button', { name: `Decline ${name}` }).click();
		await priya.page.getByText('Say why you decline, so the person knows what to do.').waitFor();
		await expectAccessible(priya.page);
		await priya.page
			.getByLabel(`Reason for declining ${name}`)
			.fill('We have no record of you among our trainers.');
		await priya.page.getByRole('button', { name: `Decline ${name}` }).click();
		await priya.page.getByText('Declined. The person is told why.').waitFor();
		await priya.page.context().close();

		await member.page.goto(`${url}/account/memberships`);
		await member.page
			.getByText(
				'Your claim was declined: Trainer · Monsoon School of Internet Governance. Reason: We have no record of you among our trainers.'
			)
			.waitFor();
		await member.page.getByRole('button', { name: 'Remove' }).click();
		await member.page.getByText('Your claim is withdrawn.').waitFor();
		await expectAccessible(member.page);
		await member.page.context().close();
	});
});

describe('invitations', () => {
	it('a coordinator uploads a roster with bad rows: each is reported by line, the good ones are invited and can accept', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, PRIYA, DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${PROGRAMME}/invite`);
		await expectAccessible(page);

		const good = newEmail('roster-good');
		const also = newEmail('roster-also');
		const csv = Buffer.concat([
			Buffer.from(
				[
					'name,email,role,cohort',
					`Good Person,${good},alumnus,2023`,
					'No Mail,,alumnus,2023',
					`Twice,${good},alumnus,2023`,
					`Lost,${newEmail('lost')},alumnus,1850`,
					''
				].join('\n')
			),
			Buffer.from([0x4a, 0x6f, 0x73, 0xe9]), // "José" in Latin-1
			Buffer.from(`,${newEmail('latin')},alumnus,2023\nAlso Good,${also},trainer,\n`)
		]);
		await page.getByLabel('Roster file (CSV)').setInputFiles({
			name: 'monsoon-2023.csv',
			mimeType: 'text/csv',
			buffer: csv
		});
		await page.getByRole('button', { name: 'Import the roster' }).click();
		await page.getByText('monsoon-2023.csv: 2 people invited, 4 lines not imported').waitFor();
		const table = page.getByRole('table', { name: /Lines not imported/ });
		const rows = await table.getByRole('row').allInnerTexts();
		expect(rows.slice(1).map((r) => r.split('\t')[0])).toEqual(['3', '4', '5', '6']);
		await expect(table.getByText('the e-mail address is missing').count()).resolves.toBe(1);
		await expect(
			table.getByText('the same person, role and cohort as line 2').count()
		).resolves.toBe(1);
		await expect(table.getByText(/unknown cohort “1850”/).count()).resolves.toBe(1);
		await expect(table.getByText(/not UTF-8/).count()).resolves.toBe(1);
		await expectAccessible(page);
		await page.getByText(`<${good}>`).waitFor();
		await page.getByText(`<${also}>`).waitFor();
		expect(errors).toEqual([]);

		// The invitee gets Auth's invitation mail; after choosing a password they find it in the app.
		const invitee = await open(browser);
		await followMailLink(invitee.page, url, good, /invited/i);
		await invitee.page.getByLabel('New password').fill('a lantern on the river');
		await invitee.page.getByRole('button', { name: 'Save my new password' }).click();
		await invitee.page.getByText('Your new password is saved.').waitFor();
		await invitee.page.goto(`${url}/account/memberships`);
		await invitee.page.getByRole('heading', { name: 'Invitations to you' }).waitFor();
		await expectAccessible(invitee.page);
		await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
		await invitee.page.getByText('Welcome! The invitation is accepted').waitFor();
		await invitee.page
			.getByRole('link', { name: 'Alumni · Monsoon School of Internet Governance 2023' })
			.waitFor();
		expect(invitee.errors).toEqual([]);
		await invitee.page.context().close();

		// Priya withdraws the other invitation.
		await page.goto(`${url}/programmes/${PROGRAMME}/invite`);
		await page.getByRole('button', { name: `Withdraw the invitation to ${also}` }).click();
		await page.getByText('The invitation is withdrawn.').waitFor();
		await expect(page.getByText(`<${also}>`).count()).resolves.toBe(0);
		await page.context().close();
	});

	it('a coordinator invites one person by e-mail; the link accepts for them and refuses anyone else', async () => {
		const { page, errors } = await open(browser);
		await signIn(page, url, PRIYA, DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${PROGRAMME}/invite`);
		const email = newEmail('invite-one');
		await page.getByLabel('E-mail address').fill(email);
		await page.getByLabel('Name (optional)').fill('Ravi Kumar');
		await page.getByLabel('Role', { exact: true }).selectOption('trainer');
		await page.getByLabel('Cohort', { exact: true }).selectOption('2023');
		await page.getByRole('button', { name: 'Send the invitation' }).click();
		await page.getByText(`${email} is invited. We e-mailed them a link.`).waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();

		// The mail's link carries the invitation's own page (the redirect the app asked Auth for).
		const invitee = await open(browser, { javaScriptEnabled: false });
		await invitee.page.goto(`${url}/dev/mail?to=${encodeURIComponent(email)}`);
		const href = await invitee.page
			.getByRole('link', { name: /open the link/i })
			.first()
			.getAttribute('href');
		const invitation = new URL(href!).searchParams.get('next');
		expect(invitation).toMatch(/^\/invitations\/[A-Za-z0-9_-]{43}$/);

		await invitee.page.goto(`${url}${invitation}`);
		await invitee.page.getByText('Trainer · Monsoon School of Internet Governance 2023').waitFor();
		await invitee.page.getByRole('link', { name: 'Sign in' }).first().waitFor();
		await expectAccessible(invitee.page);

		// Someone else, signed in, is refused with the reason.
		// Demo accounts other journeys do not sign in with, so no sign-in limit is shared.
		const other = await open(browser, { javaScriptEnabled: false });
		await signIn(other.page, url, 'kwame@example.org', DEMO_PASSWORD);
		await other.page.goto(`${url}${invitation}`);
		await other.page.getByRole('button', { name: 'Accept the invitation' }).click();
		await other.page.getByText(/sent to another e-mail address/).waitFor();
		await expectAccessible(other.page);
		await other.page.context().close();

		await followMailLink(invitee.page, url, email, /invited/i);
		await invitee.page.getByLabel('New password').fill('a kite above the harbour');
		await invitee.page.getByRole('button', { name: 'Save my new password' }).click();
		await invitee.page.getByText('Your new password is saved.').waitFor();
		await invitee.page.goto(`${url}${invitation}`);
		await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
		await invitee.page.waitForURL(/\/account\/memberships\?accepted/);
		await invitee.page.getByText('Welcome! The invitation is accepted').waitFor();
		await invitee.page
			// Exactly: the notice of the invitation names it too, as a link to this page.
			.getByRole('link', {
				name: 'Trainer · Monsoon School of Internet Governance 2023',
				exact: true
			})
			.waitFor();
		await invitee.page.goto(`${url}${invitation}`);
		await invitee.page.getByText('This invitation was already accepted.').waitFor();
		await invitee.page.context().close();
	});

	it('a coordinator invites someone who already has an account: the app mails them, they follow the link, sign in and accept', async () => {
		// Kwame, a demo account no other journey makes a member of this programme.
		const kwameEmail = 'kwame@example.org';
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		await signIn(page, url, PRIYA, DEMO_PASSWORD);
		await page.goto(`${url}/programmes/${PROGRAMME}/invite`);
		await page.getByLabel('E-mail address').fill(kwameEmail);
		await page.getByLabel('Role', { exact: true }).selectOption('trainer');
		await page.getByLabel('Cohort', { exact: true }).selectOption('2023');
		await page.getByRole('button', { name: 'Send the invitation' }).click();
		await page.getByText(`${kwameEmail} is invited. We e-mailed them a link.`).waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();

		// The app's own mail (SMTP, through the stand-in's sink) goes out just after the invitation
		// is committed: look until it is in the outbox.
		const kwame = await open(browser, { javaScriptEnabled: false });
		const subject =
			'Monsoon School of Internet Governance invites you to join it on Capacity Commons';
		const mail = kwame.page
			.getByRole('article')
			.filter({ has: kwame.page.getByRole('heading', { name: subject }) });
		for (let tries = 0; (await mail.count()) === 0; tries++) {
			if (tries === 50) throw new Error(`no invitation mail to ${kwameEmail}`);
			await kwame.page.waitForTimeout(200);
			await kwame.page.goto(`${url}/dev/mail?to=${encodeURIComponent(kwameEmail)}`);
		}
		await expect(mail.count()).resolves.toBe(1);
		await mail.getByText(/from the app/).waitFor();
		const text = await mail.locator('pre').textContent();
		expect(text).toContain(
			'Monsoon School of Internet Governance invites you to join it on Capacity Commons as a trainer of its 2023 cohort.'
		);
		expect(text).toContain(
			'Priya Raman, a coordinator of Monsoon School of Internet Governance, sent this invitation.'
		);
		const link = /\n(\S+\/invitations\/[A-Za-z0-9_-]{43})\n/.exec(text ?? '')?.[1];
		expect(link?.startsWith(`${url}/invitations/`)).toBe(true);
		await expectAccessible(kwame.page);

		await followMailLink(kwame.page, url, kwameEmail, new RegExp(subject));
		expect(kwame.page.url()).toBe(link);
		await kwame.page.getByText('Trainer · Monsoon School of Internet Governance 2023').waitFor();
		await Promise.all([
			kwame.page.waitForURL(/\/sign-in\?redirectTo=/),
			kwame.page.getByRole('main').getByRole('link', { name: 'Sign in' }).click()
		]);
		await kwame.page.getByLabel('E-mail address').fill(kwameEmail);
		await kwame.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
		await Promise.all([
			kwame.page.waitForURL(/\/invitations\//),
			kwame.page.getByRole('button', { name: 'Sign in' }).click()
		]);
		await kwame.page.getByText(`You are signed in as ${kwameEmail}.`).waitFor();
		await kwame.page.getByRole('button', { name: 'Accept the invitation' }).click();
		await kwame.page.waitForURL(/\/account\/memberships\?accepted/);
		await kwame.page.getByText('Welcome! The invitation is accepted').waitFor();
		await kwame.page
			// Exactly: the notice of the invitation names it too, as a link to this page.
			.getByRole('link', {
				name: 'Trainer · Monsoon School of Internet Governance 2023',
				exact: true
			})
			.waitFor();
		await expectAccessible(kwame.page);
		expect(kwame.errors).toEqual([]);
		await kwame.page.context().close();
	});

	it('an invitation link asks a visitor to sign in, and refuses someone else', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/invitations/not-a-real-token-not-a-real-token`);
		await page.getByText('This invitation link is not valid.').waitFor();
		await page.goto(`${url}/programmes/${PROGRAMME}/people`);
		await page.getByText(/are visible to members/).waitFor();
		await expectAccessible(page);
		await page.goto(`${url}/programmes/${PROGRAMME}/claims`);
		await page.waitForURL(/\/sign-in\?redirectTo=/);
		await signIn(page, url, 'tomas@example.org', DEMO_PASSWORD);
		const response = await page.goto(`${url}/programmes/${PROGRAMME}/claims`);
		expect(response?.status()).toBe(403);
		await page.context().close();
	});
});
