import { describe, expect, it } from 'vitest';
import {
	emailLocalPart,
	feminine,
	NAME_LISTS,
	personName,
	rngFor,
	uuidFor,
	weightedPick
} from '../../supabase/seed/names.ts';
import { COUNTRIES } from '../../supabase/seed/world.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LATIN = /^[\p{Script=Latin}\s'’.-]+$/u;
const spec = (code: string) => COUNTRIES.find((c) => c.code === code)!.names;

describe('deterministic ids', () => {
	it('derives the same UUID from the same parts, a different one otherwise', () => {
		expect(uuidFor(1, 'person', 0)).toBe(uuidFor(1, 'person', 0));
		expect(uuidFor(1, 'person', 0)).toMatch(UUID);
		expect(uuidFor(1, 'person', 1)).not.toBe(uuidFor(1, 'person', 0));
		expect(uuidFor(2, 'person', 0)).not.toBe(uuidFor(1, 'person', 0));
	});

	it('gives 100,000 distinct ids for 100,000 people', () => {
		const ids = new Set(Array.from({ length: 100_000 }, (_, i) => uuidFor(7, 'person', i)));
		expect(ids.size).toBe(100_000);
	});
});

describe('random streams', () => {
	it('repeat for the same parts and stay in [0, 1)', () => {
		const a = rngFor(1, 'person', 5);
		const b = rngFor(1, 'person', 5);
		const draws = Array.from({ length: 1000 }, () => a());
		expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...draws)).toBeLessThan(1);
		expect(rngFor(1, 'person', 6)()).not.toBe(rngFor(1, 'person', 5)());
	});

	it('picks by weight', () => {
		const rng = rngFor('weights');
		const picks = Array.from({ length: 10_000 }, () =>
			weightedPick(rng, ['a', 'b'], (x) => (x === 'a' ? 3 : 1))
		);
		const share = picks.filter((x) => x === 'a').length / picks.length;
		expect(share).toBeGreaterThan(0.72);
		expect(share).toBeLessThan(0.78);
	});
});

describe('names by country', () => {
	it('gives the same name for the same stream', () => {
		for (const code of ['NG', 'CN', 'EG', 'BR', 'RU', 'TO']) {
			expect(personName(spec(code), rngFor('n', code))).toEqual(
				personName(spec(code), rngFor('n', code))
			);
		}
	});

	it('writes about a third of names in the native script where there is one, the rest in Latin', () => {
		for (const code of ['CN', 'EG', 'JP', 'KR', 'RU', 'IR', 'TH', 'NP', 'BD']) {
			const rng = rngFor('script', code);
			const names = Array.from({ length: 600 }, () => personName(spec(code), rng));
			const native = names.filter((n) => n.script === 'native');
			expect(native.length / names.length, code).toBeGreaterThan(0.25);
			expect(native.length / names.length, code).toBeLessThan(0.42);
			for (const n of native) expect(n.display, code).not.toMatch(/[A-Za-z]/);
			for (const n of names.filter((x) => x.script === 'latin')) {
				expect(n.display, code).toMatch(LATIN);
			}
		}
	});

	it('uses names of the place, not one English default', () => {
		const rng = rngFor('variety');
		const names = Array.from({ length: 300 }, () => personName(spec('KE'), rng).display);
		expect(new Set(names).size).toBeGreaterThan(200);
		expect(names.every((n) => LATIN.test(n))).toBe(true);
		const given = new Set([...NAME_LISTS.eastAfrican!.female, ...NAME_LISTS.eastAfrican!.male]);
		expect(names.every((n) => given.has(n.split(' ')[0]!))).toBe(true);
		const chinese = Array.from({ length: 50 }, () => personName(spec('CN'), rng));
		// In Han characters the family name comes first, with no space.
		for (const n of chinese.filter((x) => x.script === 'native')) {
			expect(n.display).toBe(`${n.family}${n.given}`);
		}
	});

	it('gives Slavic family names their feminine form', () => {
		expect(feminine('Ivanov')).toBe('Ivanova');
		expect(feminine('Orlovsky')).toBe('Orlovskaya');
		expect(feminine('Shevchenko')).toBe('Shevchenko');
		const rng = rngFor('slavic');
		for (let i = 0; i < 100; i++) {
			const n = personName({ latin: ['cyrillic'] }, rng);
			if (n.sex === 'female') expect(n.family).not.toMatch(/(ov|ev|in)$/);
		}
	});

	it('makes ASCII e-mail local parts, or "member" when no Latin letter is left', () => {
		expect(emailLocalPart('Tomás Herrera')).toBe('tomas.herrera');
		expect(emailLocalPart("Salote Kaitu'u")).toBe('salote.kaitu.u');
		expect(emailLocalPart('王伟')).toBe('member');
		expect(emailLocalPart('Nguyễn Văn An')).toBe('nguyen.van.an');
	});
});
