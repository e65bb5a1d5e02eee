import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '$lib/schemas/fields';
import { cohortSchema } from '$lib/schemas/cohorts';
import { programmeSchema } from '$lib/schemas/programmes';
import { suggestionSchema } from '$lib/schemas/suggestions';
import { positionSchema } from '$lib/schemas/profiles';

// Each of these once passed a regex and then made Postgres refuse the whole request (a 500).
const NOT_DATES = [
	'0000-00-00',
	'9999-99-99',
	'2026-13-01',
	'2026-02-30',
	'2026-00-10',
	'2026-04-31',
	'2027-02-29',
	'1899-12-31',
	'2101-01-01',
	'2026-1-01',
	'20260101',
	'2026-01-01T00:00'
];

describe('a calendar date', () => {
	it.each<[string, boolean]>([
		['2026-02-28', true],
		['2028-02-29', true],
		['2000-02-29', true],
		['1900-01-01', true],
		['2100-12-31', true],
		['1900-02-29', false],
		...NOT_DATES.map((v): [string, boolean] => [v, false])
	])('%s is a date: %s', (value, expected) => {
		expect(isCalendarDate(value)).toBe(expected);
	});
});

const cohort = { edition: '2027', starts_on: '2027-03-01', ends_on: '2027-03-05' };
const programme = {
	name: 'Pacific Digital Policy School',
	kind: 'course',
	format: 'online',
	scope: 'global',
	status: 'active',
	cost: 'free'
};
const position = { title: 'Policy officer', organisation: 'ICT Authority', kind: 'government' };

/** The schemas that read a date, each with the rest of a valid form and the field to put it in. */
const SCHEMAS = [
	['a cohort’s first day', cohortSchema, { ...cohort, ends_on: '2100-12-31' }, 'starts_on'],
	['a cohort’s last day', cohortSchema, { ...cohort, ends_on: undefined }, 'ends_on'],
	[
		'the application window’s opening',
		programmeSchema,
		{ ...programme, applications_close_on: '2100-12-31' },
		'applications_open_on'
	],
	[
		'the application window’s closing',
		programmeSchema,
		{ ...programme, applications_open_on: '1900-01-01' },
		'applications_close_on'
	],
	[
		'a suggested application window',
		suggestionSchema,
		{ field: 'applications', applications_close_on: '2100-12-31' },
		'applications_open_on'
	],
	['a position’s start', positionSchema, position, 'starts_on'],
	['a position’s end', positionSchema, { ...position, starts_on: '' }, 'ends_on']
] as const;

describe.each(SCHEMAS)('%s', (_, schema, rest, field) => {
	it.each(NOT_DATES)('refuses %s on its field, in plain words', (value) => {
		const result = schema.safeParse({ ...rest, [field]: value });
		expect(result.success).toBe(false);
		const issue = result.error?.issues.find((i) => i.path[0] === field);
		expect(issue?.message).toMatch(/real date from 1900 to 2100, like \d{4}-\d{2}/);
	});

	it('takes a real day', () => {
		const result = schema.safeParse({ ...rest, [field]: '2028-02-29' });
		expect(result.error?.issues ?? []).toEqual([]);
	});
});

describe('a position’s dates', () => {
	it.each([
		['2021-09', '2021-09-01'],
		['2021-09-15', '2021-09-15'],
		['', null],
		[undefined, null]
	])('%j is stored as %j', (value, stored) => {
		const result = positionSchema.safeParse({ ...position, starts_on: value });
		expect(result.success && result.data.starts_on).toBe(stored);
	});

	it.each(['2021-13', '2021-00', '0000-01'])('refuses the month %s', (value) => {
		expect(positionSchema.safeParse({ ...position, starts_on: value }).success).toBe(false);
	});
});
