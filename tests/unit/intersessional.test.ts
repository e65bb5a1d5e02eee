/**
 * Where a day stands between the IGF's annual meetings: the days from the end of the last to the
 * start of the next, how many have gone and how many are left; a meeting under way; a last
 * meeting with no next one known; none at all.
 */
import { describe, expect, it } from 'vitest';
import { intersessional, type IgfMeeting } from '$lib/intersessional';

const meeting = (year: number, starts_on: string, ends_on: string): IgfMeeting => ({
	year,
	city: 'City',
	country_code: 'NO',
	country_name: 'Norway',
	starts_on,
	ends_on
});
const riyadh = meeting(2024, '2024-12-15', '2024-12-19');
const lillestrom = meeting(2025, '2025-06-23', '2025-06-27');
const next = meeting(2027, '2027-06-21', '2027-06-25');

describe('the intersessional period', () => {
	it('between two meetings: the days gone and left, whatever order they come in', () => {
		expect(intersessional([next, riyadh, lillestrom], '2026-12-07')).toEqual({
			state: 'between',
			last: lillestrom,
			next,
			days: 724,
			done: 528,
			left: 196
		});
	});

	it('the day after a meeting is day 1, the day before the next has 1 left', () => {
		expect(intersessional([lillestrom, next], '2025-06-28')).toMatchObject({ done: 1, left: 723 });
		expect(intersessional([lillestrom, next], '2027-06-20')).toMatchObject({ done: 723, left: 1 });
	});

	it.each(['2025-06-23', '2025-06-25', '2025-06-27'])('on %s a meeting is under way', (day) => {
		expect(intersessional([riyadh, lillestrom, next], day)).toEqual({
			state: 'meeting',
			meeting: lillestrom
		});
	});

	it('after the last meeting, with no next one known: the days since', () => {
		expect(intersessional([riyadh, lillestrom], '2025-07-27')).toEqual({
			state: 'since',
			last: lillestrom,
			done: 30
		});
	});

	it('with no meeting before the day: nothing to draw', () => {
		expect(intersessional([next], '2026-12-07')).toEqual({ state: 'none' });
		expect(intersessional([], '2026-12-07')).toEqual({ state: 'none' });
	});
});
