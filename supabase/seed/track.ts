/**
 * The demo world's capacity-building track: this year's cycle, "IGF 2027", in its review phase
 * (the call closed four weeks before the demo was loaded, screening followed, reviewing opened two
 * weeks ago and closes in two), with fifteen proposals by people of the demo world — most
 * submitted, one withdrawn, one never submitted, several with co-proposers — each with speakers
 * and a moderator, and Tomás's own draft, left with two speakers when the call closed. The IGF's
 * default rubric (the database gives it to every new cycle), its diversity criterion reported
 * apart from the total; ten reviewers, three per proposal,
 * most of whose reviews are submitted, some drafts, in several languages. Written by the service
 * (the database owner); ids derive from the seed, so loading again adds nothing.
 */
import type { TransactionSql } from 'postgres';
import { insertDecisions } from './track-decisions.ts';
import { assignReviewers } from '../../src/lib/track/assignment.ts';
import { pick, rngFor, uuidFor } from './names.ts';

export const TRACK_CYCLE = 'igf-2027';

/** The proposal Priya has not started reviewing (the pages' walk and the review journey open it). */
export const TRACK_REVIEWED = 0;

/** The proposal one of whose reviewers scores against the others (the ranking flags it). */
export const TRACK_DISAGREED = 1;

/** The seed the demo world is loaded with unless told otherwise (seed.ts's DEFAULT_SEED). */
const DEMO_SEED = 20261122;

/** The id of a demo proposal: its place in the list, or 'tomas' for Tomás's draft. */
export const trackProposalId = (key: number | 'tomas', seed = DEMO_SEED) =>
	uuidFor(seed, 'track-proposal', key);

type Spec = {
	title: string;
	format: 'workshop' | 'roundtable' | 'lightning-talk' | 'open-forum' | 'training';
	duration: number;
	topics: string[];
	languages: string[];
	question: string;
	status?: 'submitted' | 'draft' | 'withdrawn';
};

const PROPOSALS: Spec[] = [
	{
		title: 'From school to policy: alumni of regional schools in national IGFs',
		format: 'roundtable',
		duration: 90,
		topics: ['capacity-development'],
		languages: ['en', 'fr'],
		question:
			'How do alumni of schools of Internet governance take part in their national IGF once the course is over?'
	},
	{
		title: 'Community networks and the last mile',
		format: 'workshop',
		duration: 90,
		topics: ['internet-access', 'digital-divide'],
		languages: ['en', 'es'],
		question: 'What licensing and spectrum rules let community networks reach rural areas?'
	},
	{
		title: 'Teaching AI governance to diplomats in three days',
		format: 'training',
		duration: 60,
		topics: ['artificial-intelligence'],
		languages: ['en'],
		question: 'What must a diplomat know about AI to negotiate on it?'
	},
	{
		title: 'Data protection authorities in Africa: a peer-learning model',
		format: 'workshop',
		duration: 90,
		topics: ['privacy-and-data-protection'],
		languages: ['en', 'fr'],
		question: 'How can new data protection authorities learn from established ones?'
	},
	{
		title: 'Cyber norms for small island states',
		format: 'roundtable',
		duration: 60,
		topics: ['confidence-building-measures'],
		languages: ['en'],
		question: 'How do small island developing states shape the UN cyber norms process?'
	},
	{
		title: 'Multilingual domain names: a hands-on lab',
		format: 'training',
		duration: 90,
		topics: ['domain-name-system', 'multilingualism'],
		languages: ['ar', 'en'],
		question: 'What stops universal acceptance of internationalised domain names?'
	},
	{
		title: 'Youth IGF ambassadors: what lasts after the fellowship',
		format: 'open-forum',
		duration: 60,
		topics: ['capacity-development'],
		languages: ['es', 'en'],
		question: 'How do fellowship programmes keep their alumni engaged?'
	},
	{
		title: 'Five minutes on digital public infrastructure',
		format: 'lightning-talk',
		duration: 15,
		topics: ['digital-public-infrastructure'],
		languages: ['en'],
		question: 'What is digital public infrastructure, and who governs it?'
	},
	{
		title: 'Content moderation laws and the Global South',
		format: 'workshop',
		duration: 90,
		topics: ['content-moderation-law', 'freedom-of-expression'],
		languages: ['en', 'ru'],
		question: 'How do new platform laws affect freedom of expression in developing countries?'
	},
	{
		title: 'Measuring the impact of capacity building',
		format: 'roundtable',
		duration: 60,
		topics: ['capacity-development'],
		languages: ['en'],
		question: 'Which indicators show that a course changed policy?'
	},
	{
		title: 'IPv6 deployment clinics for small operators',
		format: 'training',
		duration: 60,
		topics: ['ip-numbers-and-ipv6'],
		languages: ['en', 'zh'],
		question: 'What keeps small operators on IPv4?'
	},
	{
		title: 'Women in Internet governance: mentoring that works',
		format: 'workshop',
		duration: 90,
		topics: ['womens-rights-online'],
		languages: ['en', 'ar', 'fr'],
		question: 'How do mentoring schemes bring more women into multistakeholder processes?',
		status: 'withdrawn'
	},
	{
		title: 'E-waste and the right to repair',
		format: 'lightning-talk',
		duration: 15,
		topics: ['environment-and-e-waste'],
		languages: ['en'],
		question: 'How can repair policies cut e-waste?'
	},
	{
		title: 'Digital identity in humanitarian settings',
		format: 'roundtable',
		duration: 60,
		topics: ['digital-identity'],
		languages: ['en', 'fr'],
		question: 'Who controls the identity data of refugees?',
		status: 'draft'
	},
	{
		title: 'Open forum of the Pacific schools of Internet governance',
		format: 'open-forum',
		duration: 60,
		topics: ['capacity-development', 'digital-inclusion'],
		languages: ['en'],
		question: 'How can Pacific schools share trainers and materials?'
	}
];

const GROUPS = [
	'government',
	'civil-society',
	'private-sector',
	'technical-community',
	'academia',
	'intergovernmental-organisation'
];
const REGIONS = ['002', '009', '019', '142', '150'];
const GENDERS = ['woman', 'man', 'woman', 'man', 'non-binary', null];
const ORGS = [
	'University of Ghana',
	'Internet Society',
	'Ministry of ICT',
	'APNIC',
	'Access Now',
	'ITU',
	'LACNIC',
	'Derechos Digitales',
	'Research ICT Africa',
	'CIS India'
];

export async function insertTrack(tx: TransactionSql, seed: number): Promise<number> {
	const already = await tx`select 1 from public.track_cycles where slug = ${TRACK_CYCLE}`;
	if (already.length) return 0;
	const cycleId = uuidFor(seed, 'track-cycle', TRACK_CYCLE);
	const day = 24 * 3600_000;
	// The call closed at 23:59 in Nairobi on a day four weeks ago; the later phases follow it, so
	// the review phase opened two weeks ago and closes in two. (Nairobi is UTC+3 all year.)
	const closes = new Date(
		Math.floor((Date.now() - 28 * day) / day) * day + day - 60_000 - 3 * 3600_000
	);
	const opened = new Date(closes.getTime() - 70 * day);
	const after = (days: number) => new Date(closes.getTime() + days * day);
	await tx`
		insert into public.track_cycles (id, slug, title, description, venue, time_zone)
		values (${cycleId}, ${TRACK_CYCLE}, 'IGF 2027 capacity-building track',
		        ${'The capacity-building track of the 2027 Internet Governance Forum: sessions by and for the trainers, alumni and coordinators of capacity-building programmes. Proposals must meet the minimum criteria: at least three confirmed speakers of more than one gender, stakeholder group and region, and an onsite moderator.'},
		        'Nairobi, Kenya', 'Africa/Nairobi')
	`;
	// Diversity reported apart from the total, as some years' committees read it.
	await tx`
		update public.track_criteria set independent = true
		where cycle_id = ${cycleId} and name = 'Diversity'
	`;
	// Every row with every flag: postgres.js takes the columns of the first row.
	const flags = {
		proposers_may_edit: false,
		reviewers_may_review: false,
		reviewers_see_reviews: false,
		proposers_see_reviews: false
	};
	await tx`
		insert into public.track_phases ${tx(
			[
				{
					cycle_id: cycleId,
					kind: 'call',
					starts_at: opened,
					ends_at: closes,
					proposers_may_edit: true
				},
				{
					cycle_id: cycleId,
					kind: 'screening',
					starts_at: closes,
					ends_at: after(14),
					proposers_may_edit: false
				},
				{
					cycle_id: cycleId,
					kind: 'review',
					starts_at: after(14),
					ends_at: after(42),
					proposers_may_edit: false,
					reviewers_may_review: true,
					reviewers_see_reviews: true
				},
				{
					cycle_id: cycleId,
					kind: 'decisions',
					starts_at: after(42),
					ends_at: after(56),
					proposers_may_edit: false,
					proposers_see_reviews: true
				},
				{
					cycle_id: cycleId,
					kind: 'timetable',
					starts_at: after(56),
					ends_at: after(150),
					proposers_may_edit: false,
					proposers_see_reviews: true
				}
			].map((phase) => ({ ...flags, ...phase }))
		)}
	`;
	const people = await tx<{ id: string; display_name: string }[]>`
		select p.id, p.display_name from public.profiles p join auth.users u on u.id = p.id
		where u.email not like '%@example.org' order by p.id limit 200
	`;
	const demo = new Map(
		(
			await tx<
				{ id: string; email: string }[]
			>`select id, email from auth.users where email like '%@example.org'`
		).map((r) => [r.email, r.id])
	);
	const proposals = [];
	const coProposers = [];
	const speakers = [];
	const genders = [];
	for (const [i, spec] of PROPOSALS.entries()) {
		const rng = rngFor(seed, 'track-proposal', i);
		const proposer = people[(i * 13) % people.length]!;
		const id = trackProposalId(i, seed);
		const status = spec.status ?? 'submitted';
		const created = new Date(opened.getTime() + (i + 1) * day);
		proposals.push({
			id,
			cycle_id: cycleId,
			proposer_id: proposer.id,
			title: spec.title,
			format: spec.format,
			duration_minutes: spec.duration,
			policy_questions: spec.question,
			description: `${spec.question} This ${spec.format.replace('-', ' ')} brings together people who teach, learn and make policy on it, from several regions and stakeholder groups, to compare what worked in their programmes and what did not.`,
			expected_outcomes:
				'A short report with recommendations, shared with the programmes of the network and the IGF Secretariat.',
			interaction:
				'Onsite participants work in small groups; online participants join through the chat and a shared document that the online moderator reads out.',
			target_audience:
				'Trainers, coordinators and alumni of capacity-building programmes, and the policy makers they work with.',
			languages: spec.languages,
			topics: spec.topics,
			programmes: [],
			status,
			submitted_at: status === 'draft' ? null : created,
			withdrawn_at: status === 'withdrawn' ? new Date(created.getTime() + 5 * day) : null,
			created_at: created,
			updated_at: created
		});
		if (i % 3 === 0) {
			coProposers.push({
				proposal_id: id,
				profile_id: people[(i * 13 + 7) % people.length]!.id,
				status: 'accepted',
				invited_by: proposer.id,
				created_at: created,
				decided_at: new Date(created.getTime() + day)
			});
		}
		// Most meet the minimum criteria; every fifth has only two confirmed speakers.
		const count = 3 + (i % 3);
		for (let s = 0; s < count; s++) {
			const sid = uuidFor(seed, 'track-speaker', i, s);
			speakers.push({
				id: sid,
				proposal_id: id,
				role: 'speaker',
				position: s,
				name: people[(i * 17 + s * 5 + 3) % people.length]!.display_name,
				organisation: pick(rng, ORGS),
				stakeholder_group: GROUPS[(i + s * 2) % GROUPS.length]!,
				region_code: REGIONS[(i + s) % REGIONS.length]!,
				attendance: s === 2 ? 'online' : 'onsite',
				confirmed: !(i % 5 === 4 && s === 0)
			});
			const gender = GENDERS[(i + s) % GENDERS.length];
			if (gender) genders.push({ speaker_id: sid, gender });
		}
		speakers.push({
			id: uuidFor(seed, 'track-speaker', i, 'moderator'),
			proposal_id: id,
			role: 'moderator',
			position: count,
			name: people[(i * 19 + 11) % people.length]!.display_name,
			organisation: pick(rng, ORGS),
			stakeholder_group: pick(rng, GROUPS),
			region_code: pick(rng, REGIONS),
			attendance: i % 4 === 3 ? 'online' : 'onsite',
			confirmed: true
		});
	}
	// Tomás's draft: two speakers so far, no moderator yet.
	const tomas = demo.get('tomas@example.org');
	if (tomas) {
		const id = trackProposalId('tomas', seed);
		proposals.push({
			id,
			cycle_id: cycleId,
			proposer_id: tomas,
			title: 'Teaching Internet governance with case studies from Latin America',
			format: 'workshop',
			duration_minutes: 90,
			policy_questions: 'Which Latin American cases best teach multistakeholder policy making?',
			description: null,
			expected_outcomes: null,
			interaction: null,
			target_audience: null,
			languages: ['es', 'en'],
			topics: ['capacity-development'],
			programmes: [],
			status: 'draft',
			submitted_at: null,
			withdrawn_at: null,
			created_at: new Date(closes.getTime() - 4 * day),
			updated_at: new Date(closes.getTime() - 2 * day)
		});
		for (const [s, name] of ['Valentina Ríos', 'João Pereira'].entries()) {
			speakers.push({
				id: uuidFor(seed, 'track-speaker', 'tomas', s),
				proposal_id: id,
				role: 'speaker',
				position: s,
				name,
				organisation: s === 0 ? 'Universidad de Chile' : 'NIC.br',
				stakeholder_group: s === 0 ? 'academia' : 'technical-community',
				region_code: '019',
				attendance: 'onsite',
				confirmed: s === 0
			});
		}
	}
	await tx`insert into public.track_proposals ${tx(proposals)}`;
	if (coProposers.length) await tx`insert into public.track_co_proposers ${tx(coProposers)}`;
	await tx`insert into public.track_speakers ${tx(speakers)}`;
	if (genders.length) await tx`insert into public.track_speaker_genders ${tx(genders)}`;
	// Reviewers: Priya and Kwame accepted, with their topics, eight more from the world; Amina is
	// asked and has not answered (her notification says so). Kwame declared one conflict.
	const reviewers = [
		{
			email: 'priya@example.org',
			status: 'accepted',
			topics: ['capacity-development', 'digital-divide']
		},
		{
			email: 'kwame@example.org',
			status: 'accepted',
			topics: ['cybersecurity', 'internet-access']
		},
		{ email: 'amina@example.org', status: 'invited', topics: [] }
	]
		.filter((r) => demo.has(r.email))
		.map((r) => ({
			cycle_id: cycleId,
			profile_id: demo.get(r.email)!,
			status: r.status,
			topics: r.topics
		}));
	for (const person of people.slice(150, 158)) {
		reviewers.push({ cycle_id: cycleId, profile_id: person.id, status: 'accepted', topics: [] });
	}
	const admin = demo.get('leilani@example.org') ?? null;
	await tx`
		insert into public.track_reviewers ${tx(reviewers.map((r) => ({ ...r, invited_by: admin, decided_at: r.status === 'invited' ? null : opened })))}
		on conflict do nothing
	`;
	const kwame = demo.get('kwame@example.org');
	if (kwame) {
		await tx`
			insert into public.track_conflicts (proposal_id, reviewer_id, reason)
			values (${trackProposalId(3, seed)}, ${kwame}, 'I advise one of its speakers.')
		`;
	}
	// The automatic assignment, as an admin would run it: three reviewers per submitted proposal.
	const pool = reviewers.filter((r) => r.status === 'accepted');
	const submitted = proposals.filter((p) => p.status === 'submitted');
	const conflicts = await tx<{ reviewer_id: string; proposal_id: string }[]>`
		select r.profile_id as reviewer_id, p.id as proposal_id
		from public.track_reviewers r join public.track_proposals p on p.cycle_id = r.cycle_id
		where r.cycle_id = ${cycleId} and private.track_has_conflict(r.profile_id, p.id)
	`;
	// Priya reviews the first proposal (the pages' walk opens her review of it).
	const priya = demo.get('priya@example.org');
	const priyaFirst = trackProposalId(TRACK_REVIEWED, seed);
	const keep =
		priya && !conflicts.some((c) => c.reviewer_id === priya && c.proposal_id === priyaFirst)
			? [[priya, priyaFirst] as const]
			: [];
	const assignment = assignReviewers({
		proposals: submitted.map((p) => ({ id: p.id, topics: p.topics })),
		reviewers: pool.map((r) => ({ id: r.profile_id, topics: r.topics })),
		perProposal: 3,
		conflicts: conflicts.map((c) => [c.reviewer_id, c.proposal_id] as const),
		keep
	});
	// Priya's first is by an admin's hand: a re-run of the assignment keeps it.
	const assigned = [...assignment.byProposal].flatMap(([proposal_id, ids]) =>
		ids.map((reviewer_id) => ({
			proposal_id,
			reviewer_id,
			by_hand: keep.some(([r, p]) => r === reviewer_id && p === proposal_id),
			assigned_by: admin
		}))
	);
	if (assigned.length) await tx`insert into public.track_assignments ${tx(assigned)}`;
	await insertReviews(tx, seed, cycleId, after(14), assigned, {
		priya: priya ?? null,
		priyaFirst,
		kwame: kwame ?? null
	});
	return proposals.length;
}

const COMMENTS: { proposers: string; committee: string }[][] = [
	// English
	[
		{
			proposers:
				'A clear, well-scoped policy question. Consider giving online participants a speaking role, not only the chat.',
			committee: 'Strong proposal; the speakers are well chosen. I would accept it.'
		},
		{
			proposers:
				'The topic matters to the track, but the description reads like a panel. How will participants interact?',
			committee: 'Interesting, but the format is weak. Could be merged with a similar roundtable.'
		},
		{
			proposers: 'Good diversity of speakers. The expected outcomes could be more concrete.',
			committee: 'Solid, not outstanding.'
		}
	],
	// French
	[
		{
			proposers:
				'Une question de politique publique pertinente. Précisez comment les participants en ligne prendront la parole.',
			committee: 'Bonne proposition, mais deux intervenants viennent de la même organisation.'
		},
		{
			proposers: 'Le format atelier convient bien. Les résultats attendus sont clairs et utiles.',
			committee: 'À retenir en priorité.'
		}
	],
	// Spanish
	[
		{
			proposers:
				'La propuesta es relevante para la región. Sería bueno incluir más voces del sector privado.',
			committee: 'Buena propuesta; falta equilibrio entre grupos de interés.'
		},
		{
			proposers: 'Muy buena interacción prevista con el público en línea y presencial.',
			committee: 'Recomiendo aceptarla.'
		}
	],
	// Arabic
	[
		{
			proposers: 'سؤال السياسات واضح ومهم. نقترح توضيح كيفية مشاركة الحضور عبر الإنترنت.',
			committee: 'مقترح جيد، لكن المخرجات المتوقعة عامة بعض الشيء.'
		}
	]
];

/**
 * The reviews of the demo cycle: most assigned reviewers submitted theirs, some kept a draft, a
 * few have not started; Priya has one submitted, one draft and the first proposal not started;
 * scores vary around each proposal's quality, except one reviewer of TRACK_DISAGREED who scores
 * it the other way round; comments in English, French, Spanish and Arabic.
 */
async function insertReviews(
	tx: TransactionSql,
	seed: number,
	cycleId: string,
	reviewOpened: Date,
	assigned: { proposal_id: string; reviewer_id: string }[],
	who: { priya: string | null; priyaFirst: string; kwame: string | null }
) {
	const day = 24 * 3600_000;
	const criteria = await tx<{ id: string; points: number }[]>`
		select id, jsonb_array_length(scale) as points from public.track_criteria
		where cycle_id = ${cycleId} order by position, id
	`;
	const reviewers = [...new Set(assigned.map((a) => a.reviewer_id))].sort();
	const reviews = [];
	const scores = [];
	let priyaSeen = 0;
	// On one proposal the first reviewer who submitted sees it the other way round from the rest.
	const disagreed = trackProposalId(TRACK_DISAGREED, seed);
	let contrary = true;
	for (const [k, a] of assigned.entries()) {
		let state: 'submitted' | 'draft' | null;
		if (a.reviewer_id === who.priya) {
			if (a.proposal_id === who.priyaFirst) state = null;
			else state = priyaSeen++ === 0 ? 'draft' : 'submitted';
		} else if (a.proposal_id === who.priyaFirst) {
			// Priya's first: the others submitted theirs (she reads them once she submits hers).
			state = 'submitted';
		} else if (a.reviewer_id === who.kwame) {
			state = k % 4 === 1 ? 'draft' : 'submitted';
		} else {
			state = k % 13 === 7 ? null : k % 9 === 4 ? 'draft' : 'submitted';
		}
		if (!state) continue;
		const rng = rngFor(seed, 'track-review', a.proposal_id, a.reviewer_id);
		const usual = rngFor(seed, 'track-quality', a.proposal_id)() * 3 + 1;
		const against = a.proposal_id === disagreed && state === 'submitted' && contrary;
		if (against) contrary = false;
		const quality = against ? (usual >= 2.5 ? 0.3 : 3.7) : usual;
		const language = COMMENTS[reviewers.indexOf(a.reviewer_id) % COMMENTS.length]!;
		const words = pick(rng, language);
		const id = uuidFor(seed, 'track-review', a.proposal_id, a.reviewer_id);
		const started = new Date(reviewOpened.getTime() + Math.floor(rng() * 10) * day + 3600_000);
		const submittedAt = state === 'submitted' ? new Date(started.getTime() + day) : null;
		reviews.push({
			id,
			proposal_id: a.proposal_id,
			reviewer_id: a.reviewer_id,
			state,
			comment_to_proposers: words.proposers,
			comment_to_committee: state === 'draft' ? null : words.committee,
			created_at: started,
			updated_at: submittedAt ?? started,
			submitted_at: submittedAt
		});
		for (const [i, c] of criteria.entries()) {
			if (state === 'draft' && i >= 3) break;
			const score = Math.round(quality + (rng() - 0.5) * 2.2);
			scores.push({
				review_id: id,
				criterion_id: c.id,
				score: Math.max(0, Math.min(c.points - 1, score))
			});
		}
	}
	if (reviews.length) await tx`insert into public.track_reviews ${tx(reviews)}`;
	if (scores.length) await tx`insert into public.track_review_scores ${tx(scores)}`;
}

// ─── last year's cycle ───────────────────────────────────────────────────────────────────────────

export const TRACK_LAST_CYCLE = 'igf-2026';

const LAST_THEMES: { topic: string; subject: string }[] = [
	{ topic: 'capacity-development', subject: 'alumni networks of schools of Internet governance' },
	{ topic: 'internet-access', subject: 'community networks in rural areas' },
	{ topic: 'digital-divide', subject: 'connecting the last billion' },
	{ topic: 'artificial-intelligence', subject: 'AI governance for public servants' },
	{ topic: 'privacy-and-data-protection', subject: 'new data protection authorities' },
	{ topic: 'cybersecurity', subject: 'national CERTs and their partners' },
	{ topic: 'confidence-building-measures', subject: 'cyber norms for small states' },
	{ topic: 'capacity-development', subject: 'youth IGFs and their mentors' },
	{ topic: 'digital-inclusion', subject: 'accessibility of public websites' },
	{ topic: 'internet-access', subject: 'spectrum for community broadband' },
	{ topic: 'capacity-development', subject: 'training trainers in multistakeholder practice' },
	{ topic: 'artificial-intelligence', subject: 'algorithmic accountability in courts' }
];
const LAST_ANGLES = [
	'What worked: {s}',
	'Lessons from ten countries on {s}',
	'A toolkit for {s}',
	'Measuring the impact of {s}',
	'{S}: a peer-learning lab',
	'Who pays for {s}?',
	'{S} after the course is over',
	'Regional voices on {s}',
	'Ten years of {s}',
	'Open data on {s}'
];

/**
 * Last year's completed cycle, "IGF 2026": 120 proposals with their speakers, 25 reviewers, three
 * reviews of each proposal in review, its decisions (accepted, waitlisted, rejected, set directly
 * as the demo's past) and the published timetable of its accepted sessions over three days in
 * Geneva — each of them an event of the calendar, as publishing makes them. Bulk inserts; ids
 * derive from the seed, so loading again adds nothing.
 */
export async function insertLastYearTrack(tx: TransactionSql, seed: number) {
	const day = 24 * 3600_000;
	const cycleId = uuidFor(seed, 'track-cycle', TRACK_LAST_CYCLE);
	const zone = 'Europe/Zurich';
	// The meeting took place about half a year ago; its phases led up to it.
	const meeting = new Date(Math.floor((Date.now() - 190 * day) / day) * day);
	const before = (days: number) => new Date(meeting.getTime() - days * day);
	await tx`
		insert into public.track_cycles (id, slug, title, description, venue, time_zone)
		values (${cycleId}, ${TRACK_LAST_CYCLE}, 'IGF 2026 capacity-building track',
		        ${'Last year’s capacity-building track: 120 proposals, reviewed by 25 trainers and alumni, and the sessions that made the timetable.'},
		        'Geneva, Switzerland', ${zone})
	`;
	const flags = {
		proposers_may_edit: false,
		reviewers_may_review: false,
		reviewers_see_reviews: false,
		proposers_see_reviews: true
	};
	await tx`
		insert into public.track_phases ${tx(
			[
				{ kind: 'call', starts_at: before(260), ends_at: before(190), proposers_may_edit: true },
				{ kind: 'screening', starts_at: before(190), ends_at: before(176) },
				{
					kind: 'review',
					starts_at: before(176),
					ends_at: before(140),
					reviewers_may_review: true
				},
				{ kind: 'decisions', starts_at: before(140), ends_at: before(120) },
				{ kind: 'timetable', starts_at: before(120), ends_at: before(-5) }
			].map((phase) => ({ ...flags, cycle_id: cycleId, ...phase }))
		)}
	`;
	const people = await tx<{ id: string; display_name: string }[]>`
		select p.id, p.display_name from public.profiles p join auth.users u on u.id = p.id
		where u.email not like '%@example.org' order by p.id offset 200 limit 300
	`;
	if (people.length < 40) return 0;
	const leilani = (
		await tx<{ id: string }[]>`select id from auth.users where email = 'leilani@example.org'`
	)[0]?.id;
	const formats = ['workshop', 'roundtable', 'lightning-talk', 'open-forum', 'training'] as const;
	const proposals = [];
	const speakers = [];
	for (let i = 0; i < 120; i++) {
		const rng = rngFor(seed, 'track-last', i);
		const theme = LAST_THEMES[i % LAST_THEMES.length]!;
		const angle = LAST_ANGLES[Math.floor(i / LAST_THEMES.length) % LAST_ANGLES.length]!;
		const title = angle
			.replace('{s}', theme.subject)
			.replace('{S}', theme.subject[0]!.toUpperCase() + theme.subject.slice(1));
		const format = formats[i % formats.length]!;
		const submitted = new Date(before(200).getTime() + (i % 50) * 3600_000);
		// Decisions as the committee took them: 36 accepted, 18 waitlisted, six screened out,
		// four withdrawn, the rest rejected.
		const status =
			i % 10 < 3
				? 'accepted'
				: i % 10 === 3 && i % 20 < 10
					? 'waitlisted'
					: i % 20 === 13
						? 'screened_out'
						: i % 30 === 17
							? 'withdrawn'
							: i % 10 === 3 || i % 10 === 4
								? 'waitlisted'
								: 'rejected';
		const id = uuidFor(seed, 'track-last-proposal', i);
		proposals.push({
			id,
			cycle_id: cycleId,
			proposer_id: people[(i * 7) % people.length]!.id,
			title,
			format,
			duration_minutes: format === 'lightning-talk' ? 30 : i % 2 ? 90 : 60,
			policy_questions: `What should the Internet governance community learn from ${theme.subject}?`,
			description: `A ${format.replace('-', ' ')} on ${theme.subject}, by people who teach, learn and make policy on it in several regions.`,
			expected_outcomes: 'A short report with recommendations for the programmes of the network.',
			interaction:
				'Onsite participants work in small groups; online participants join through the chat and a shared document.',
			target_audience: 'Trainers, coordinators and alumni of capacity-building programmes.',
			languages: i % 4 === 0 ? ['en', 'fr'] : ['en'],
			topics: [theme.topic],
			programmes: [],
			status,
			submitted_at: submitted,
			withdrawn_at: status === 'withdrawn' ? before(185) : null,
			screening_reason:
				status === 'screened_out'
					? 'Fewer than three confirmed speakers, all from one region.'
					: null,
			screened_at: status === 'screened_out' ? before(180) : null,
			screened_by: status === 'screened_out' ? (leilani ?? null) : null,
			created_at: new Date(submitted.getTime() - 3 * day),
			updated_at: submitted
		});
		for (let s = 0; s < 3 + (i % 2); s++) {
			speakers.push({
				id: uuidFor(seed, 'track-last-speaker', i, s),
				proposal_id: id,
				role: s === 3 ? 'moderator' : 'speaker',
				position: s,
				// Some speakers speak twice: the timetable keeps them apart.
				name: people[(i * 11 + s * 29) % people.length]!.display_name,
				organisation: pick(rng, ORGS),
				stakeholder_group: GROUPS[(i + s * 2) % GROUPS.length]!,
				region_code: REGIONS[(i + s) % REGIONS.length]!,
				attendance: s === 2 && i % 3 === 0 ? 'online' : 'onsite',
				confirmed: true
			});
		}
	}
	// Decided proposals go in as submitted: sending their decisions (below) gives them their status.
	const DECIDED = new Set(['accepted', 'waitlisted', 'rejected']);
	await tx`insert into public.track_proposals ${tx(
		proposals.map((p) => (DECIDED.has(p.status) ? { ...p, status: 'submitted' } : p))
	)}`;
	await tx`insert into public.track_speakers ${tx(speakers)}`;

	// 25 reviewers, three reviews of each proposal that went to review.
	const reviewerIds = people.slice(people.length - 25).map((p) => p.id);
	await tx`
		insert into public.track_reviewers ${tx(
			reviewerIds.map((profile_id) => ({
				cycle_id: cycleId,
				profile_id,
				status: 'accepted',
				topics: [],
				invited_by: leilani ?? null,
				decided_at: before(178)
			}))
		)}
	`;
	const reviewed = proposals.filter((p) => p.status !== 'screened_out' && p.status !== 'withdrawn');
	const conflicts = await tx<{ reviewer_id: string; proposal_id: string }[]>`
		select r.profile_id as reviewer_id, p.id as proposal_id
		from public.track_reviewers r join public.track_proposals p on p.cycle_id = r.cycle_id
		where r.cycle_id = ${cycleId} and private.track_has_conflict(r.profile_id, p.id)
	`;
	const assignment = assignReviewers({
		proposals: reviewed.map((p) => ({ id: p.id, topics: p.topics })),
		reviewers: reviewerIds.map((id) => ({ id, topics: [] })),
		perProposal: 3,
		conflicts: conflicts.map((c) => [c.reviewer_id, c.proposal_id] as const),
		keep: []
	});
	const assigned = [...assignment.byProposal].flatMap(([proposal_id, ids]) =>
		ids.map((reviewer_id) => ({
			proposal_id,
			reviewer_id,
			by_hand: false,
			assigned_by: leilani ?? null
		}))
	);
	if (assigned.length) await tx`insert into public.track_assignments ${tx(assigned)}`;
	const criteria = await tx<{ id: string; points: number }[]>`
		select id, jsonb_array_length(scale) as points from public.track_criteria
		where cycle_id = ${cycleId} order by position, id
	`;
	const statusOf = new Map(proposals.map((p) => [p.id, p.status]));
	const reviews = [];
	const scores = [];
	for (const a of assigned) {
		const rng = rngFor(seed, 'track-last-review', a.proposal_id, a.reviewer_id);
		// The accepted scored high, the waitlisted in between, the rejected low.
		const status = statusOf.get(a.proposal_id);
		const quality = status === 'accepted' ? 3.2 : status === 'waitlisted' ? 2.3 : 1.3;
		const id = uuidFor(seed, 'track-last-review', a.proposal_id, a.reviewer_id);
		const at = new Date(before(170).getTime() + Math.floor(rng() * 20) * day);
		const words = pick(rng, COMMENTS[reviewerIds.indexOf(a.reviewer_id) % COMMENTS.length]!);
		reviews.push({
			id,
			proposal_id: a.proposal_id,
			reviewer_id: a.reviewer_id,
			state: 'submitted',
			comment_to_proposers: words.proposers,
			comment_to_committee: words.committee,
			created_at: at,
			updated_at: at,
			submitted_at: at
		});
		for (const c of criteria) {
			const score = Math.round(quality + (rng() - 0.5) * 1.8);
			scores.push({
				review_id: id,
				criterion_id: c.id,
				score: Math.max(0, Math.min(c.points - 1, score))
			});
		}
	}
	if (reviews.length) await tx`insert into public.track_reviews ${tx(reviews)}`;
	if (scores.length) await tx`insert into public.track_review_scores ${tx(scores)}`;

	// The committee's decisions, sent before the meeting; all but two acceptances confirmed.
	const decided = proposals.filter((p) => DECIDED.has(p.status));
	await insertDecisions(
		tx,
		decided.map((p, i) => ({
			proposalId: p.id,
			decision: p.status as 'accepted' | 'waitlisted' | 'rejected',
			note:
				p.status === 'accepted' && i % 4 === 0
					? 'Please keep ten minutes for questions from remote hubs.'
					: undefined,
			answer: p.status === 'accepted' ? (i % 17 === 5 ? undefined : 'confirmed') : undefined
		})),
		{ decidedBy: leilani ?? null, sentAt: before(150) }
	);

	// The timetable: four onsite rooms and one online over three days, four slots a day.
	const rooms = [
		{ name: 'Room XVII', kind: 'onsite', capacity: 250 },
		{ name: 'Room XVIII', kind: 'onsite', capacity: 120 },
		{ name: 'Workshop room 3', kind: 'onsite', capacity: 60 },
		{ name: 'Workshop room 4', kind: 'onsite', capacity: 60 },
		{ name: 'Online studio', kind: 'online', capacity: null }
	].map((r, position) => ({
		id: uuidFor(seed, 'track-last-room', position),
		cycle_id: cycleId,
		position,
		...r
	}));
	await tx`insert into public.track_rooms ${tx(rooms)}`;
	const wall = (d: number, time: string) => {
		const date = new Date(meeting.getTime() + d * day).toISOString().slice(0, 10);
		return tx`(${`${date} ${time}`}::timestamp at time zone ${zone})`;
	};
	const slotTimes = [
		['09:00', '10:30'],
		['11:00', '12:30'],
		['14:00', '15:30'],
		['16:00', '17:30']
	] as const;
	const slots: { starts_at: Date; ends_at: Date }[] = [];
	for (let d = 0; d < 3; d++) {
		for (const [from, to] of slotTimes) {
			const [row] = await tx<{ starts_at: Date; ends_at: Date }[]>`
				insert into public.track_slots (cycle_id, starts_at, ends_at)
				values (${cycleId}, ${wall(d, from)}, ${wall(d, to)}) returning starts_at, ends_at
			`;
			slots.push(row!);
		}
	}
	const [version] = await tx<{ id: string }[]>`
		insert into public.track_timetable_versions (cycle_id, state, number, note, saved_at, saved_by)
		values (${cycleId}, 'saved', 1, 'As published before the meeting', ${before(100)}, ${leilani ?? null})
		returning id
	`;
	await tx`
		insert into public.track_timetable_versions (cycle_id) values (${cycleId})
	`;
	const accepted = proposals.filter((p) => p.status === 'accepted');
	// Each accepted session in the next free room of the next slot; at most one of a speaker's
	// sessions in one slot (by name, as the clash warnings tell them apart).
	const busy = new Map<number, Set<string>>();
	const placements = [];
	let cursor = 0;
	for (const p of accepted) {
		const names = speakers.filter((s) => s.proposal_id === p.id).map((s) => s.name);
		const online = p.format === 'lightning-talk';
		for (let tries = 0; tries < slots.length * rooms.length; tries++, cursor++) {
			const slotIndex = Math.floor(cursor / rooms.length) % slots.length;
			const room = rooms[cursor % rooms.length]!;
			if ((room.kind === 'online') !== online && tries < (slots.length * rooms.length) / 2) {
				continue;
			}
			const taken = busy.get(slotIndex) ?? new Set<string>();
			if (names.some((n) => taken.has(`speaker:${n}`)) || taken.has(`room:${room.id}`)) continue;
			for (const n of names) taken.add(`speaker:${n}`);
			taken.add(`room:${room.id}`);
			busy.set(slotIndex, taken);
			const slot = slots[slotIndex]!;
			placements.push({
				version_id: version!.id,
				cycle_id: cycleId,
				proposal_id: p.id,
				room_id: room.id,
				starts_at: slot.starts_at,
				ends_at: new Date(slot.starts_at.getTime() + p.duration_minutes * 60_000),
				placed_by: leilani ?? null
			});
			cursor++;
			break;
		}
	}
	await tx`insert into public.track_placements ${tx(placements)}`;
	// Published as an admin publishes it (the function writes the events and their links).
	if (leilani) {
		await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: leilani, role: 'authenticated', app_metadata: { platform_role: 'admin' } })}, true)`;
		await tx`select set_config('request.jwt.claim.sub', ${leilani}, true)`;
		await tx`select private.track_publish_timetable(${version!.id})`;
		await tx`select set_config('request.jwt.claims', '', true)`;
		await tx`select set_config('request.jwt.claim.sub', '', true)`;
	}
	return proposals.length;
}
