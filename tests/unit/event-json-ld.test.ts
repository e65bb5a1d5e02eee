/** An event page's schema.org Event: its times with its own zone's offset, never the join link. */
import { describe, expect, it } from 'vitest';
import type { EventDetails } from '$lib/server/db/events';
import { eventJsonLd, scriptSafe } from '$lib/server/events/json-ld';

const event = {
	id: '6f1c2a56-3c61-4f2e-9d55-3c4a2c0f9a11',
	slug: 'consultation',
	title: 'Consultation </script><script>alert(1)</script>',
	description: 'On the track.',
	kind: 'consultation',
	format: 'hybrid',
	status: 'moved',
	visibility: 'public',
	venue_name: 'Palais des Nations',
	venue_address: 'Avenue de la Paix 14',
	venue_city: 'Geneva',
	country_code: 'CH',
	country_name: 'Switzerland',
	time_zone: 'Europe/Zurich',
	all_day: false,
	starts_at: new Date('2027-03-25T14:00:00Z'),
	ends_at: new Date('2027-04-01T13:30:00Z'),
	starts_on: null,
	ends_on: null,
	sort_at: new Date('2027-03-25T14:00:00Z'),
	capacity: 80,
	seats_taken: 3,
	organisers: [{ kind: 'programme', slug: 'monsoon', name: 'Monsoon School' }],
	languages: ['en', 'fr'],
	topics: ['data-governance'],
	target_groups: ['youth', 'diplomats'],
	registration_opens_at: null,
	registration_closes_at: null,
	mine: null,
	join_url: 'https://meet.example.org/secret',
	manages: false,
	waitlisted: 0,
	series_id: null
} satisfies EventDetails;

describe('schema.org Event', () => {
	const ld = eventJsonLd(event, 'https://commons.test/events/x');

	it('gives the times on the event’s clock with its offset, before and after summer time', () => {
		expect(ld.startDate).toBe('2027-03-25T15:00:00+01:00');
		expect(ld.endDate).toBe('2027-04-01T15:30:00+02:00');
	});

	it('says the status, the mode, the place and the organisers, and never the join link', () => {
		expect(ld).toMatchObject({
			'@type': 'Event',
			eventStatus: 'https://schema.org/EventRescheduled',
			eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
			organizer: [{ '@type': 'Organization', name: 'Monsoon School' }]
		});
		expect(JSON.stringify(ld)).not.toContain('meet.example.org');
	});

	it('names who it is for as schema.org Audiences, and none when it names none', () => {
		const named = eventJsonLd(event, 'https://commons.test/events/x', {
			audience: ['Youth', 'Diplomats']
		});
		expect(named.audience).toEqual([
			{ '@type': 'Audience', audienceType: 'Youth' },
			{ '@type': 'Audience', audienceType: 'Diplomats' }
		]);
		expect('audience' in JSON.parse(scriptSafe(ld))).toBe(false);
	});

	it('an all-day event is its dates', () => {
		const day = eventJsonLd(
			{
				...event,
				all_day: true,
				starts_at: null,
				ends_at: null,
				starts_on: '2027-03-01',
				ends_on: '2027-03-02'
			},
			'https://commons.test/events/x'
		);
		expect([day.startDate, day.endDate]).toEqual(['2027-03-01', '2027-03-02']);
	});

	it('cannot close its script element', () => {
		expect(scriptSafe(ld)).not.toContain('</script>');
		expect(JSON.parse(scriptSafe(ld)).name).toBe(event.title);
	});
});
