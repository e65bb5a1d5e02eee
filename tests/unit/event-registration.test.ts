/**
 * The registration window on the event's own clock: each bound becomes an instant through
 * Temporal in the event's zone, across its changes of daylight saving time (Europe/Zurich goes to
 * summer time on 28 March 2027, America/Santiago back to winter time on 4 April 2027 and forward
 * on 5 September 2027, skipping its midnight); a time the clocks skip is refused; the window must
 * close after it opens and not after the event ends; where the window stands now.
 */
import { describe, expect, it } from 'vitest';
import { newEventSchema, registrationInstant } from '$lib/schemas/events';
import { registrationState } from '../../src/routes/events/registration';

describe('a registration bound as an instant in the event’s zone', () => {
	it.each<[string, string, string | null | 'bad' | 'skipped']>([
		['Europe/Zurich', '2027-03-27T09:00', '2027-03-27T08:00:00.000Z'],
		// The next morning Geneva is on summer time: the same 09:00 is an hour earlier in UTC.
		['Europe/Zurich', '2027-03-28T09:00', '2027-03-28T07:00:00.000Z'],
		['Europe/Zurich', '2027-03-28T02:30', 'skipped'],
		// 02:30 happens twice when the clocks go back: the first of the two.
		['Europe/Zurich', '2027-10-31T02:30', '2027-10-31T00:30:00.000Z'],
		['America/Santiago', '2027-04-03T12:00', '2027-04-03T15:00:00.000Z'],
		['America/Santiago', '2027-04-04T12:00', '2027-04-04T16:00:00.000Z'],
		['America/Santiago', '2027-09-05T00:30', 'skipped'],
		['Asia/Kathmandu', '2027-01-12T09:00', '2027-01-12T03:15:00.000Z'],
		// A browser may send seconds.
		['Europe/Zurich', '2027-01-12T09:00:00', '2027-01-12T08:00:00.000Z'],
		['Europe/Zurich', '', null],
		['Europe/Zurich', '2027-02-30T09:00', 'bad'],
		['Europe/Zurich', '12/01/2027 09:00', 'bad']
	])('%s %s → %s', (zone, value, expected) => {
		const instant = registrationInstant(value, zone);
		expect(instant instanceof Date ? instant.toISOString() : instant).toBe(expected);
	});
});

const event = {
	title: 'Clinic on funding',
	kind: 'webinar',
	format: 'online',
	visibility: 'public',
	organiser: 'programme:6f1c2a56-3c61-4f2e-9d55-3c4a2c0f9a11',
	time_zone: 'Europe/Zurich',
	start_date: '2027-04-01',
	start_time: '15:00',
	end_time: '16:30'
};

const problems = (input: Record<string, unknown>) => {
	const result = newEventSchema.safeParse({ ...event, ...input });
	if (result.success) return {};
	const found: Record<string, string> = {};
	for (const issue of result.error.issues) found[String(issue.path[0])] ??= issue.message;
	return found;
};

describe('the window on the form', () => {
	it('opens before the change of clocks and closes after it, each on Geneva’s wall clock', () => {
		const form = newEventSchema.parse({
			...event,
			registration_opens: '2027-03-20T09:00',
			registration_closes: '2027-03-31T18:00'
		});
		expect(form.registration_opens_at!.toISOString()).toBe('2027-03-20T08:00:00.000Z');
		expect(form.registration_closes_at!.toISOString()).toBe('2027-03-31T16:00:00.000Z');
	});

	it('empty bounds are none', () => {
		const form = newEventSchema.parse(event);
		expect([form.registration_opens_at, form.registration_closes_at]).toEqual([null, null]);
	});

	it.each<[string, Record<string, string>, string, string]>([
		[
			'closing before opening',
			{ registration_opens: '2027-03-30T09:00', registration_closes: '2027-03-29T09:00' },
			'registration_closes',
			'Registration must close after it opens.'
		],
		[
			'closing after the event',
			{ registration_closes: '2027-04-01T16:31' },
			'registration_closes',
			'Registration cannot close after the event is over.'
		],
		[
			'opening after the event',
			{ registration_opens: '2027-04-02T09:00' },
			'registration_opens',
			'Registration must open before the event is over.'
		],
		[
			'a time the clocks skip',
			{ registration_opens: '2027-03-28T02:15' },
			'registration_opens',
			'That time does not exist in that time zone on that day (the clocks go forward then). Choose another.'
		],
		[
			'not a date and time',
			{ registration_closes: 'soon' },
			'registration_closes',
			'Enter a date and a time, such as 2027-03-01T09:00.'
		],
		[
			'a window on a repeating event',
			{ registration_opens: '2027-03-20T09:00', repeat: 'weekly', repeat_count: '4' },
			'registration_opens',
			'A repeating event takes no registration window: set one on each date once it is added.'
		]
	])('refuses %s on its field', (_, input, field, message) => {
		expect(problems(input)[field]).toBe(message);
	});

	it('an all-day event’s window may close until its last day is over in its zone', () => {
		const allDay = { all_day: 'on', start_date: '2027-04-01', start_time: '', end_time: '' };
		expect(problems({ ...allDay, registration_closes: '2027-04-01T23:59' })).toEqual({});
		expect(problems({ ...allDay, registration_closes: '2027-04-02T00:01' })).toMatchObject({
			registration_closes: 'Registration cannot close after the event is over.'
		});
	});
});

describe('where the window stands', () => {
	const at = (iso: string) => new Date(iso);
	const window = (opens: string | null, closes: string | null) => ({
		status: 'scheduled',
		registration_opens_at: opens ? at(opens) : null,
		registration_closes_at: closes ? at(closes) : null
	});
	const now = at('2027-03-25T12:00:00Z');
	it.each<[string | null, string | null, string]>([
		[null, null, 'none'],
		['2027-03-26T00:00:00Z', null, 'not-yet'],
		['2027-03-20T00:00:00Z', '2027-03-30T00:00:00Z', 'open'],
		[null, '2027-03-25T12:00:00Z', 'closed'],
		['2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z', 'closed']
	])('opens %s, closes %s: %s', (opens, closes, state) => {
		expect(registrationState(window(opens, closes), now)).toBe(state);
	});
});
