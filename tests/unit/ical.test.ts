/**
 * The feeds, read back by another maintained implementation (ical.js): 520 generated events with
 * emoji, Arabic and Chinese, and `,;\n` in their text, in zones with DST north and south,
 * half-, quarter- and half-hour-DST zones and both sides of the date line, all-day and cancelled
 * ones. The file parses with no error, folds at 75 octets with CRLF, has a VTIMEZONE for every TZID,
 * and each event reads back at the app's own instant (or date), its text intact.
 */
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { calendarOf, vtimezone, type FeedEvent } from '$lib/server/events/ical';

const ZONES = [
	'Europe/Zurich',
	'Africa/Dakar',
	'Asia/Kathmandu',
	'Asia/Kolkata',
	'Pacific/Apia',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'America/Santiago',
	'Australia/Lord_Howe',
	'America/New_York'
];
const TEXTS = [
	'Consultation on the IGF track 🌍',
	'حوكمة الإنترنت: حلقة عمل',
	'互联网治理能力建设',
	'Commas, semicolons; and\nnew lines',
	'Back\\slash and "quotes" — long title '.repeat(4)
];

function generated(count: number): FeedEvent[] {
	const first = Temporal.PlainDateTime.from('2026-09-01T06:00');
	return Array.from({ length: count }, (_, i) => {
		const zone = ZONES[i % ZONES.length]!;
		const text = TEXTS[i % TEXTS.length]!;
		// Every 37 hours and a few minutes: all hours of the day, both sides of each DST change.
		const local = first.add({ hours: 37 * i, minutes: (i * 13) % 60 });
		const allDay = i % 7 === 0;
		const start = local.toZonedDateTime(zone);
		return {
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			slug: `event-${i}`,
			title: `${text} #${i}`,
			description: i % 3 ? `${text}\n\nSecond paragraph; with, punctuation.` : null,
			status: i % 11 === 0 ? 'cancelled' : 'scheduled',
			format: 'hybrid',
			venue_name: i % 2 ? 'Palais des Nations, Room XX; East' : null,
			venue_address: null,
			venue_city: i % 2 ? 'Genève' : null,
			time_zone: zone,
			all_day: allDay,
			starts_at: allDay ? null : new Date(start.epochMilliseconds),
			ends_at: allDay ? null : new Date(start.add({ minutes: 90 }).epochMilliseconds),
			starts_on: allDay ? local.toPlainDate().toString() : null,
			ends_on: allDay
				? local
						.toPlainDate()
						.add({ days: i % 3 })
						.toString()
				: null,
			sequence: i % 4,
			updated_at: new Date(Date.UTC(2026, 10, 1, 12, 0, i % 60))
		};
	});
}

describe('an iCalendar feed of 520 events', () => {
	const events = generated(520);
	const text = calendarOf(events, { name: 'Capacity Commons', origin: 'https://commons.test' });

	it('is CRLF throughout and folded at 75 octets', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		const lines = text.split('\r\n');
		expect(lines.some((l) => l.includes('\n'))).toBe(false);
		expect(lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75)).toEqual([]);
	});

	const root = new ICAL.Component(ICAL.parse(text));
	const zones = root.getAllSubcomponents('vtimezone');
	for (const zone of zones) ICAL.TimezoneService.register(zone);
	const vevents = root.getAllSubcomponents('vevent');

	it('parses with ical.js into as many events, a VTIMEZONE for every TZID', () => {
		expect(vevents).toHaveLength(520);
		const tzids = new Set(
			vevents
				.map((v) => v.getFirstProperty('dtstart')!.getParameter('tzid'))
				.filter((tzid): tzid is string => typeof tzid === 'string')
		);
		expect([...tzids].sort()).toEqual([...ZONES].sort());
		expect(zones.map((z) => z.getFirstPropertyValue('tzid')).sort()).toEqual([...tzids].sort());
	});

	it('reads back every event at the app’s own instant or date, with its text, UID, SEQUENCE and STATUS', () => {
		const mismatches: string[] = [];
		vevents.forEach((component, i) => {
			const event = new ICAL.Event(component);
			const ours = events[i]!;
			if (ours.all_day) {
				if (!event.startDate.isDate || event.startDate.toString() !== ours.starts_on) {
					mismatches.push(`${i}: start ${event.startDate.toString()} ≠ ${ours.starts_on}`);
				}
				const lastDay = Temporal.PlainDate.from(ours.ends_on!).add({ days: 1 }).toString();
				if (event.endDate.toString() !== lastDay) {
					mismatches.push(`${i}: end ${event.endDate.toString()} ≠ ${lastDay}`);
				}
			} else {
				const start = event.startDate.toJSDate().getTime();
				const end = event.endDate.toJSDate().getTime();
				if (start !== ours.starts_at!.getTime() || end !== ours.ends_at!.getTime()) {
					mismatches.push(
						`${i} ${ours.time_zone}: ${new Date(start).toISOString()} ≠ ${ours.starts_at!.toISOString()}`
					);
				}
			}
			if (event.summary !== ours.title) mismatches.push(`${i}: summary ${event.summary}`);
			if ((event.description ?? null) !== ours.description) mismatches.push(`${i}: description`);
			if (event.uid !== `${ours.id}@capacity-commons`) mismatches.push(`${i}: uid ${event.uid}`);
			if (event.sequence !== ours.sequence) mismatches.push(`${i}: sequence`);
			const status = component.getFirstPropertyValue('status');
			if (status !== (ours.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')) {
				mismatches.push(`${i}: status ${String(status)}`);
			}
			const stamp = component.getFirstPropertyValue('dtstamp') as ICAL.Time;
			if (stamp.toJSDate().getTime() !== ours.updated_at.getTime() || stamp.zone?.tzid !== 'UTC') {
				mismatches.push(`${i}: dtstamp`);
			}
		});
		expect(mismatches).toEqual([]);
	});
});

describe('a VTIMEZONE from the IANA rules', () => {
	it('Geneva over 2027: winter, summer from 28 March 02:00, winter from 31 October 03:00', () => {
		const text = vtimezone(
			'Europe/Zurich',
			new Date('2027-01-01T00:00:00Z'),
			new Date('2027-12-31T00:00:00Z')
		);
		expect(text.split('\r\n')).toEqual([
			'BEGIN:VTIMEZONE',
			'TZID:Europe/Zurich',
			'BEGIN:STANDARD',
			'DTSTART:20270101T010000',
			'TZOFFSETFROM:+0100',
			'TZOFFSETTO:+0100',
			'END:STANDARD',
			'BEGIN:DAYLIGHT',
			'DTSTART:20270328T020000',
			'TZOFFSETFROM:+0100',
			'TZOFFSETTO:+0200',
			'END:DAYLIGHT',
			'BEGIN:STANDARD',
			'DTSTART:20271031T030000',
			'TZOFFSETFROM:+0200',
			'TZOFFSETTO:+0100',
			'END:STANDARD',
			'END:VTIMEZONE',
			''
		]);
	});

	it('Kathmandu has one observance, +05:45', () => {
		const text = vtimezone('Asia/Kathmandu', new Date('2027-01-01'), new Date('2028-01-01'));
		expect(text).toContain('TZOFFSETTO:+0545');
		expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
	});
});
