/**
 * A saved proposal as the proposal form's fields (the names the form posts), and those fields as
 * the minimum criteria's people: the server fills the form and checks the criteria from the
 * same shape that the browser reads live from the form.
 */
import type { Proposal } from '$lib/server/db/track';
import type { CriteriaPerson } from '$lib/track/criteria';

export type FormValues = Record<string, string | string[]>;

export function proposalValues(p: Proposal): FormValues {
	const speakers = p.speakers.filter((s) => s.role === 'speaker');
	const moderator = p.speakers.find((s) => s.role === 'moderator');
	const column = (pick: (s: Proposal['speakers'][number]) => string) => speakers.map(pick);
	return {
		title: p.title,
		format: p.format ?? '',
		duration_minutes: p.duration_minutes === null ? '' : String(p.duration_minutes),
		policy_questions: p.policy_questions ?? '',
		description: p.description ?? '',
		expected_outcomes: p.expected_outcomes ?? '',
		interaction: p.interaction ?? '',
		target_audience: p.target_audience ?? '',
		languages: p.languages,
		topics: p.topics,
		co_proposers: p.co_proposers.map((c) => c.handle ?? '').filter(Boolean),
		speaker_name: column((s) => s.name),
		speaker_organisation: column((s) => s.organisation ?? ''),
		speaker_group: column((s) => s.stakeholder_group ?? ''),
		speaker_region: column((s) => s.region_code ?? ''),
		speaker_gender: column((s) => s.gender ?? ''),
		speaker_attendance: column((s) => s.attendance),
		speaker_confirmed: column((s) => (s.confirmed ? 'yes' : 'no')),
		moderator_name: moderator?.name ?? '',
		moderator_organisation: moderator?.organisation ?? '',
		moderator_group: moderator?.stakeholder_group ?? '',
		moderator_region: moderator?.region_code ?? '',
		moderator_gender: moderator?.gender ?? '',
		moderator_attendance: moderator?.attendance ?? 'onsite',
		moderator_confirmed: moderator?.confirmed ? 'yes' : 'no'
	};
}

const all = (values: FormValues, key: string): string[] => {
	const value = values[key];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const one = (values: FormValues, key: string) => all(values, key)[0] ?? '';

/** The people of the form's fields (rows without a name are empty rows), for the criteria. */
export function criteriaPeople(values: FormValues): CriteriaPerson[] {
	const names = all(values, 'speaker_name');
	const people: CriteriaPerson[] = names.flatMap((name, i) =>
		name.trim()
			? [
					{
						role: 'speaker' as const,
						confirmed: all(values, 'speaker_confirmed')[i] === 'yes',
						attendance: all(values, 'speaker_attendance')[i] === 'online' ? 'online' : 'onsite',
						gender: all(values, 'speaker_gender')[i] ?? null,
						stakeholder_group: all(values, 'speaker_group')[i] ?? null,
						region_code: all(values, 'speaker_region')[i] ?? null
					}
				]
			: []
	);
	if (one(values, 'moderator_name').trim()) {
		people.push({
			role: 'moderator',
			confirmed: one(values, 'moderator_confirmed') === 'yes',
			attendance: one(values, 'moderator_attendance') === 'online' ? 'online' : 'onsite'
		});
	}
	return people;
}

/** A form's fields as FormValues (repeated names as arrays), in the browser. */
export function valuesOf(form: HTMLFormElement): FormValues {
	const data = new FormData(form);
	const values: FormValues = {};
	for (const key of new Set(data.keys())) {
		const list = data.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] =
			key.startsWith('speaker_') || key === 'languages' || key === 'topics'
				? list
				: (list[0] ?? '');
	}
	return values;
}
