/**
 * The message catalogue (messages/<domain>/<locale>.json): every message of English exists, is
 * not empty, and asks for the same inputs in each of the six languages; plurals give every
 * language its "other" form; and Paraglide reads every domain's files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const settings = JSON.parse(readFileSync(path.join(ROOT, 'project.inlang/settings.json'), 'utf8'));
const LOCALES: string[] = settings.locales;
const DOMAINS = readdirSync(path.join(ROOT, 'messages'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
type Message = string | Variant[];

function catalogue(domain: string, locale: string): Record<string, Message> {
	const file = path.join(ROOT, 'messages', domain, `${locale}.json`);
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(file, 'utf8'));
	return messages;
}

/** The texts of a message: itself, or each of its variants. */
const texts = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));

/** The inputs a text fills in: {name}. */
const inputsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
	it('has six languages, English the base, and every domain folder in Paraglide’s path', () => {
		expect(LOCALES).toEqual(['en', 'ar', 'zh', 'fr', 'ru', 'es']);
		expect(settings.baseLocale).toBe('en');
		const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
		expect(patterns.sort()).toEqual(DOMAINS.map((d) => `./messages/${d}/{locale}.json`).sort());
	});

	describe.each(DOMAINS)('%s', (domain) => {
		const english = catalogue(domain, 'en');

		it.each(LOCALES.filter((l) => l !== 'en'))(
			'in %s: every message, not empty, with the same inputs',
			(locale) => {
				const translated = catalogue(domain, locale);
				expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
				for (const [key, message] of Object.entries(english)) {
					const theirs = translated[key]!;
					for (const text of texts(theirs)) {
						expect(text.trim(), `${domain}/${locale}.json ${key}`).not.toBe('');
					}
					const wanted = [...new Set(texts(message).flatMap(inputsOf))].sort();
					const used = [...new Set(texts(theirs).flatMap(inputsOf))].sort();
					// A language may leave an input out of a form ("one" says "un"), never add one.
					expect(
						used.every((input) => wanted.includes(input)),
						`${domain}/${locale}.json ${key} uses ${used} of ${wanted}`
					).toBe(true);
					if (typeof theirs !== 'string') {
						for (const variant of theirs) {
							expect(
								Object.keys(variant.match).some((k) => k.endsWith('=other')),
								`${domain}/${locale}.json ${key} has an "other" form`
							).toBe(true);
						}
					}
				}
			}
		);

		it('in English too, every message says something', () => {
			for (const [key, message] of Object.entries(english)) {
				for (const text of texts(message)) expect(text.trim(), key).not.toBe('');
			}
		});
	});

	// What a control shows must be in its name (WCAG 2.5.3, axe's label-content-name-mismatch):
	// the bell shows its count, so its label says the number in every form, "one" and "two" too.
	it.each(['shell_notifications_unread'])('%s says its count in every form', (key) => {
		for (const locale of LOCALES) {
			const message = catalogue('shell', locale)[key]!;
			for (const text of texts(message)) {
				expect(text, `shell/${locale}.json ${key}`).toContain('{count}');
			}
		}
	});
});
