import { describe, expect, it } from 'vitest';
import { clockFor, formatDate, formatDay, formatInstant, formatNumber, utc } from '$lib/dates';

const at = '2026-12-02T06:13:00Z';

describe('dates as one viewer reads them', () => {
	it.each([
		['UTC', '2 Dec 2026, 06:13 UTC'],
		['Africa/Dakar', '2 Dec 2026, 06:13 GMT'],
		['Europe/Zurich', '2 Dec 2026, 07:13 CET'],
		['Pacific/Fiji', '2 Dec 2026, 18:13 GMT+12'],
		['America/Santiago', '2 Dec 2026, 03:13 GMT-3']
	])('a moment in %s is that zone’s time, with the zone named', (zone, expected) => {
		expect(formatInstant(at, clockFor(zone))).toBe(expected);
	});

	it('the day of a moment is the viewer’s day: already the 3rd in Suva', () => {
		expect(formatDay('2026-12-02T20:00:00Z', clockFor('Pacific/Fiji'))).toBe('3 Dec 2026');
		expect(formatDay('2026-12-02T20:00:00Z', utc())).toBe('2 Dec 2026');
	});

	it.each(['UTC', 'Pacific/Fiji', 'America/Santiago', 'Asia/Kolkata'])(
		'a calendar day never shifts, whatever the zone (%s)',
		(zone) => {
			expect(formatDate('2027-03-01', clockFor(zone))).toBe('1 Mar 2027');
		}
	);

	it.each([null, undefined, '', 'Mars/Olympus_Mons'])(
		'a missing or unknown zone (%s) reads as UTC, named',
		(zone) => {
			expect(clockFor(zone)).toEqual({ locale: 'en-GB', timeZone: 'UTC' });
		}
	);

	it.each([
		['en-GB', '1,250.5'],
		['fr-FR', '1 250,5'],
		['es-ES', '1250,5']
	])('a number in %s', (locale, expected) => {
		expect(formatNumber(1250.5, clockFor('UTC', locale)).replace(/\u202f|\u00a0/g, ' ')).toBe(
			expected
		);
	});

	it.each([
		['en', '2 December 2026'],
		['ar', '2 ديسمبر 2026'],
		['zh', '2026年12月2日'],
		['fr', '2 décembre 2026'],
		['ru', '2 декабря 2026 г.'],
		['es', '2 de diciembre de 2026']
	] as const)(
		'a day in the site’s %s is written as that language writes it',
		(locale, expected) => {
			expect(formatDay(at, utc(locale), 'long')).toBe(expected);
			expect(clockFor('Africa/Dakar', utc(locale).locale).locale).toBe(utc(locale).locale);
		}
	);
});
