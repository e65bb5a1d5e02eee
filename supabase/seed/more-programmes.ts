/**
 * A larger compendium (`--programmes N`): the world's own programmes, then generated ones up to N,
 * so that the compendium's search and facet counts can be measured at the size of a federation.
 *
 * Generated programmes read like the real ones (a kind, a place or an audience, a subject), belong
 * to the world's organisations, carry every facet (topics, target groups, languages, regions,
 * countries, components, cost, an application window for some) and a few cohorts each, one of them
 * upcoming for most. Deterministic: programme i is the same whatever N.
 */
import type { TransactionSql } from 'postgres';
import { pick, rngFor, uuidFor, type Rng } from './names.ts';
import { REFERENCE_DATE } from './world.ts';

const KINDS = [
	['school-of-internet-governance', 'School of Internet Governance'],
	['course', 'Course on'],
	['fellowship', 'Fellowship in'],
	['diploma', 'Diploma in'],
	['ambassador-scheme', 'Youth Ambassadors for']
] as const;
const SUBJECTS = [
	'Digital Policy',
	'Cybersecurity Policy',
	'Data Governance',
	'Internet Infrastructure',
	'Digital Rights',
	'AI Governance',
	'Meaningful Access',
	'Online Safety',
	'Digital Trade',
	'Multistakeholder Diplomacy',
	'Community Networks',
	'Platform Regulation'
];
const COMPONENTS = [
	'online-learning',
	'in-situ-learning',
	'coaching-tutoring',
	'training-for-trainers',
	'policy-immersion',
	'research',
	'peer-evaluation',
	'community-building'
];
const FORMATS = ['online', 'in-situ', 'blended'] as const;
const LEVELS = ['introductory', 'intermediate', 'advanced'] as const;
const SCOPES = ['local', 'national', 'regional', 'global'] as const;
const LANGUAGES = ['en', 'en', 'en', 'fr', 'fr', 'es', 'es', 'ar', 'ru', 'zh', 'pt', 'sw'];
const CURRENCIES = ['EUR', 'USD', 'CHF', 'KES', 'INR'];
const DAY = 86_400_000;
/** Programmes per round: their cohorts (up to four each, 8 columns) stay under 65,535 parameters. */
const CHUNK = 1000;

type Taxonomy = {
	organisations: { id: string; name: string }[];
	topics: string[];
	audiences: string[];
	regions: { code: string; name: string }[];
	countries: { code: string; name: string; region: string | null }[];
	languages: Set<string>;
};

/** Adds generated programmes until the compendium holds `total`; returns how many it added. */
export async function insertMoreProgrammes(
	tx: TransactionSql,
	seed: number,
	total: number
): Promise<{ programmes: number; cohorts: number }> {
	const [{ have } = { have: 0 }] = await tx<{ have: number }[]>`
		select count(*)::int as have from public.programmes
	`;
	const generated = await tx<{ n: number }[]>`
		select count(*)::int as n from public.programmes where slug like 'compendium-%'
	`;
	const start = generated[0]?.n ?? 0;
	const wanted = total - have;
	if (wanted <= 0) return { programmes: 0, cohorts: 0 };
	const taxonomy = await loadTaxonomy(tx);
	const counts = { programmes: 0, cohorts: 0 };
	for (let from = start; from < start + wanted; from += CHUNK) {
		const to = Math.min(start + wanted, from + CHUNK);
		const made = Array.from({ length: to - from }, (_, k) => programme(seed, taxonomy, from + k));
		counts.programmes += await insert(
			tx,
			'public.programmes',
			made.map((p) => p.row)
		);
		counts.cohorts += await insert(
			tx,
			'public.cohorts',
			made.flatMap((p) => p.cohorts)
		);
		for (const table of [
			'public.programme_topics',
			'public.programme_target_groups',
			'public.programme_languages',
			'public.programme_regions',
			'public.programme_countries'
		] as const) {
			await insert(
				tx,
				table,
				made.flatMap((p): Record<string, unknown>[] => p.facets[table])
			);
		}
	}
	return counts;
}

async function loadTaxonomy(tx: TransactionSql): Promise<Taxonomy> {
	const [organisations, topics, audiences, regions, countries, languages] = await Promise.all([
		tx<{ id: string; name: string }[]>`select id, name from public.organisations order by slug`,
		tx<
			{ slug: string }[]
		>`select slug from public.topics where parent_slug is not null order by slug`,
		tx<{ slug: string }[]>`select slug from public.target_groups order by slug`,
		tx<{ code: string; name: string }[]>`
			select code, name from public.regions where code in (select distinct sub_region_code from public.countries)
			order by code`,
		tx<{ code: string; name: string; region: string | null }[]>`
			select code, name, sub_region_code as region from public.countries order by code`,
		tx<{ code: string }[]>`select code from public.languages`
	]);
	return {
		organisations,
		topics: topics.map((t) => t.slug),
		audiences: audiences.map((a) => a.slug),
		regions,
		countries,
		languages: new Set(languages.map((l) => l.code))
	};
}

function some<T>(rng: Rng, items: readonly T[], from: number, to: number): T[] {
	const n = from + Math.floor(rng() * (to - from + 1));
	const chosen = new Set<T>();
	while (chosen.size < Math.min(n, items.length)) chosen.add(pick(rng, items));
	return [...chosen];
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function programme(seed: number, t: Taxonomy, index: number) {
	const rng = rngFor(seed, 'compendium', index);
	const id = uuidFor('programme', 'compendium', index);
	const [kind, kindWords] = pick(rng, KINDS);
	const subject = pick(rng, SUBJECTS);
	const scope = pick(rng, SCOPES);
	const country = pick(rng, t.countries);
	const region = t.regions.find((r) => r.code === country.region) ?? pick(rng, t.regions);
	const where =
		scope === 'global'
			? ''
			: scope === 'regional'
				? `${region.name} `
				: scope === 'national'
					? `${country.name} `
					: `${country.name} City `;
	const name =
		kind === 'school-of-internet-governance'
			? `${where}School of Internet Governance ${1 + (index % 97)}`
			: `${where}${kindWords} ${subject} ${1 + (index % 97)}`.trim();
	const format = pick(rng, FORMATS);
	const level = pick(rng, LEVELS);
	const fee = rng() < 0.35;
	const firstYear = 2008 + Math.floor(rng() * 18);
	const weeks = kind === 'diploma' ? 30 + Math.floor(rng() * 20) : 2 + Math.floor(rng() * 14);
	// A third take applications around the demo world's "today".
	const opens = rng() < 0.3 ? REFERENCE_DATE.getTime() - rng() * 60 * DAY : null;
	const languages = some(rng, LANGUAGES, 1, 2).filter((l) => t.languages.has(l));
	const topics = some(rng, t.topics, 2, 6);
	const audiences = some(rng, t.audiences, 1, 3);
	const cohorts = Array.from({ length: 1 + Math.floor(rng() * 4) }, (_, k) => {
		// The last edition of most is still to come.
		const startsOn = REFERENCE_DATE.getTime() + (rng() < 0.7 ? 30 : -30) * DAY - k * 365 * DAY;
		return {
			id: uuidFor('cohort', 'compendium', index, k),
			programme_id: id,
			edition: String(new Date(startsOn).getUTCFullYear()),
			starts_on: iso(startsOn),
			ends_on: iso(startsOn + (weeks * 7 - 1) * DAY),
			place: null,
			country_code: null,
			online: format === 'online'
		};
	});
	return {
		row: {
			id,
			slug: `compendium-${index + 1}`,
			organisation_id: pick(rng, t.organisations).id,
			name: name.slice(0, 200),
			kind,
			summary: `A ${level} ${format === 'in-situ' ? 'in-person' : format} programme on ${subject.toLowerCase()} for ${scope === 'global' ? 'people from anywhere' : `people from ${scope === 'regional' ? region.name : country.name}`}, from every stakeholder group.`,
			description: `${name} brings together newcomers and practitioners to follow the discussions on ${subject.toLowerCase()} that matter to them, with peers from other stakeholder groups.`,
			text_language: 'en',
			format,
			level,
			scope,
			website: `https://compendium-${index + 1}.example.org`,
			status: rng() < 0.85 ? 'active' : rng() < 0.5 ? 'paused' : 'closed',
			first_year: firstYear,
			components: some(rng, COMPONENTS, 1, 4),
			duration_weeks: weeks,
			hours_per_week: 2 + Math.floor(rng() * 10),
			cost: fee ? 'fee' : 'free',
			fee_amount: fee ? 100 * (1 + Math.floor(rng() * 40)) : null,
			fee_currency: fee ? pick(rng, CURRENCIES) : null,
			fellowships_available: rng() < 0.3,
			fellowship_notes: null,
			applications_open_on: opens ? iso(opens) : null,
			applications_close_on: opens ? iso(opens + (30 + rng() * 60) * DAY) : null
		},
		cohorts: cohorts.filter((c, k) => cohorts.findIndex((d) => d.edition === c.edition) === k),
		facets: {
			'public.programme_topics': topics.map((topic_slug) => ({ programme_id: id, topic_slug })),
			'public.programme_target_groups': audiences.map((target_group_slug) => ({
				programme_id: id,
				target_group_slug
			})),
			'public.programme_languages': languages.map((language_code) => ({
				programme_id: id,
				language_code
			})),
			'public.programme_regions':
				scope === 'regional' ? [{ programme_id: id, region_code: region.code }] : [],
			'public.programme_countries':
				scope === 'national' || scope === 'local'
					? [{ programme_id: id, country_code: country.code }]
					: []
		}
	};
}

async function insert(tx: TransactionSql, table: string, rows: Record<string, unknown>[]) {
	if (!rows.length) return 0;
	const inserted = await tx`
		insert into ${tx(table)} ${tx(rows as Record<string, never>[])} on conflict do nothing returning 1
	`;
	return inserted.length;
}
