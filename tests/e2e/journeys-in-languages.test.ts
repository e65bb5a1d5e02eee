/**
 * The key journeys in Arabic and French, with JavaScript and without: a visitor browses the
 * compendium and opens a programme, signs up and onboards, finds a peer in the directory and
 * claims a membership. Every label they use is the catalogue's in that language, every page says
 * its language and direction, and axe finds nothing on any of them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { followMailLink, newEmail } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const MONSOON = 'Monsoon School of Internet Governance';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^\\s*${escape(text)}\\s*$`);

/** The page is in `locale`, in its direction, and axe finds nothing on it. */
async function expectInLanguage(page: Page, locale: Locale) {
	const { lang, dir } = await page.evaluate(() => ({
		lang: document.documentElement.lang,
		dir: document.documentElement.dir
	}));
	expect({ lang, dir }).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
	await expectAccessible(page);
}

/** Clicks a button and waits for where it leads: a new address, or the answer to its POST. */
async function submit(page: Page, button: string, to?: RegExp) {
	await Promise.all([
		to ? page.waitForURL(to) : page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: exactly(button) }).click()
	]);
	await page.waitForLoadState();
}

describe.each([
	{ locale: 'ar' as const, javaScript: true },
	{ locale: 'ar' as const, javaScript: false },
	{ locale: 'fr' as const, javaScript: true },
	{ locale: 'fr' as const, javaScript: false }
])('in $locale, JavaScript $javaScript', ({ locale, javaScript }) => {
	const say = { locale };
	const at = (path: string) => `${url}/${locale}${path}`;

	it('browses the compendium, signs up, onboards, finds a peer and claims a membership', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });

		// The compendium: a filter, then words, then the programme's page.
		await page.goto(at('/programmes'));
		await page.getByRole('heading', { level: 1, name: m.programmes_heading({}, say) }).waitFor();
		await expectInLanguage(page, locale);
		await page.locator('input[name="format"][value="online"]').check();
		// With JavaScript a filter applies as it changes; without, the Apply button sends it.
		if (javaScript) await page.waitForURL(/format=online/);
		else await submit(page, m.programmes_apply_filters({}, say), /format=online/);
		expect(await page.getByRole('article').count()).toBeGreaterThan(0);
		await expectInLanguage(page, locale);
		// The Monsoon School is blended, not online: a new search, without the filter.
		await page.goto(at('/programmes'));
		await page.getByLabel(m.programmes_search_label({}, say)).fill('monsoon');
		await submit(page, m.forms_search({}, say), /q=monsoon/);
		await page.getByRole('link', { name: MONSOON }).first().click();
		await page.waitForURL(`**/${locale}/programmes/monsoon-school-internet-governance`);
		await page.getByRole('heading', { level: 1, name: MONSOON }).waitFor();
		await page.getByRole('heading', { name: m.programmes_cohorts({}, say) }).waitFor();
		await expectInLanguage(page, locale);

		// Signing up: the form, the mail and its link are in the language of the page.
		const email = newEmail(`journey-${locale}-${javaScript ? 'js' : 'nojs'}`);
		const name = locale === 'ar' ? 'ليلى منصور' : 'Aïssatou Ba';
		await page.goto(at('/sign-up'));
		await expectInLanguage(page, locale);
		await page.getByLabel(m.auth_your_name({}, say)).fill(name);
		await page.getByLabel(m.auth_email({}, say)).fill(email);
		await page
			.getByLabel(m.auth_password({}, say), { exact: true })
			.fill('a long walk by the river');
		await page.locator('#agree').check();
		await submit(page, m.auth_create({}, say));
		await page.getByRole('heading', { name: m.auth_check_email_title({}, say) }).waitFor();
		await followMailLink(
			page,
			url,
			email,
			new RegExp(escape(m.mail_confirmation_subject({}, say)))
		);
		await page.waitForURL(new RegExp(`/${locale}/welcome(\\?|$)`));
		await expectInLanguage(page, locale);

		// Onboarding: a few answers, and the person lands in the directory.
		await page
			.getByLabel(m.profiles_field_headline({}, say), { exact: true })
			.fill(locale === 'ar' ? 'باحثة في سياسات البيانات' : 'Chercheuse en politiques numériques');
		await page.getByLabel(m.profiles_field_stakeholder({}, say)).selectOption('civil-society');
		await page.getByLabel(m.profiles_edit_country({}, say)).selectOption('SN');
		await submit(page, m.profiles_welcome_save({}, say), new RegExp(`/${locale}/people(\\?|$)`));
		await expectInLanguage(page, locale);

		// The directory: a peer found by their name, accents aside.
		await page.getByLabel(m.directory_search_label({}, say)).fill('tomas herrera');
		await submit(page, m.forms_search({}, say), /q=tomas/);
		await page.getByRole('link', { name: 'Tomás Herrera' }).first().waitFor();
		await expectInLanguage(page, locale);

		// A claim: the programme, the role, and the answer, in the language of the page.
		await page.goto(at('/account/memberships'));
		await expectInLanguage(page, locale);
		await page
			.getByLabel(m.memberships_programme({}, say), { exact: true })
			.selectOption({ label: MONSOON });
		await page.getByRole('radio', { name: m.memberships_choice_alumnus({}, say) }).check();
		await submit(page, m.memberships_send_claim({}, say));
		await page.getByText(m.memberships_claim_sent({}, say)).waitFor();
		await page.getByText(m.memberships_status_pending({}, say)).first().waitFor();
		await expectInLanguage(page, locale);

		expect(errors).toEqual([]);
		await page.context().close();
	});
});
