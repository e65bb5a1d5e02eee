import { describe, expect, it } from 'vitest';
import { suggestionFieldSchema, suggestionSchema } from '$lib/schemas/suggestions';
import { describeSuggestionNotice, describeValue, suggestionStatus } from '$lib/words/suggestions';

describe('a suggested edit, as it is stored', () => {
	it.each([
		[
			{ field: 'website', website: ' https://new.example.org ', note: '' },
			{ field: 'website', value: { website: 'https://new.example.org' }, proposal: null }
		],
		[
			{ field: 'summary', summary: '', note: 'It has none now.' },
			{ field: 'summary', value: { summary: null }, proposal: 'It has none now.' }
		],
		[
			{ field: 'cost', cost: 'fee', fee_amount: '450', fee_currency: 'usd', note: 'The 2027 call' },
			{
				field: 'cost',
				value: { cost: 'fee', fee_amount: 450, fee_currency: 'USD' },
				proposal: 'The 2027 call'
			}
		],
		// A free programme keeps no fee, as in the editor.
		[
			{ field: 'cost', cost: 'free', fee_amount: '450', fee_currency: 'USD' },
			{
				field: 'cost',
				value: { cost: 'free', fee_amount: null, fee_currency: null },
				proposal: null
			}
		],
		[
			{ field: 'duration', duration_weeks: '6', hours_per_week: '' },
			{ field: 'duration', value: { duration_weeks: 6, hours_per_week: null }, proposal: null }
		],
		[
			{ field: 'components', components: 'research' },
			{ field: 'components', value: { components: ['research'] }, proposal: null }
		],
		[
			{ field: 'fellowships', fellowships_available: 'on', fellowship_notes: ' Ten a year ' },
			{
				field: 'fellowships',
				value: { fellowships_available: true, fellowship_notes: 'Ten a year' },
				proposal: null
			}
		],
		[
			{ field: 'fellowships' },
			{
				field: 'fellowships',
				value: { fellowships_available: false, fellowship_notes: null },
				proposal: null
			}
		],
		[
			{ field: 'level', level: '' },
			{ field: 'level', value: { level: null }, proposal: null }
		],
		[
			{
				field: 'applications',
				applications_open_on: '2027-03-01',
				applications_close_on: '2027-03-31'
			},
			{
				field: 'applications',
				value: { applications_open_on: '2027-03-01', applications_close_on: '2027-03-31' },
				proposal: null
			}
		],
		// Free text: a part that is not one value, or something else ('').
		[
			{ field: 'topics', proposal: ' It also teaches cybersecurity. ' },
			{ field: 'topics', value: null, proposal: 'It also teaches cybersecurity.' }
		],
		[
			{ field: '', proposal: 'The photo is of another school.' },
			{ field: null, value: null, proposal: 'The photo is of another school.' }
		]
	])('%j is stored as %j', (form, stored) => {
		expect(suggestionSchema.safeParse(form)).toEqual({ success: true, data: stored });
	});

	it.each([
		[{ field: 'website', website: 'ftp://monsoon.example.org' }, 'website', /starts with https/],
		[{ field: 'website', website: 'monsoon.example.org' }, 'website', /starts with https/],
		[{ field: 'name', name: ' x ' }, 'name', /programme’s name/],
		[{ field: 'summary', summary: 's'.repeat(301) }, 'summary', /300 characters/],
		[{ field: 'status', status: 'finished' }, 'status', /not one of the choices/],
		[
			{ field: 'components', components: ['research', 'juggling'] },
			'components',
			/not one of the choices/
		],
		[{ field: 'duration', duration_weeks: '0' }, 'duration_weeks', /from 1 to 520/],
		[{ field: 'duration', hours_per_week: '2.5' }, 'hours_per_week', /whole number/],
		[{ field: 'cost', cost: 'fee', fee_amount: '450' }, 'fee_currency', /amount and its currency/],
		[
			{ field: 'cost', cost: 'fee', fee_amount: '-3', fee_currency: 'USD' },
			'fee_amount',
			/positive/
		],
		[{ field: 'cost', cost: 'donation' }, 'cost', /free or has a fee/],
		[
			{ field: 'applications', applications_open_on: '2027-03-01' },
			'applications_close_on',
			/both the opening and the closing/
		],
		[
			{
				field: 'applications',
				applications_open_on: '2027-03-01',
				applications_close_on: '2027-02-01'
			},
			'applications_close_on',
			/close on or after/
		],
		[
			{ field: 'website', website: 'https://x.example.org', note: 'n'.repeat(1001) },
			'note',
			/1,000/
		],
		[{ field: 'topics', proposal: 'more' }, 'proposal', /at least 10 characters/],
		[{ field: 'topics' }, 'proposal', /Say what should change/],
		[{ field: 'photo', proposal: 'Another photo, please.' }, 'field', /Choose which part/],
		[{ proposal: 'No part chosen at all.' }, 'field', /Choose which part/]
	])('refuses %j with a message on %s', (form, path, message) => {
		const result = suggestionSchema.safeParse(form);
		expect(result.success).toBe(false);
		const issue = result.error?.issues.find((i) => i.path[0] === path);
		expect(issue?.message).toMatch(message);
	});

	it('the suggest page takes a part of the page, or "other", from its address', () => {
		expect(suggestionFieldSchema.safeParse('website').data).toBe('website');
		expect(suggestionFieldSchema.safeParse('other').data).toBe('other');
		expect(suggestionFieldSchema.safeParse(undefined).success).toBe(true);
		expect(suggestionFieldSchema.safeParse('photo').success).toBe(false);
	});
});

describe('how suggestions read', () => {
	it.each([
		['website', { website: 'https://x.example.org' }, 'https://x.example.org'],
		['summary', { summary: null }, 'Not stated'],
		['status', { status: 'paused' }, 'Paused'],
		['level', { level: null }, 'Not stated'],
		['components', { components: ['research', 'online-learning'] }, 'Research, Online learning'],
		['components', { components: [] }, 'None'],
		['duration', { duration_weeks: 6, hours_per_week: 1 }, '6 weeks, about 1 hour a week'],
		['duration', { duration_weeks: null, hours_per_week: null }, 'Not stated'],
		['cost', { cost: 'fee', fee_amount: '1450.00', fee_currency: 'USD' }, 'Fee: 1,450 USD'],
		['cost', { cost: 'free', fee_amount: null, fee_currency: null }, 'Free'],
		[
			'fellowships',
			{ fellowships_available: true, fellowship_notes: 'Ten a year' },
			'Available. Ten a year'
		],
		['fellowships', { fellowships_available: false, fellowship_notes: null }, 'None'],
		[
			'applications',
			{ applications_open_on: '2027-03-01', applications_close_on: '2027-03-31' },
			'From 1 Mar 2027 to 31 Mar 2027'
		],
		[
			'applications',
			{ applications_open_on: null, applications_close_on: null },
			'No application window announced'
		]
	])('%s %j reads “%s”', (field, value, words) => {
		expect(describeValue(field, value)).toBe(words);
	});

	it.each([
		[
			'suggestion_applied',
			{ programme_name: 'Monsoon School', field: 'website', value_applied: true, reason: null },
			'Your suggested edit to the website of Monsoon School was applied: the page now shows it.'
		],
		[
			'suggestion_applied',
			{ programme_name: 'Monsoon School', field: 'topics', value_applied: false, reason: 'Added.' },
			'Your suggested edit to the topics of Monsoon School was taken up by its coordinators. Reason: Added.'
		],
		[
			'suggestion_dismissed',
			{ programme_name: 'Monsoon School', field: null, reason: 'It is right as it is.' },
			'Your suggested edit to Monsoon School was dismissed. Reason: It is right as it is.'
		],
		['membership_verified', { programme_name: 'Monsoon School' }, undefined]
	])('a %s notification reads %j', (kind, payload, words) => {
		expect(describeSuggestionNotice({ kind, payload })).toBe(words);
	});

	it.each([
		[{ status: 'pending', proposed_value: { website: 'x' } }, 'Waiting for the coordinators'],
		[{ status: 'accepted', proposed_value: { website: 'x' } }, 'Applied'],
		[{ status: 'accepted', proposed_value: null }, 'Done'],
		[{ status: 'dismissed', proposed_value: null }, 'Dismissed']
	])('%j stands as “%s”', (suggestion, words) => {
		expect(suggestionStatus(suggestion)).toBe(words);
	});
});
