import ct from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { rngFor } from '../../supabase/seed/names.ts';
import { profileExtras } from '../../supabase/seed/people.ts';
import {
	bioOf,
	cohortsOf,
	COMMON_TOPICS,
	COMPENDIUM,
	COUNTRIES,
	describe as describeProgramme,
	ORGANISATIONS,
	placesFor,
	PROGRAMMES,
	zoneFor
} from '../../supabase/seed/world.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('the demo world data', () => {
	it('fits the schema: slugs, lengths, kinds, organisations', () => {
		const orgs = new Set(ORGANISATIONS.map((o) => o.slug));
		expect(orgs.size).toBe(ORGANISATIONS.length);
		for (const o of ORGANISATIONS) expect(o.slug).toMatch(SLUG);
		for (const p of PROGRAMMES) {
			expect(p.slug).toMatch(SLUG);
			expect(orgs.has(p.organisation), p.slug).toBe(true);
			expect(p.summary.length, p.slug).toBeLessThanOrEqual(300);
			expect(describeProgramme(p).length).toBeLessThanOrEqual(20_000);
		}
		expect(new Set(PROGRAMMES.map((p) => p.kind)).size).toBe(5);
		expect(PROGRAMMES.filter((p) => p.status !== 'active').length).toBeLessThanOrEqual(2);
	});

	it('has yearly cohorts from 2016, none starting after 2027, editions unique', () => {
		for (const p of PROGRAMMES) {
			const cohorts = cohortsOf(p);
			expect(new Set(cohorts.map((c) => c.edition)).size, p.slug).toBe(cohorts.length);
			for (const c of cohorts) {
				expect(c.startsOn >= '2016-01-01' && c.startsOn <= '2027-12-31', p.slug).toBe(true);
				expect(c.endsOn >= c.startsOn).toBe(true);
				expect(c.online ? c.place === null : c.place !== null, c.edition).toBe(true);
			}
		}
	});

	it('says a duration its cohorts last, and opens applications only with a cohort to apply to', () => {
		for (const p of PROGRAMMES) {
			const offer = COMPENDIUM[p.slug]!;
			const cohorts = cohortsOf(p);
			if (offer.weeks) {
				// The weeks the compendium states are the cohort's days in weeks, rounded either way
				// (within a tenth for the long ones); a course of a few days is "1 week".
				const weeks = p.schedule.days / 7;
				expect(offer.weeks, p.slug).toBeGreaterThanOrEqual(Math.max(1, Math.floor(weeks * 0.9)));
				expect(offer.weeks, p.slug).toBeLessThanOrEqual(Math.max(1, Math.ceil(weeks * 1.1)));
			}
			if (offer.applications) {
				const [, closes] = offer.applications;
				const next = cohorts.find((c) => c.startsOn > closes);
				expect(next, `${p.slug}: a cohort after applications close on ${closes}`).toBeDefined();
				const months = (Date.parse(next!.startsOn) - Date.parse(closes)) / (30 * 86_400_000);
				expect(months, p.slug).toBeLessThanOrEqual(12);
			}
		}
	});

	it('gives nobody the same earlier position twice, nor their current one again', () => {
		for (let i = 0; i < 400; i++) {
			const extras = profileExtras(rngFor('positions-test', i), {
				headline: 'Policy Officer, Ministry of ICT',
				group: 'government',
				area: 'africa',
				topics: [],
				since: new Date('2024-01-01')
			});
			const lines = [
				`${extras.current_position}|${extras.current_organisation}`,
				...extras.positions.map((p) => `${p.title}|${p.organisation}`)
			];
			expect(new Set(lines).size).toBe(lines.length);
		}
	});

	it('gives every city a time zone of its own country', () => {
		for (const country of COUNTRIES) {
			for (const city of country.cities) {
				const zone = Array.isArray(city) ? city[1] : zoneFor(country.code, city);
				expect(ct.getTimezone(zone)?.countries, `${country.code} ${zone}`).toContain(country.code);
			}
		}
		expect(zoneFor('IN', 'Mumbai')).toBe('Asia/Kolkata');
		expect(zoneFor('CD', 'Kinshasa')).toBe('Africa/Kinshasa');
	});

	it('places people in every other country too, except the unpeopled ones', () => {
		const places = placesFor([
			{ code: 'KE', developing: true, region: 'Sub-Saharan Africa' },
			{ code: 'TG', developing: true, region: 'Sub-Saharan Africa' },
			{ code: 'AQ', developing: false, region: null }
		]);
		expect(places.map((p) => p.code)).toEqual(['KE', 'TG']);
		expect(places[1]!.cities).toEqual([['Lome', 'Africa/Lome']]);
	});

	it('mentions each common topic in about a third of bios', () => {
		const rng = rngFor('bios');
		const first = { name: 'Baobab School of Internet Governance', year: 2019 };
		const bios = Array.from({ length: 3000 }, () => bioOf(rng, 'academia', 'Ana', 'Lima', first));
		for (const topic of COMMON_TOPICS) {
			const share = bios.filter((b) => b.includes(topic)).length / bios.length;
			expect(share, topic).toBeGreaterThan(0.28);
			expect(share, topic).toBeLessThan(0.38);
		}
		expect(bios.every((b) => !b.includes('{'))).toBe(true);
	});
});
