import { describe, expect, it } from 'vitest';
import { checkCriteria, type CriteriaPerson, type Criterion } from '$lib/track/criteria';

const speaker = (values: Partial<CriteriaPerson> = {}): CriteriaPerson => ({
	role: 'speaker',
	confirmed: true,
	attendance: 'onsite',
	gender: 'woman',
	stakeholder_group: 'academia',
	region_code: '019',
	...values
});
const moderator = (values: Partial<CriteriaPerson> = {}) =>
	speaker({ role: 'moderator', ...values });

/** Three confirmed, diverse speakers and an onsite moderator: every criterion met. */
const GOOD = [
	speaker({ gender: 'woman', stakeholder_group: 'academia', region_code: '019' }),
	speaker({ gender: 'man', stakeholder_group: 'government', region_code: '002' }),
	speaker({ gender: 'non-binary', stakeholder_group: 'civil-society', region_code: '142' }),
	moderator({ attendance: 'onsite' })
];

const unmet = (people: CriteriaPerson[]) =>
	checkCriteria(people)
		.checks.filter((c) => !c.met)
		.map((c) => c.criterion);

describe('the minimum criteria', () => {
	it('a proposal with three confirmed, diverse speakers and an onsite moderator meets them all', () => {
		const result = checkCriteria(GOOD);
		expect(result.met).toBe(true);
		expect(unmet(GOOD)).toEqual([]);
	});

	it('nobody yet: every criterion unmet, with its counts', () => {
		const result = checkCriteria([]);
		expect(result.met).toBe(false);
		expect(result.checks).toEqual([
			{ criterion: 'confirmed_speakers', count: 0, needed: 3, met: false },
			{ criterion: 'genders', count: 0, needed: 2, met: false },
			{ criterion: 'stakeholder_groups', count: 0, needed: 2, met: false },
			{ criterion: 'regions', count: 0, needed: 2, met: false },
			{ criterion: 'onsite_moderator', count: 0, needed: 1, met: false }
		]);
	});

	it.each<[string, CriteriaPerson[], Criterion[]]>([
		[
			'an unconfirmed speaker does not count',
			[GOOD[0]!, GOOD[1]!, { ...GOOD[2]!, confirmed: false }, GOOD[3]!],
			['confirmed_speakers']
		],
		[
			'the moderator is not a speaker',
			[GOOD[0]!, GOOD[1]!, moderator({ gender: 'x' }), moderator()],
			['confirmed_speakers']
		],
		[
			'one gender, written differently, is one gender',
			[
				speaker({ gender: 'Woman' }),
				speaker({ gender: ' woman ', stakeholder_group: 'government', region_code: '002' }),
				speaker({ gender: 'WOMAN' }),
				moderator()
			],
			['genders']
		],
		[
			'a gender not said does not count as a second',
			[
				speaker({ gender: 'woman' }),
				speaker({ gender: '', stakeholder_group: 'government', region_code: '002' }),
				speaker({ gender: null }),
				moderator()
			],
			['genders']
		],
		[
			'one stakeholder group',
			GOOD.map((p) => ({ ...p, stakeholder_group: 'academia' })),
			['stakeholder_groups']
		],
		['one region', GOOD.map((p) => ({ ...p, region_code: '150' })), ['regions']],
		[
			'an online moderator',
			[...GOOD.slice(0, 3), moderator({ attendance: 'online' })],
			['onsite_moderator']
		],
		['no moderator', GOOD.slice(0, 3), ['onsite_moderator']],
		[
			'an online speaker counts',
			[...GOOD.slice(0, 2), { ...GOOD[2]!, attendance: 'online' }, GOOD[3]!],
			[]
		],
		[
			'unconfirmed diversity does not count',
			[GOOD[0]!, { ...GOOD[0]! }, { ...GOOD[0]! }, { ...GOOD[1]!, confirmed: false }, GOOD[3]!],
			['genders', 'stakeholder_groups', 'regions']
		]
	])('%s', (_, people, expected) => {
		expect(unmet(people)).toEqual(expected);
		expect(checkCriteria(people).met).toBe(expected.length === 0);
	});

	it('counts the confirmed speakers by group and region, for the diversity at a glance', () => {
		const result = checkCriteria([
			...GOOD,
			speaker({ stakeholder_group: 'academia', region_code: '002' })
		]);
		expect(Object.fromEntries(result.groups)).toEqual({
			academia: 2,
			government: 1,
			'civil-society': 1
		});
		expect(Object.fromEntries(result.regions)).toEqual({ '019': 1, '002': 2, '142': 1 });
	});
});
