import { describe, expect, it } from 'vitest';
import { parseOrganisationSearch } from '$lib/schemas/organisations';

const parse = (query: string) => parseOrganisationSearch(new URLSearchParams(query));

describe('the organisations index reads its address', () => {
	it.each([
		['', { q: undefined, after: undefined }],
		['q=', { q: undefined, after: undefined }],
		['q=++fundación++', { q: 'fundación', after: undefined }],
		['q=monsoon&after=eyJuIjoiTW9uc29vbiJ9', { q: 'monsoon', after: 'eyJuIjoiTW9uc29vbiJ9' }],
		// Anything else in the address (a tracking tag, a programme filter) is not ours to refuse.
		['q=open&utm_source=newsletter&format=online', { q: 'open', after: undefined }]
	])('%j', (query, search) => {
		expect(parse(query)).toEqual({ ok: true, search });
	});

	it.each([
		[`q=${'a'.repeat(201)}`, 'Use at most 200 characters in the search box.'],
		['after=not%20base64!', 'That page link is not valid; start the search again.'],
		[`after=${'A'.repeat(1501)}`, 'That page link is not valid; start the search again.']
	])('refuses %s in plain words', (query, message) => {
		expect(parse(query)).toEqual({ ok: false, message });
	});
});
