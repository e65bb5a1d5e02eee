/**
 * Recurring series in time: a fortnightly 15:00 call in Geneva's zone (Europe/Zurich) across both
 * changes of daylight saving time, as Dakar and Kathmandu read it; a "second Tuesday" monthly
 * series with one date moved and one cancelled, written as a feed and read back by ical.js
 * instant by instant; the same RRULE expanded by ical.js's own recurrence engine equals
 * rrule-temporal's; and the bounds of a series (it must end, ≤ 200 dates, ≤ 2 years).
 */
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expand, ruleOf, seriesProblem, shifted, weekOfMonth } from '$lib/event-series';
import { wallClock } from '$lib/event-time';
import { newEventSchema } from '$lib/schemas/events';
import { calendarOf, vtimezone, type FeedEvent } from '$lib/server/events/ical';

const zurich = 'Europe/Zurich';
const at = (date: Date, zone: string) => {
	const { day, time } = wallClock(date, zone);
	return `${day} ${time}`;
};

describe('a fortnightly 15:00 call in Geneva across daylight saving time', () => {
	// 13 Oct 2026 to 13 Apr 2027: winter time from 25 Oct 2026, summer time from 28 Mar 2027.
	const rrule = ruleOf('fortnightly', '2026-10-13', zurich, { count: 14 });
	const dates = expand(rrule, { day: '2026-10-13', time: '15:00' }, zurich, 60);

	it('is the rule an organiser chose, and ends', () => {
		expect(rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=14');
		expect(dates).toHaveLength(14);
		expect(seriesProblem(dates, zurich)).toBeNull();
	});

	it.each([
		// date          Zurich   Dakar    Kathmandu   (UTC offset in Zurich)
		['2026-10-13', '15:00', '13:00', '18:45'], // +02:00 summer
		['2026-10-27', '15:00', '14:00', '19:45'], // +01:00: clocks went back on 25 Oct
		['2027-03-02', '15:00', '14:00', '19:45'], // +01:00
		['2027-03-16', '15:00', '14:00', '19:45'], // +01:00: still winter, change on 28 Mar
		['2027-03-30', '15:00', '13:00', '18:45'], // +02:00 summer again
		['2027-04-13', '15:00', '13:00', '18:45'] // +02:00
	])('%s: %s in Zurich, %s in Dakar, %s in Kathmandu', (day, there, dakar, kathmandu) => {
		const date = dates.find((d) => wallClock(d.starts_at, zurich).day === day);
		expect(date, day).toBeDefined();
		expect(at(date!.starts_at, zurich)).toBe(`${day} ${there}`);
		expect(at(date!.starts_at, 'Africa/Dakar')).toBe(`${day} ${dakar}`);
		expect(at(date!.starts_at, 'Asia/Kathmandu')).toBe(`${day} ${kathmandu}`);
	});

	it('every date is at 15:00 in Zurich, each lasting an hour', () => {
		expect(new Set(dates.map((d) => wallClock(d.starts_at, zurich).time))).toEqual(
			new Set(['15:00'])
		);
		expect(dates.every((d) => d.ends_at.getTime() - d.starts_at.getTime() === 3600_000)).toBe(true);
	});
});

describe('a "second Tuesday" monthly series with one date moved and one cancelled', () => {
	const first = '2026-10-13';
	const rrule = ruleOf('monthly-weekday', first, zurich, { until: '2027-03-31' });
	const dates = expand(rrule, { day: first, time: '15:00' }, zurich, 90);
	// The December date moves to Thursday 10 December at 16:00; the January one is cancelled.
	const feed: FeedEvent[] = dates.map((d, i) => {
		const moved = i === 2;
		const times = moved
			? shifted(
					d.starts_at,
					{ from: zurich, to: zurich },
					{ fromDay: '2026-12-08', toDay: '2026-12-10', time: '16:00', minutes: 90 }
				)
			: { starts_at: d.starts_at, ends_at: d.ends_at };
		return {
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			slug: 'igf-support-association-call',
			title: 'Mesa de trabajo: financiación de las NRI — 第二个星期二 🌍',
			description: 'Una llamada mensual; con comas, y\npuntos y comas.',
			status: i === 3 ? 'cancelled' : moved ? 'moved' : 'scheduled',
			format: 'online',
			venue_name: null,
			venue_address: null,
			venue_city: null,
			time_zone: zurich,
			all_day: false,
			...times,
			starts_on: null,
			ends_on: null,
			sequence: moved || i === 3 ? 1 : 0,
			updated_at: new Date('2026-10-01T08:00:00Z')
		};
	});

	it('falls on the second Tuesday of each month, until the last day given', () => {
		expect(rrule).toBe('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270331T215959Z');
		expect(dates.map((d) => wallClock(d.starts_at, zurich).day)).toEqual([
			'2026-10-13',
			'2026-11-10',
			'2026-12-08',
			'2027-01-12',
			'2027-02-09',
			'2027-03-09'
		]);
		expect(weekOfMonth(Temporal.PlainDate.from('2026-10-27'))).toBe(4);
		expect(weekOfMonth(Temporal.PlainDate.from('2026-10-29'))).toBe(-1);
	});

	it.each([
		// date           status       Zurich             Dakar              Kathmandu
		[0, 'scheduled', '2026-10-13 15:00', '2026-10-13 13:00', '2026-10-13 18:45'],
		[1, 'scheduled', '2026-11-10 15:00', '2026-11-10 14:00', '2026-11-10 19:45'],
		[2, 'moved', '2026-12-10 16:00', '2026-12-10 15:00', '2026-12-10 20:45'],
		[3, 'cancelled', '2027-01-12 15:00', '2027-01-12 14:00', '2027-01-12 19:45'],
		[4, 'scheduled', '2027-02-09 15:00', '2027-02-09 14:00', '2027-02-09 19:45'],
		[5, 'scheduled', '2027-03-09 15:00', '2027-03-09 14:00', '2027-03-09 19:45']
	])('date %i (%s): %s in Zurich, %s in Dakar, %s in Kathmandu', (i, status, z, d, k) => {
		const event = feed[i]!;
		expect(event.status).toBe(status);
		expect(at(event.starts_at!, zurich)).toBe(z);
		expect(at(event.starts_at!, 'Africa/Dakar')).toBe(d);
		expect(at(event.starts_at!, 'Asia/Kathmandu')).toBe(k);
	});

	it('its feed, read back by ical.js, holds every date at the app’s instant, the cancelled one as cancelled', () => {
		const text = calendarOf(feed, { name: 'Series', origin: 'https://commons.test' });
		const root = new ICAL.Component(ICAL.parse(text));
		for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
		const read = root.getAllSubcomponents('vevent').map((component) => {
			const event = new ICAL.Event(component);
			return {
				uid: event.uid,
				tzid: component.getFirstProperty('dtstart')!.getParameter('tzid'),
				start: event.startDate.toJSDate().toISOString(),
				end: event.endDate.toJSDate().toISOString(),
				status: component.getFirstPropertyValue('status'),
				sequence: event.sequence
			};
		});
		expect(read).toEqual(
			feed.map((e) => ({
				uid: `${e.id}@capacity-commons`,
				tzid: zurich,
				start: e.starts_at!.toISOString(),
				end: e.ends_at!.toISOString(),
				status: e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
				sequence: e.sequence
			}))
		);
	});
});

describe('the rule, expanded by ical.js’s own recurrence engine', () => {
	it.each([
		['weekly', '2026-10-20', { count: 30 }],
		['fortnightly', '2026-10-13', { until: '2027-10-31' }],
		['monthly-date', '2026-10-28', { count: 24 }],
		['monthly-weekday', '2026-10-13', { count: 24 }],
		['monthly-weekday', '2026-10-29', { count: 12 }]
	] as const)('%s from %s: the same instants as rrule-temporal’s', (repeat, day, end) => {
		const rrule = ruleOf(repeat, day, zurich, end);
		const ours = expand(rrule, { day, time: '15:00' }, zurich, 60).map((d) =>
			d.starts_at.toISOString()
		);
		const text = [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//test//EN',
			vtimezone(zurich, new Date('2026-01-01'), new Date('2029-01-01')).trimEnd(),
			'BEGIN:VEVENT',
			'UID:series@test',
			'DTSTAMP:20261001T000000Z',
			`DTSTART;TZID=${zurich}:${day.replace(/-/g, '')}T150000`,
			`RRULE:${rrule}`,
			'END:VEVENT',
			'END:VCALENDAR',
			''
		].join('\r\n');
		const root = new ICAL.Component(ICAL.parse(text));
		ICAL.TimezoneService.register(root.getFirstSubcomponent('vtimezone')!);
		const iterator = new ICAL.Event(root.getFirstSubcomponent('vevent')!).iterator();
		const theirs: string[] = [];
		for (let next = iterator.next(); next && theirs.length < 300; next = iterator.next()) {
			theirs.push(next.toJSDate().toISOString());
		}
		expect(theirs).toEqual(ours);
	});
});

describe('the bounds of a series', () => {
	const form = {
		title: 'Working group call',
		kind: 'webinar',
		format: 'online',
		visibility: 'public',
		organiser: 'programme:00000000-0000-4000-8000-000000000001',
		time_zone: zurich,
		start_date: '2026-10-13',
		start_time: '15:00',
		end_time: '16:00'
	};
	const refusal = (values: Record<string, string>) => {
		const result = newEventSchema.safeParse({ ...form, ...values });
		return result.success ? null : result.error.issues.map((i) => [i.path[0], i.message]);
	};

	it('a series must end, by a last day or a number of times, not both', () => {
		expect(refusal({ repeat: 'weekly' })).toEqual([
			['repeat_until', 'Give the last day or the number of times: a series must end.']
		]);
		expect(refusal({ repeat: 'weekly', repeat_until: '2027-01-01', repeat_count: '5' })).toEqual([
			['repeat_count', 'Give either the last day or the number of times, not both.']
		]);
	});

	it('at most 200 dates, within two years; more than one', () => {
		expect(refusal({ repeat: 'weekly', repeat_count: '201' })).toEqual([
			['repeat_count', 'Between 2 and 200 times.']
		]);
		expect(refusal({ repeat: 'monthly-date', repeat_until: '2029-01-01' })).toEqual([
			['repeat_until', 'A series lasts at most 2 years: end it sooner.']
		]);
		expect(refusal({ repeat: 'weekly', repeat_until: '2026-10-14' })).toEqual([
			[
				'repeat_until',
				'The series would happen only once: end it later, or do not repeat the event.'
			]
		]);
	});

	it('monthly on a date only up to the 28th; all-day events do not repeat', () => {
		expect(
			refusal({ repeat: 'monthly-date', start_date: '2026-10-31', repeat_count: '3' })
		).toEqual([
			[
				'repeat',
				'Not every month has a day 31: start on a day up to 28, or repeat on the same weekday.'
			]
		]);
		expect(
			refusal({ repeat: 'weekly', repeat_count: '3', all_day: 'on', start_time: '', end_time: '' })
		).toEqual([
			['repeat', 'All-day events do not repeat: give the event its times, or add each day.']
		]);
	});

	it('a valid series carries its rule and its dates', () => {
		const result = newEventSchema.parse({ ...form, repeat: 'fortnightly', repeat_count: '4' });
		expect(result.series).toMatchObject({
			rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4',
			first_start: '2026-10-13T15:00',
			minutes: 60
		});
		expect(result.series!.occurrences).toHaveLength(4);
		expect(newEventSchema.parse(form).series).toBeNull();
	});
});
