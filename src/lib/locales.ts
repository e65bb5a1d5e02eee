/**
 * The languages of Capacity Commons. Every page is written in all six UN languages
 * (messages/<domain>/<locale>.json); a language is offered to people — in the header's switcher,
 * the pages' hreflang alternates and the first visit's Accept-Language — once every page is in
 * it (a language added later answers at its address, /xx/…, for translators and tests, until
 * then). English, the base, is always offered.
 */
import { m } from '$lib/paraglide/messages';
import { baseLocale, isLocale, locales, type Locale } from '$lib/paraglide/runtime';

export const OFFERED: readonly Locale[] = locales;

/** A person's stored language (profiles.locale), or English when none or no longer one of ours: what mail to them is written in. */
export const localeOrBase = (value: string | null | undefined): Locale =>
	value && isLocale(value) ? value : baseLocale;

/** Each language's own name for itself, the same whatever the page's language. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	ar: 'العربية',
	zh: '中文',
	fr: 'Français',
	ru: 'Русский',
	es: 'Español'
};

/**
 * Words as code hands them on: a message (said when it is read, in the language of the request
 * or the page) or words fixed already. Schemas are built once, when their module loads, and say
 * their messages each time they parse.
 */
export type Said = string | (() => string);
export const say = (said: Said) => (typeof said === 'function' ? said() : said);

/**
 * A label map whose labels are messages: `labelled({ online: m.programmes_format_online })`
 * reads like `{ online: 'Online' }`, in the language of the moment it is read. Its keys are the
 * values a form or a column may hold (`keys(FORMATS)` for a `z.enum`).
 */
export function labelled<K extends string>(messages: Record<K, () => string>): Record<K, string> {
	const labels = {} as Record<K, string>;
	for (const [key, message] of Object.entries(messages) as [K, () => string][]) {
		Object.defineProperty(labels, key, { get: () => message(), enumerable: true });
	}
	return labels;
}

/**
 * Names listed one after another ("Arabic, French"; "阿拉伯语、法语"), with the separator of the
 * language of the moment. Not Intl.ListFormat: a list of a profile's languages or a programme's
 * topics is a list of labels, not a sentence with "and".
 */
export const listed = (items: readonly string[]) => items.join(m.shell_list_separator());

/** The cookie that keeps the language a person chose with the switcher (see /language). */
export const LOCALE_COOKIE = 'locale';

/**
 * The offered language a browser asks for first (`Accept-Language: fr-CA,fr;q=0.9,en;q=0.8`),
 * or null when it asks for none of them. A regional variant asks for its language (fr-CA is
 * French, zh-TW Chinese); `*` and q=0 ask for nothing.
 */
export function preferredLocale(
	acceptLanguage: string | null,
	offered: readonly Locale[] = OFFERED
): Locale | null {
	const asked = (acceptLanguage ?? '')
		.split(',')
		.map((part, order) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { language: tag.split('-')[0]!.toLowerCase(), q: q ? Number(q) : 1, order };
		})
		.filter(({ language, q }) => language && q > 0)
		.sort((a, b) => b.q - a.q || a.order - b.order);
	const found = asked.find(({ language }) => offered.includes(language as Locale));
	return found ? (found.language as Locale) : null;
}
