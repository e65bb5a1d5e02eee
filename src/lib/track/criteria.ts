/**
 * The IGF's minimum criteria for a capacity-building session, checked on a proposal's speakers
 * and moderator: at least three confirmed speakers; among them more than one gender, more than
 * one stakeholder group and more than one region; and a moderator who is onsite. Pure, so that
 * the form checks live in the browser and the server computes the same for the page without
 * JavaScript and for screening.
 */

export type CriteriaPerson = {
	role: 'speaker' | 'moderator';
	confirmed: boolean;
	attendance: 'onsite' | 'online';
	/** Self-described; blank or missing counts as not said. */
	gender?: string | null;
	stakeholder_group?: string | null;
	region_code?: string | null;
};

export const CRITERIA = [
	'confirmed_speakers',
	'genders',
	'stakeholder_groups',
	'regions',
	'onsite_moderator'
] as const;
export type Criterion = (typeof CRITERIA)[number];

export type CriterionCheck = { criterion: Criterion; met: boolean; count: number; needed: number };

export type CriteriaResult = {
	checks: CriterionCheck[];
	/** Every criterion is met. */
	met: boolean;
	/** The confirmed speakers by stakeholder group and by region, for the diversity at a glance. */
	groups: Map<string, number>;
	regions: Map<string, number>;
};

/** The least number of confirmed speakers. */
export const MIN_CONFIRMED_SPEAKERS = 3;

const said = (value: string | null | undefined) => {
	const text = value?.trim().toLocaleLowerCase();
	return text ? text : null;
};

function tally(values: (string | null)[]) {
	const counts = new Map<string, number>();
	for (const value of values) {
		if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
	}
	return counts;
}

/** Checks the minimum criteria on a proposal's people (speakers and moderator, in any order). */
export function checkCriteria(people: readonly CriteriaPerson[]): CriteriaResult {
	const speakers = people.filter((p) => p.role === 'speaker' && p.confirmed);
	const genders = tally(speakers.map((p) => said(p.gender)));
	const groups = tally(speakers.map((p) => p.stakeholder_group || null));
	const regions = tally(speakers.map((p) => p.region_code || null));
	const onsiteModerators = people.filter(
		(p) => p.role === 'moderator' && p.attendance === 'onsite'
	).length;
	const checks: CriterionCheck[] = [
		{
			criterion: 'confirmed_speakers',
			count: speakers.length,
			needed: MIN_CONFIRMED_SPEAKERS,
			met: speakers.length >= MIN_CONFIRMED_SPEAKERS
		},
		{ criterion: 'genders', count: genders.size, needed: 2, met: genders.size >= 2 },
		{ criterion: 'stakeholder_groups', count: groups.size, needed: 2, met: groups.size >= 2 },
		{ criterion: 'regions', count: regions.size, needed: 2, met: regions.size >= 2 },
		{
			criterion: 'onsite_moderator',
			count: onsiteModerators,
			needed: 1,
			met: onsiteModerators >= 1
		}
	];
	return { checks, met: checks.every((c) => c.met), groups, regions };
}
