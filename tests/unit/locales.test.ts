/** The first visit's language: the offered one a browser asks for first. */
import { describe, expect, it } from 'vitest';
import { preferredLocale } from '$lib/locales';
import { locales } from '$lib/paraglide/runtime';

describe('preferredLocale', () => {
	it.each([
		['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
		['en-GB,en;q=0.9,fr;q=0.8', 'en'],
		['de-DE,de;q=0.9,es;q=0.7,en;q=0.5', 'es'],
		['zh-TW,zh;q=0.9', 'zh'],
		['AR-EG', 'ar'],
		['en;q=0.5, ru', 'ru'],
		['ru;q=0, es;q=0.3', 'es'],
		['pt-BR,de', null],
		['*', null],
		['', null],
		[null, null],
		['fr;q=abc', 'fr']
	])('%s asks for %s', (header, expected) => {
		expect(preferredLocale(header, locales)).toBe(expected);
	});

	it('never answers a language that is not offered', () => {
		expect(preferredLocale('fr, en', ['en'])).toBe('en');
		expect(preferredLocale('fr', ['en'])).toBeNull();
	});
});
