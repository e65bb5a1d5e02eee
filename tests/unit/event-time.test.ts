/**
 * An event's time in its own zone and in the viewer's, through Temporal: a weekly call in Geneva
 * (Europe/Zurich: Geneva keeps Zurich's time, and "Europe/Geneva" is no IANA zone) across the
 * change to summer time, seen from Dakar (no DST) and Kathmandu (+05:45); all-day dates seen from
 * both sides of the date line; Kolkata's half hour; the hour that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { clockFor } from '$lib/dates';
import {
	atWallClock,
	dayKey,
	describeEventTime,
	offsetMinutes,
	wallClock,
	type EventTime,
	daysOf,
	monthWeeks,
	otherMonth
} from '$lib/event-time';

const GENEVA = 'Europe/Zurich';

const timed = (startsAt: Date, minutes = 60, zone = GENEVA): EventTime => ({
	time_zone: zone,
	all_day: false,
	starts_at: startsAt,
	ends_at: new Date(startsAt.getTime() + minutes * 60_000),
	starts_on: null,
	ends_on: null
});

describe('a 15:00 Geneva call every week across the change to summer time (29 March 2026)', () => {
	// Each occurrence is 15:00 on the Geneva wall clock; the instant moves when Geneva's clocks do.
	const weeks = ['2026-03-19', '2026-03-26', '2026-04-02', '2026-04-09'];
	const series = weeks.map((day) => atWallClock(day, '15:00', GENEVA)!);

	it('stays at 15:00 in Geneva, an hour earlier in UTC once summer time starts', () => {
		expect(series.map((at) => at.toISOString())).toEqual([
			'2026-03-19T14:00:00.000Z',
			'2026-03-26T14:00:00.000Z',
			'2026-04-02T13:00:00.000Z',
			'2026-04-09T13:00:00.000Z'
		]);
		expect(series.map((at) => wallClock(at, GENEVA).time)).toEqual([
			'15:00',
			'15:00',
			'15:00',
			'15:00'
		]);
	});

	it.each([
		['Africa/Dakar', ['14:00', '14:00', '13:00', '13:00']],
		['Asia/Kathmandu', ['19:45', '19:45', '18:45', '18:45']],
		['Asia/Kolkata', ['19:30', '19:30', '18:30', '18:30']]
	])('moves for %s: %j', (zone, times) => {
		expect(series.map((at) => wallClock(at, zone).time)).toEqual(times);
	});

	it('the page says both times, and the viewer’s as a warning where it differs', () => {
		const words = describeEventTime(timed(series[2]!, 90), clockFor('Africa/Dakar', 'en-GB'));
		expect(words).toEqual({
			there: 'Thursday 2 April at 15:00–16:30',
			zone: GENEVA,
			forYou: 'Thursday 2 April at 13:00',
			otherDay: false,
			startIso: '2026-04-02T13:00:00.000Z',
			endIso: '2026-04-02T14:30:00.000Z'
		});
	});

	it('each description is made once, and anything that changes the words makes new ones', () => {
		const dakar = clockFor('Africa/Dakar', 'en-GB');
		const call = timed(series[2]!, 90);
		const first = describeEventTime(call, dakar);
		// The same event for the same kind of viewer: the same words, which nobody may change.
		expect(describeEventTime({ ...call }, clockFor('Africa/Dakar', 'en-GB'))).toBe(first);
		expect(Object.isFrozen(first)).toBe(true);
		// Another viewer's zone or language, another zone of the event, or the event moved.
		expect(describeEventTime(call, clockFor('Asia/Kathmandu', 'en-GB')).forYou).toBe(
			'Thursday 2 April at 18:45'
		);
		expect(describeEventTime(call, clockFor('Africa/Dakar', 'fr')).there).toMatch(/^jeudi 2 avril/);
		expect(describeEventTime({ ...call, time_zone: 'Africa/Dakar' }, dakar).forYou).toBeNull();
		const moved = {
			...call,
			starts_at: series[3]!,
			ends_at: new Date(series[3]!.getTime() + 5_400_000)
		};
		expect(describeEventTime(moved, dakar).there).toBe('Thursday 9 April at 15:00–16:30');
	});

	it('no warning for a viewer whose clock says the same (Paris shares Geneva’s rules)', () => {
		expect(describeEventTime(timed(series[0]!), clockFor('Europe/Paris', 'en-GB')).forYou).toBe(
			null
		);
	});

	it('a 23:30 Geneva meeting is already tomorrow in Kathmandu, and the list files it there', () => {
		const late = timed(atWallClock('2026-12-03', '23:30', GENEVA)!);
		const words = describeEventTime(late, clockFor('Asia/Kathmandu', 'en-GB'));
		expect(words.there).toBe('Thursday 3 December at 23:30 – Friday 4 December at 00:30');
		expect(words.forYou).toBe('Friday 4 December at 04:15');
		expect(words.otherDay).toBe(true);
		expect(dayKey(late, 'Asia/Kathmandu')).toBe('2026-12-04');
		expect(dayKey(late, 'Africa/Dakar')).toBe('2026-12-03');
	});

	it('the offsets come from the zone rules (+05:45, +05:30, +01:00 then +02:00)', () => {
		expect(offsetMinutes(series[0]!, 'Asia/Kathmandu')).toBe(345);
		expect(offsetMinutes(series[0]!, 'Asia/Kolkata')).toBe(330);
		expect(offsetMinutes(series[0]!, GENEVA)).toBe(60);
		expect(offsetMinutes(series[2]!, GENEVA)).toBe(120);
	});
});

describe('wall clocks that do not exist, or exist twice', () => {
	it('02:30 on 29 March 2026 never happens in Geneva: refused', () => {
		expect(atWallClock('2026-03-29', '02:30', GENEVA)).toBeNull();
	});

	it('02:30 on 25 October 2026 happens twice in Geneva: the first', () => {
		expect(atWallClock('2026-10-25', '02:30', GENEVA)!.toISOString()).toBe(
			'2026-10-25T00:30:00.000Z'
		);
	});

	it('a day the calendar does not have is refused', () => {
		expect(atWallClock('2026-02-30', '10:00', GENEVA)).toBeNull();
	});
});

describe('an all-day event never shifts', () => {
	const deadline: EventTime = {
		time_zone: GENEVA,
		all_day: true,
		starts_at: null,
		ends_at: null,
		starts_on: '2026-12-04',
		ends_on: '2026-12-04'
	};
	const school: EventTime = { ...deadline, starts_on: '2026-12-07', ends_on: '2026-12-11' };

	it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'UTC'])(
		'the same day seen from %s',
		(zone) => {
			expect(dayKey(deadline, zone)).toBe('2026-12-04');
			expect(describeEventTime(deadline, clockFor(zone, 'en-GB'))).toEqual({
				there: 'Friday, 4 December 2026',
				zone: GENEVA,
				forYou: null,
				otherDay: false,
				startIso: '2026-12-04',
				endIso: '2026-12-04'
			});
			expect(describeEventTime(school, clockFor(zone, 'en-GB')).there).toBe(
				'7 Dec 2026 – 11 Dec 2026'
			);
		}
	);

	it('Kiritimati and Pago Pago are 25 hours apart, and a timed event is two days apart there', () => {
		const call = timed(atWallClock('2026-12-04', '12:00', 'UTC')!, 60, 'UTC');
		expect(dayKey(call, 'Pacific/Kiritimati')).toBe('2026-12-05');
		expect(dayKey(call, 'Pacific/Pago_Pago')).toBe('2026-12-04');
		expect(
			offsetMinutes(call.starts_at!, 'Pacific/Kiritimati') -
				offsetMinutes(call.starts_at!, 'Pacific/Pago_Pago')
		).toBe(25 * 60);
	});

	it('in another language, the same day in that language', () => {
		expect(describeEventTime(deadline, clockFor('Pacific/Kiritimati', 'fr')).there).toBe(
			'vendredi 4 décembre 2026'
		);
	});
});

describe('a month view’s grid and the days an event takes place on', () => {
	it('weeks start on the day the viewer’s language starts them, and cover the whole month', () => {
		// February 2027 begins on a Monday and has four weeks exactly.
		const monday = monthWeeks('2027-02', 1);
		expect(monday.map((w) => w[0])).toEqual([
			'2027-02-01',
			'2027-02-08',
			'2027-02-15',
			'2027-02-22'
		]);
		// From Sunday, the grid starts on 31 January and needs a fifth week for 28 February.
		const sunday = monthWeeks('2027-02', 7);
		expect(sunday[0]![0]).toBe('2027-01-31');
		expect(sunday.at(-1)).toContain('2027-02-28');
		expect(sunday.every((w) => w.length === 7)).toBe(true);
		expect(otherMonth('2027-01', -1)).toBe('2026-12');
		expect(otherMonth('2026-12', 1)).toBe('2027-01');
	});

	it('a Geneva evening is the next morning in Kathmandu; an all-day event keeps its own dates', () => {
		const evening = {
			time_zone: 'Europe/Zurich',
			all_day: false,
			starts_at: new Date('2027-03-10T21:00:00Z'),
			ends_at: new Date('2027-03-10T23:00:00Z'),
			starts_on: null,
			ends_on: null
		};
		expect(daysOf(evening, 'Europe/Zurich')).toEqual(['2027-03-10']);
		expect(daysOf(evening, 'Asia/Kathmandu')).toEqual(['2027-03-11']);
		// Across midnight in Dakar (UTC): two days; ending at midnight: one.
		expect(
			daysOf({ ...evening, ends_at: new Date('2027-03-11T01:00:00Z') }, 'Africa/Dakar')
		).toEqual(['2027-03-10', '2027-03-11']);
		expect(
			daysOf({ ...evening, ends_at: new Date('2027-03-11T00:00:00Z') }, 'Africa/Dakar')
		).toEqual(['2027-03-10']);
		const school = {
			time_zone: 'Pacific/Kiritimati',
			all_day: true,
			starts_at: null,
			ends_at: null,
			starts_on: '2027-07-05',
			ends_on: '2027-07-07'
		};
		expect(daysOf(school, 'Pacific/Pago_Pago')).toEqual(['2027-07-05', '2027-07-06', '2027-07-07']);
	});
});
