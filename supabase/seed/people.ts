/**
 * The parts of a demo person's profile beyond name and place: work, topics, languages, past
 * positions, what they are open to, and who may see what. Deterministic from the person's rng.
 */
import { pick, type Rng } from './names.ts';
import type { Area } from './world.ts';

type Audience = 'public' | 'members' | 'programmes' | 'private';

export type ProfileExtras = {
	current_position: string | null;
	current_organisation: string | null;
	open_to: string[];
	aggregate_consent: boolean;
	visibility: Audience;
	audiences: Record<string, Audience>;
	topics: string[];
	languages: { code: string; level: string }[];
	positions: {
		title: string;
		organisation: string;
		kind: string;
		starts_on: string;
		ends_on: string;
	}[];
};

/** Languages people of an area speak besides English, most likely first. */
const LANGUAGES_OF: Record<Area, string[]> = {
	africa: ['fr', 'sw', 'pt', 'ar', 'ha', 'yo', 'am', 'zu'],
	arab: ['ar', 'fr'],
	'asia-pacific': ['hi', 'zh', 'id', 'bn', 'ur', 'ta', 'vi', 'th', 'ja', 'ko', 'ms', 'ne'],
	pacific: ['fj', 'sm', 'to', 'fr'],
	lac: ['es', 'pt', 'fr'],
	eeca: ['ru', 'uk', 'ka', 'hy', 'kk', 'uz'],
	weog: ['fr', 'de', 'es', 'it', 'nl', 'sv']
};

/** What a stakeholder group's positions are, for the history. */
const KIND_OF_GROUP: Record<string, string[]> = {
	government: ['government', 'regulator', 'parliament'],
	'civil-society': ['civil-society'],
	'private-sector': ['private-sector'],
	'technical-community': ['technical-community', 'private-sector'],
	academia: ['academia'],
	'intergovernmental-organisation': ['intergovernmental', 'government']
};

const EARLIER_ROLES = [
	['Research assistant', 'University of Nairobi'],
	['Junior policy officer', 'Ministry of Communications'],
	['Programme officer', 'Youth Internet Governance Forum'],
	['Network engineer', 'National Research and Education Network'],
	['Legal intern', 'Data Protection Commission'],
	['Communications officer', 'Digital Rights Foundation'],
	['Consultant', 'Regional Internet Registry'],
	['Fellow', 'Centre for Internet and Society'],
	['Analyst', 'Telecommunications Regulatory Authority'],
	['Lecturer', 'School of Law']
] as const;

const OPEN_TO = ['mentoring', 'being-mentored', 'speaking', 'collaborating'];

/** A headline "Role, Organisation" or "Role at Organisation" is also their current position. */
function workOf(headline: string): [string | null, string | null] {
	const [position, organisation] = headline.split(/, | at (?:an? |the )?/);
	if (!organisation) return [null, null];
	return [position!.slice(0, 160), organisation.slice(0, 200)];
}

export function profileExtras(
	rng: Rng,
	options: { headline: string; group: string; area: Area; topics: string[]; since: Date }
): ProfileExtras {
	const [current_position, current_organisation] = workOf(options.headline);

	// Most keep the protective defaults; some open up, some close down.
	const r = rng();
	const visibility: Audience = r < 0.6 ? 'members' : r < 0.875 ? 'public' : 'private';
	const audiences: Record<string, Audience> = {};
	if (visibility === 'public' && rng() < 0.7) {
		for (const field of ['headline', 'work', 'location', 'topics', 'stakeholder']) {
			audiences[field] = 'public';
		}
	}
	if (rng() < 0.12) audiences.location = rng() < 0.5 ? 'programmes' : 'private';
	if (rng() < 0.08) audiences.bio = 'programmes';
	if (rng() < 0.1) audiences.city = 'members';
	if (rng() < 0.05) audiences.positions = 'private';
	if (rng() < 0.04) audiences.email = 'members';

	const topicCount = 1 + Math.floor(rng() * 4);
	const topics = new Set<string>();
	while (topics.size < Math.min(topicCount, options.topics.length)) {
		topics.add(pick(rng, options.topics));
	}

	const own = LANGUAGES_OF[options.area];
	const languages = [{ code: 'en', level: rng() < 0.3 ? 'native' : 'professional' }];
	if (rng() < 0.75) {
		languages.unshift({ code: own[Math.floor(rng() * rng() * own.length)]!, level: 'native' });
	}
	if (rng() < 0.2) {
		const extra = pick(rng, ['fr', 'es', 'ar', 'ru', 'zh', 'pt']);
		if (!languages.some((l) => l.code === extra)) {
			languages.push({ code: extra, level: rng() < 0.5 ? 'conversational' : 'basic' });
		}
	}
	// Native first, and one row per language.
	const seen = new Set<string>();
	const uniqueLanguages = languages.filter((l) => !seen.has(l.code) && !!seen.add(l.code));

	const positions: ProfileExtras['positions'] = [];
	const kinds = KIND_OF_GROUP[options.group] ?? ['civil-society'];
	let end = options.since.getUTCFullYear();
	// Each earlier role once, and none the same as the current one: a history that repeats a
	// line reads like a bug.
	const held = new Set([`${current_position}|${current_organisation}`]);
	for (let k = 0, n = Math.floor(rng() * 3); k < n; k++) {
		const [title, organisation] = pick(rng, EARLIER_ROLES);
		const years = 1 + Math.floor(rng() * 4);
		// Drawn whether kept or not, so that everything after draws as it always did.
		const position = {
			title,
			organisation,
			kind: pick(rng, kinds),
			starts_on: `${end - years}-0${1 + Math.floor(rng() * 9)}-01`,
			ends_on: `${end}-0${1 + Math.floor(rng() * 9)}-01`
		};
		end -= years + 1;
		if (held.has(`${title}|${organisation}`)) continue;
		held.add(`${title}|${organisation}`);
		positions.push(position);
	}

	return {
		current_position,
		current_organisation,
		open_to: OPEN_TO.filter(() => rng() < 0.25),
		aggregate_consent: rng() < 0.6,
		visibility,
		audiences,
		topics: [...topics],
		languages: uniqueLanguages,
		positions: positions.filter((p) => p.starts_on < p.ends_on)
	};
}

/** The demo accounts' topics and languages' area, and what they are open to. */
export const DEMO_EXTRAS: Record<string, { area: Area; topics: string[]; openTo: string[] }> = {
	'amina@example.org': {
		area: 'africa',
		topics: ['privacy-and-data-protection', 'digital-inclusion', 'womens-rights-online'],
		openTo: ['mentoring', 'speaking']
	},
	'tomas@example.org': {
		area: 'lac',
		topics: ['capacity-development', 'freedom-of-expression', 'online-education'],
		openTo: ['mentoring', 'collaborating']
	},
	'priya@example.org': {
		area: 'asia-pacific',
		topics: ['domain-name-system', 'ip-numbers-and-ipv6', 'multilingualism'],
		openTo: ['speaking', 'collaborating']
	},
	'kwame@example.org': {
		area: 'africa',
		topics: ['cybercrime', 'confidence-building-measures', 'digital-government'],
		openTo: ['being-mentored']
	},
	'leilani@example.org': {
		area: 'pacific',
		topics: ['digital-inclusion', 'telecommunications-infrastructure'],
		openTo: ['collaborating']
	}
};
