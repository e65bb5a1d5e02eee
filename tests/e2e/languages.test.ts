/**
 * The locale is the URL's: English at /, the other five UN languages under a prefix. Each page
 * carries its language and direction, and the header's links keep the language.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { expectSignedInAs, followMailLink, newEmail, openAccountMenu, signUp } from './accounts.ts';
import { expectAccessible, launch, open } from './browser.ts';

const { url } = inject('product');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const html = (page: import('playwright-core').Page) =>
	page.evaluate(() => ({
		lang: document.documentElement.lang,
		dir: document.documentElement.dir
	}));

describe('a page in each language', () => {
	it.each([
		['', 'en', 'ltr', 'People', 'Sign in'],
		['/fr', 'fr', 'ltr', 'Personnes', 'Se connecter'],
		['/es', 'es', 'ltr', 'Personas', 'Iniciar sesión'],
		['/ru', 'ru', 'ltr', 'Люди', 'Войти'],
		['/ar', 'ar', 'rtl', 'الأشخاص', 'تسجيل الدخول'],
		['/zh', 'zh', 'ltr', '人员', '登录']
	])('%s/programmes is in %s (%s), its header too', async (prefix, lang, dir, people, signIn) => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		const answer = await page.goto(`${url}${prefix}/programmes`);
		expect(answer?.status()).toBe(200);
		expect(await html(page)).toEqual({ lang, dir });
		const header = page.getByRole('banner');
		await expect(
			header.getByRole('link', { name: people, exact: true }).getAttribute('href')
		).resolves.toBe(`${prefix}/people`);
		await expect(
			header.getByRole('link', { name: signIn, exact: true }).getAttribute('href')
		).resolves.toBe(`${prefix}/sign-in`);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each([
		['/ar', 'حيث يلتقي خريجو برامج حوكمة الإنترنت ومدربوها ومنسقوها', 'انضم إلى Capacity Commons'],
		['/zh', '互联网治理学员、培训者和协调人的相聚之地', '加入 Capacity Commons'],
		[
			'/fr',
			'Le lieu où se retrouvent anciens participants, formateurs et coordinateurs en gouvernance de l’Internet',
			'Rejoindre Capacity Commons'
		]
	])(
		'the home page at %s/ is written in its language, without an English word of ours',
		async (prefix, heading, join) => {
			const { page, errors } = await open(browser, { javaScriptEnabled: false });
			await page.goto(`${url}${prefix}/`);
			await page.getByRole('heading', { level: 1, name: heading }).waitFor();
			await expect(
				page.getByRole('main').getByRole('link', { name: join }).first().getAttribute('href')
			).resolves.toBe(`${prefix}/sign-up`);
			const text = await page.locator('body').innerText();
			for (const english of ['Who it is for', 'Sign in', 'About the network', 'Privacy']) {
				expect(text).not.toContain(english);
			}
			await expectAccessible(page);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it('a language not ours is not a page', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		expect((await page.goto(`${url}/de/programmes`))?.status()).toBe(404);
		await page.context().close();
	});

	it('each page names itself in every language for search engines (hreflang)', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await page.goto(`${url}/fr/programmes?q=data`);
		const alternates = await page
			.locator('link[rel="alternate"][hreflang]')
			.evaluateAll((links) =>
				links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')] as const)
			);
		expect(Object.fromEntries(alternates)).toEqual({
			en: `${url}/programmes?q=data`,
			ar: `${url}/ar/programmes?q=data`,
			zh: `${url}/zh/programmes?q=data`,
			fr: `${url}/fr/programmes?q=data`,
			ru: `${url}/ru/programmes?q=data`,
			es: `${url}/es/programmes?q=data`,
			'x-default': `${url}/programmes?q=data`
		});
		await page.context().close();
	});

	it('a first visit follows the browser’s languages; an address with a prefix stays as it is', async () => {
		const french = await open(browser, { javaScriptEnabled: false, locale: 'fr-FR' });
		await french.page.goto(`${url}/programmes?q=data`);
		expect(french.page.url()).toBe(`${url}/fr/programmes?q=data`);
		await french.page.goto(`${url}/ar/people`);
		expect(french.page.url()).toBe(`${url}/ar/people`);
		expect(await html(french.page)).toEqual({ lang: 'ar', dir: 'rtl' });
		// What the site is asked for by a script (a download, a form, data) is never moved.
		const data = await french.page.context().request.get(`${url}/health`, { maxRedirects: 0 });
		expect(data.status()).toBe(200);
		await french.page.context().close();

		const german = await open(browser, { javaScriptEnabled: false, locale: 'de-DE' });
		await german.page.goto(`${url}/programmes`);
		expect(german.page.url()).toBe(`${url}/programmes`);
		await german.page.context().close();
	});

	it('a language not ours cannot be chosen', async () => {
		const { page } = await open(browser, { javaScriptEnabled: false });
		await page.goto(url);
		const answer = await page.context().request.post(`${url}/language`, {
			form: { locale: 'de', path: '/people' },
			headers: { origin: url },
			maxRedirects: 0
		});
		expect(answer.status()).toBe(400);
		await page.context().close();
	});
});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('the language switcher $label', ({ javaScript }) => {
	it('opens the same page in the chosen language, and addresses without a prefix follow the choice', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/programmes?q=data`);
		const header = page.getByRole('banner');
		await header.getByLabel('Language: English').click();
		await expectAccessible(page);
		await header.getByRole('button', { name: 'Español' }).click();
		await page.waitForURL(`${url}/es/programmes?q=data`);
		expect(await html(page)).toEqual({ lang: 'es', dir: 'ltr' });
		await expect(
			header.getByRole('link', { name: 'Personas', exact: true }).getAttribute('href')
		).resolves.toBe('/es/people');

		// A link without a prefix (one shared in English, say) opens in the language chosen.
		await page.goto(`${url}/people`);
		expect(page.url()).toBe(`${url}/es/people`);

		await header.getByLabel('Idioma: Español').click();
		await header.getByRole('button', { name: 'العربية' }).click();
		await page.waitForURL(`${url}/ar/people`);
		expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
		await expectAccessible(page);

		await header.getByLabel('اللغة: العربية').click();
		await header.getByRole('button', { name: 'English' }).click();
		await page.waitForURL(`${url}/people`);
		await page.goto(`${url}/programmes`);
		expect(page.url()).toBe(`${url}/programmes`);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('a member’s language', () => {
	it('is the one they joined in, and the one they choose after, kept in their profile', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: false });
		const email = newEmail('language');
		await signUp(page, url, 'Rania Haddad', email, 'olive groves at first light');
		await followMailLink(page, url, email, /confirm/i);
		await expectSignedInAs(page, 'Rania Haddad');
		const localeSaved = async () => {
			const answer = await page.context().request.get(`${url}/account/data`);
			return ((await answer.json()) as { profile: { locale: string } }).profile.locale;
		};
		expect(await localeSaved()).toBe('en');

		const header = page.getByRole('banner');
		await header.getByLabel('Language: English').click();
		await header.getByRole('button', { name: 'Русский' }).click();
		await page.waitForURL((target) => target.pathname.startsWith('/ru/'));
		expect(await localeSaved()).toBe('ru');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('moving around in a language $label', ({ javaScript }) => {
	it('the header keeps French, marks where you are, and the Arabic page reads right to left', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/fr/programmes`);
		const header = page.getByRole('banner');
		await expect(
			header.getByRole('link', { name: 'Programmes', exact: true }).getAttribute('aria-current')
		).resolves.toBe('page');
		await header.getByRole('link', { name: 'Personnes', exact: true }).click();
		await page.waitForURL(`${url}/fr/people`);
		expect(await html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
		await expect(
			header.getByRole('link', { name: 'Personnes', exact: true }).getAttribute('aria-current')
		).resolves.toBe('page');
		await expectAccessible(page);

		await page.goto(`${url}/ar/`);
		expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
		await page.getByRole('link', { name: 'الانتقال إلى المحتوى الرئيسي' }).waitFor({
			state: 'attached'
		});
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe.each([
	{ javaScript: true, label: 'with JavaScript' },
	{ javaScript: false, label: 'without JavaScript' }
])('signing in in French $label', ({ javaScript }) => {
	it('a French page that needs an account asks in French, refuses in French, and comes back', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/fr/account`);
		await page.waitForURL(/\/fr\/sign-in\?redirectTo=%2Ffr%2Faccount$/);
		expect(await html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
		await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
		await expectAccessible(page);

		await page.getByLabel('Adresse e-mail').fill('amina@example.org');
		await page.getByLabel('Mot de passe', { exact: true }).fill('not her password at all');
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.getByText('Cette adresse e-mail et ce mot de passe ne correspondent pas.').waitFor();
		await expect(page.getByLabel('Adresse e-mail').inputValue()).resolves.toBe('amina@example.org');

		await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await page.waitForURL(`${url}/fr/account`);
		expect(await html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
		await (await openAccountMenu(page)).getByRole('button', { name: 'Se déconnecter' }).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('the e-mail link and reset pages say what is wrong in Arabic', async () => {
		const { page, errors } = await open(browser, { javaScriptEnabled: javaScript });
		await page.goto(`${url}/ar/forgot-password`);
		expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
		// An address the browser lets through and the server does not: the server's words, in Arabic.
		await page.getByLabel('عنوان البريد الإلكتروني').fill('someone@localhost');
		await page.getByRole('button', { name: 'أرسل لي رابط إعادة التعيين' }).click();
		await page.getByText('أدخل عنوان بريد إلكتروني مثل name@example.org.').waitFor();
		await page.goto(`${url}/ar/sign-in/link`);
		await page
			.getByRole('heading', { level: 1, name: 'تسجيل الدخول برابط عبر البريد الإلكتروني' })
			.waitFor();
		await expectAccessible(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
