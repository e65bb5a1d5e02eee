/**
 * Every page in the pseudo-locale, where each text of the catalogue shows as ⟦…⟧: a visible text,
 * a label for assistive technology (aria-label, title, alt, placeholder) or the page's title that
 * is not inside ⟦…⟧ was written into the code instead of the catalogue, and fails here — unless it
 * is what people wrote or a name: user content (marked `dir="auto"` or with its `lang`), times
 * (`<time>`), names set apart (`<bdi>`, "Capacity Commons"), addresses and codes marked with their
 * direction, and the taxonomies' names, which are data translated in the database.
 */
import postgres from 'postgres';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	ERROR_PAGES,
	findSome,
	PAGES,
	ROUTES,
	signInAs,
	type Found,
	type Who
} from '../support/pages.ts';
import { PSEUDO_LOCALE } from '../support/pseudo-app.ts';

const { url, postgresPort } = inject('pseudo');
const prefix = `${url}/${PSEUDO_LOCALE}`;
/** Names that are the same in every language: ours, and the services people link to. */
const PROPER_NAMES = ['Capacity Commons', 'LinkedIn', 'Mastodon', 'Bluesky', 'GitHub', 'ORCID'];

let browser: Browser;
const pages = new Map<Who, Page>();
let allowed: string[];
let found: Found;

beforeAll(async () => {
	const sql = postgres(`postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`, {
		max: 1
	});
	try {
		// The taxonomies' names as the pages show them: in the pseudo-locale's language, or English.
		const rows = await sql<{ name: string }[]>`
			select coalesce(names ->> ${PSEUDO_LOCALE}, name) as name from public.countries
			union select coalesce(names ->> ${PSEUDO_LOCALE}, name) from public.languages
			union select coalesce(names ->> ${PSEUDO_LOCALE}, name) from public.regions
			union select coalesce(names ->> ${PSEUDO_LOCALE}, name) from public.topics
			union select coalesce(names ->> ${PSEUDO_LOCALE}, name) from public.stakeholder_groups
			union select coalesce(names ->> ${PSEUDO_LOCALE}, name) from public.target_groups
		`;
		allowed = rows.map((r) => r.name);
	} finally {
		await sql.end();
	}

	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	for (const who of ['visitor', 'member', 'coordinator', 'admin'] as const) {
		const context = await browser.newContext({ locale: 'en-GB' });
		const page = await context.newPage();
		if (who !== 'visitor') await signInAs(page, url, who);
		pages.set(who, page);
	}
	found = await findSome(pages.get('visitor')!, prefix);
}, 120_000);

afterAll(async () => {
	await browser?.close();
});

/** Texts and labels of the page that are not inside ⟦…⟧, nor user content, times or names. */
function uncatalogued(page: Page): Promise<string[]> {
	return page.evaluate(
		({ names, PROPER_NAMES }) => {
			const allowed = new Set([
				...names.map((n) => n.trim()),
				...Intl.supportedValuesOf('timeZone').map((zone) => zone.replaceAll('_', ' ')),
				...PROPER_NAMES
			]);
			// Set apart by the page: what people wrote (dir, lang), times, names, code, no text at all.
			const EXEMPT =
				'[dir]:not(html), [lang]:not(html), time, bdi, script, style, template, noscript, svg, code, pre, textarea, [translate="no"]';
			const offenders: string[] = [];
			const check = (text: string, where: string) => {
				let rest = text;
				// Innermost first: a message may take another as an input (⟦⟦Alumni⟧ · …⟧).
				while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '\uE000');
				// What is left between messages and marked parts: names of the taxonomies and time
				// zones, or punctuation and numbers between them.
				const pieces = rest
					.split(/[\uE000\uE001]/)
					.flatMap((piece) =>
						allowed.has(piece.trim()) ? [] : piece.split(/[·,;:()[\]–—|+…]|\s\/\s/)
					);
				for (const piece of pieces) {
					const words = piece.trim();
					if (!/\p{L}/u.test(words) || allowed.has(words)) continue;
					const shown = text
						.replace(/[\uE000\uE001]/g, ' ')
						.replace(/\s+/g, ' ')
						.trim();
					const at = shown.indexOf(words);
					offenders.push(
						`${where}: “${words.slice(0, 60)}” in “…${shown.slice(Math.max(0, at - 40), at + 80)}…”`
					);
				}
			};
			const body = document.body.cloneNode(true) as HTMLElement;
			for (const exempt of body.querySelectorAll(EXEMPT)) exempt.replaceWith('\uE000');
			// Each text node apart from the next (an option's text, a cell's), a message's parts
			// across the nodes a link inside it splits them into (WithValue) still one message.
			const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
			const texts: string[] = [];
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				texts.push(node.textContent ?? '');
			}
			check(texts.join('\uE001'), 'text');
			check(document.title, 'title');
			const description = document.querySelector('meta[name="description"]');
			check(description?.getAttribute('content') ?? '', 'description');
			for (const element of document.body.querySelectorAll('*')) {
				if (element.closest('[lang]:not(html), svg')) continue;
				for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
					const value = element.getAttribute(name);
					// An address shown as an example (https://) is not words.
					if (value && !/^\w+:\/\/\S*$/.test(value)) {
						check(value, `${element.tagName.toLowerCase()}[${name}]`);
					}
				}
				if (element instanceof HTMLInputElement && ['submit', 'button'].includes(element.type)) {
					check(element.value, 'input[value]');
				}
			}
			// Each offender once: a card repeated twenty times is one thing to fix.
			return [...new Set(offenders)];
		},
		{ names: allowed, PROPER_NAMES }
	);
}

describe('every page in the pseudo-locale', () => {
	it('the walk covers every page of src/routes', () => {
		expect(ROUTES().sort()).toEqual(Object.keys(PAGES).sort());
	});

	const visits = Object.entries(PAGES).flatMap(([route, ways]) =>
		ways.map((way) => ({ route, ...way }))
	);
	it.each(visits)(
		'$route as $as has no text outside the catalogue',
		async ({ path, as, status }) => {
			const page = pages.get(as)!;
			const target = `${prefix}${path(found)}`;
			const answer = await page.goto(target);
			expect(answer?.status(), target).toBe(status ?? 200);
			expect(page.url(), 'the page stays in the pseudo-locale').toContain(`/${PSEUDO_LOCALE}`);
			expect(await uncatalogued(page), target).toEqual([]);
		}
	);

	it.each(ERROR_PAGES)('the error page at %s has no text outside the catalogue', async (path) => {
		const page = pages.get('visitor')!;
		const answer = await page.goto(`${prefix}${path}`);
		expect(answer?.status()).toBe(404);
		expect(await uncatalogued(page)).toEqual([]);
	});
});
