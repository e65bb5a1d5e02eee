/**
 * What a version of a programme's page changed, in words (the history page's changesOf): only
 * the parts that differ, each before and after as the page would say it, facets by their names.
 */
import { describe, expect, it } from 'vitest';
import { changesOf } from '../../src/routes/programmes/[slug]/history/changes';

const page = {
	name: 'Monsoon School',
	kind: 'school-of-internet-governance',
	summary: 'A school for South Asia.',
	description: null,
	text_language: 'en',
	website: null,
	format: 'blended',
	level: null,
	scope: 'regional',
	status: 'active',
	components: [],
	duration_weeks: 6,
	hours_per_week: null,
	cost: 'free',
	fee_amount: null,
	fee_currency: null,
	fellowships_available: false,
	fellowship_notes: null,
	applications_open_on: null,
	applications_close_on: null,
	topics: ['cybersecurity'],
	audiences: [],
	languages: ['en'],
	regions: [],
	countries: []
};
const names = new Map([
	['topics:cybersecurity', 'Cybersecurity'],
	['topics:data-protection', 'Data protection'],
	['languages:en', 'English'],
	['languages:fr', 'French']
]);

describe('changesOf', () => {
	it('says nothing when nothing a reader sees differs, whatever the order of a list', () => {
		const a = { ...page, topics: ['cybersecurity', 'data-protection'] };
		const b = { ...page, topics: ['data-protection', 'cybersecurity'] };
		expect(changesOf(a, b, names)).toEqual([]);
	});

	it('gives each changed part with what it said before and after', () => {
		const after = {
			...page,
			summary: 'A six-week school for South Asia.',
			website: 'https://monsoon.example.org',
			topics: ['cybersecurity', 'data-protection']
		};
		expect(changesOf(page, after, names)).toEqual([
			{
				part: 'Summary',
				before: 'A school for South Asia.',
				after: 'A six-week school for South Asia.'
			},
			{ part: 'Website', before: 'Not stated', after: 'https://monsoon.example.org' },
			{ part: 'Topics', before: 'Cybersecurity', after: 'Cybersecurity and Data protection' }
		]);
	});

	it('reads a page emptied as "not stated", and the text’s language by its name', () => {
		const after = { ...page, summary: null, text_language: 'fr', languages: [] };
		expect(changesOf(page, after, names)).toEqual([
			{ part: 'Summary', before: 'A school for South Asia.', after: 'Not stated' },
			{ part: 'Written in', before: 'English', after: 'French' },
			{ part: 'Languages', before: 'English', after: 'Not stated' }
		]);
	});

	it('lists what the first version says, leaving out what it leaves blank', () => {
		const parts = changesOf(null, page, names).map((c) => c.part);
		expect(parts).toContain('Name');
		expect(parts).toContain('Topics');
		expect(parts).not.toContain('Website');
		expect(parts).not.toContain('Countries');
		expect(changesOf(null, page, names).every((c) => c.before === '')).toBe(true);
	});
});
