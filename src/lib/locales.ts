/**
 * The languages of Capacity Commons. Every page is written in all six UN languages
 * (messages/<domain>/<locale>.json); a language is offered to people — in the header's switcher,
 * the pages' hreflang alternates and the first visit's Accept-Language — once every page is in
 * it. Until then its pages answer at their address (/fr/…) for translators and tests, and are not
 * announced. English, the base, is always offered.
 */
import { baseLocale, type Locale } from '$lib/paraglide/runtime';

export const OFFERED: readonly Locale[] = [baseLocale];

/** Each language's own name for itself, the same whatever the page's language. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	ar: 'العربية',
	zh: '中文',
	fr: 'Français',
	ru: 'Русский',
	es: 'Español'
};
