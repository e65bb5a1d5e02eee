/**
 * The new event form: each bad input is refused on its own field with a message that says what to
 * do (never a 500 from the database), and a good one becomes instants through the event's zone.
 */
import { describe, expect, it } from 'vitest';
import { eventSearchSchema, newEventSchema, rsvpSchema } from '$lib/schemas/events';

const good = {
	title: 'Consultation on community networks',
	kind: 'consultation',
	format: 'hybrid',
	visibility: 'public',
	organiser: 'programme:6f1c2a56-3c61-4f2e-9d55-3c4a2c0f9a11',
	venue_name: 'Palais des Nations',
	time_zone: 'Europe/Zurich',
	start_date: '2027-03-25',
	start_time: '15:00',
	end_time: '16:30'
};

const problems = (input: Record<string, unknown>) => {
	const result = newEventSchema.safeParse(input);
	if (result.success) return {};
	// The first message of each field, as parseForm shows it.
	const found: Record<string, string> = {};
	for (const issue of result.error.issues) found[String(issue.path[0])] ??= issue.message;
	return found;
};

describe('the new event form refuses each bad input on its field', () => {
	it.each<[string, Record<string, unknown>, string, string]>([
		['no title', { title: ' ' }, 'title', 'Give the event a title of at least 2 characters.'],
		['a title too long', { title: 'x'.repeat(201) }, 'title', 'Use at most 200 characters.'],
		['an unknown kind', { kind: 'party' }, 'kind', ''],
		[
			'no organiser',
			{ organiser: '' },
			'organiser',
			'Choose the programme that organises the event.'
		],
		[
			'a forged organiser',
			{ organiser: 'person:x' },
			'organiser',
			'Choose the programme that organises the event.'
		],
		[
			'a zone that is not one',
			{ time_zone: 'Europe/Geneva' },
			'time_zone',
			'Choose the time zone of the place where the event happens.'
		],
		[
			'no venue in person',
			{ format: 'in-person', venue_name: '' },
			'venue_name',
			'Name the venue: people come in person.'
		],
		['no first day', { start_date: '' }, 'start_date', 'Give the first day of the event.'],
		[
			'a day the calendar lacks',
			{ start_date: '2027-02-30' },
			'start_date',
			'Write the date as year-month-day, e.g. 2027-03-01.'
		],
		[
			'a time that is not one',
			{ start_time: '25:00' },
			'start_time',
			'Write the time as hours:minutes, e.g. 15:00.'
		],
		['no end time', { end_time: '' }, 'end_time', 'Write the time as hours:minutes, e.g. 16:30.'],
		[
			'the hour clocks skip',
			{ start_date: '2027-03-28', start_time: '02:30', end_time: '04:00' },
			'start_time',
			'That time does not exist in that time zone on that day (the clocks go forward then). Choose another.'
		],
		[
			'an end before the start',
			{ end_time: '14:00' },
			'end_time',
			'The end comes after the start.'
		],
		[
			'a last day before the first',
			{ all_day: 'on', end_date: '2027-03-24' },
			'end_date',
			'The end comes after the start.'
		],
		[
			'no seats',
			{ capacity: '0' },
			'capacity',
			'Seats: a whole number from 1 to 100000, or empty for no limit.'
		],
		[
			'seats that are not a number',
			{ capacity: 'many' },
			'capacity',
			'Seats: a whole number from 1 to 100000, or empty for no limit.'
		],
		['a join link that is not a web address', { join_url: 'javascript:alert(1)' }, 'join_url', '']
	])('%s', (_, change, field, message) => {
		const found = problems({ ...good, ...change });
		expect(Object.keys(found)).toContain(field);
		if (message) expect(found[field]).toBe(message);
		else expect(found[field]).toBeTruthy();
	});
});

describe('a good form', () => {
	it('becomes instants on the event’s wall clock (summer time in Geneva by 25 March? not yet)', () => {
		const event = newEventSchema.parse(good);
		expect(event.starts_at!.toISOString()).toBe('2027-03-25T14:00:00.000Z');
		expect(event.ends_at!.toISOString()).toBe('2027-03-25T15:30:00.000Z');
		expect(event.starts_on).toBeNull();
		expect(event.organiser).toEqual({
			kind: 'programme',
			id: '6f1c2a56-3c61-4f2e-9d55-3c4a2c0f9a11'
		});
	});

	it('after the change to summer time the same wall clock is an hour earlier in UTC', () => {
		const event = newEventSchema.parse({ ...good, start_date: '2027-04-01' });
		expect(event.starts_at!.toISOString()).toBe('2027-04-01T13:00:00.000Z');
	});

	it('an all-day event keeps its dates and no instants; one day when no last day is given', () => {
		const event = newEventSchema.parse({ ...good, all_day: 'on', start_time: '', end_time: '' });
		expect(event).toMatchObject({
			all_day: true,
			starts_on: '2027-03-25',
			ends_on: '2027-03-25',
			starts_at: null,
			ends_at: null
		});
	});

	it('co-organisers come once each, never the organiser again', () => {
		const organiser = good.organiser;
		const other = 'organisation:0b7e3c1a-1d2f-4c9a-8f10-2a3b4c5d6e7f';
		const event = newEventSchema.parse({ ...good, co_organisers: [organiser, other, other] });
		expect(event.co_organisers).toEqual([
			{ kind: 'organisation', id: '0b7e3c1a-1d2f-4c9a-8f10-2a3b4c5d6e7f' }
		]);
	});
});

describe('an answer and the list’s query string', () => {
	it('an answer is one of three, with a note of at most 280 characters', () => {
		expect(rsvpSchema.safeParse({ answer: 'going', note: '' }).data).toEqual({
			answer: 'going',
			note: null
		});
		expect(rsvpSchema.safeParse({ answer: 'maybe' }).success).toBe(false);
		expect(
			rsvpSchema.safeParse({ answer: 'going', note: 'x'.repeat(281) }).error?.issues[0]?.message
		).toBe('The note is at most 280 characters.');
	});

	it('filters are the lists’ own values', () => {
		expect(eventSearchSchema.safeParse({ kind: 'webinar', format: 'online' }).success).toBe(true);
		expect(eventSearchSchema.safeParse({ kind: 'rave' }).success).toBe(false);
	});
});
