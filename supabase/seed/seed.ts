/**
 * The demo world: organisations, programmes, ten years of cohorts, `size` people from every region
 * and stakeholder group, their memberships, and the five demo accounts.
 *
 * Deterministic (every id and choice derives from the seed and an index: person i is the same
 * whatever the size), idempotent (inserts skip what exists, so a larger size only adds people), and
 * one transaction. Runs as the database owner, so RLS does not apply.
 */
import type { Sql, TransactionSql } from 'postgres';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { insertEvents } from './events.ts';
import { insertSpaces } from './spaces.ts';
import { insertLastYearTrack, insertTrack } from './track.ts';
import { insertMailSettings } from './mail-settings.ts';
import { insertMoreProgrammes } from './more-programmes.ts';
import { DEMO_EXTRAS, profileExtras, type ProfileExtras } from './people.ts';
import {
	emailLocalPart,
	personName,
	pick,
	rngFor,
	uuidFor,
	weightedPick,
	type Rng
} from './names.ts';
import {
	bioOf,
	cohortRows,
	facetRows,
	cohortsOf,
	DECLINE_REASONS,
	DEMO_PROFILES,
	graduated,
	HEADLINES,
	organisationRows,
	placesFor,
	programmeRows,
	reaches,
	PROGRAMMES,
	REFERENCE_DATE,
	STAKEHOLDER_WEIGHTS,
	type Cohort,
	type Place,
	type Programme,
	type TaxonomyCountry,
	type WorldProgramme
} from './world.ts';

export type SeedOptions = {
	size: number;
	seed?: number;
	/** Grow the compendium to this many programmes with generated ones (benchmarks). */
	programmes?: number;
};
/** Rows this run inserted (all 0 when the world was already there) and how long it took. */
export type SeedSummary = {
	people: number;
	organisations: number;
	programmes: number;
	cohorts: number;
	memberships: number;
	ms: number;
};

export const DEFAULT_SIZE = 2000;
export const DEFAULT_SEED = 20261122;
/** People per round trip: 16 columns × 2,000 rows stays under Postgres's 65,535 parameters. */
const BATCH = 2000;
/** Membership rows per insert (10 columns). */
const CHUNK = 5000;
const DAY = 86_400_000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const APP_META = { provider: 'email', providers: ['email'] };
/** The regional school the demo coordinator runs, so that she has claims to review. */
const PRIYAS_PROGRAMME = 'monsoon-school-internet-governance';

type Role = 'alumnus' | 'trainer' | 'coordinator';
type Status = 'pending' | 'verified' | 'declined';

type World = {
	seed: number;
	size: number;
	places: Place[];
	groups: string[];
	/** The code or slug when the taxonomy has it, else null. */
	known: (country: string | null) => string | null;
	group: (slug: string | null) => string | null;
	programmes: WorldProgramme[];
	/** staff[i]: the programme person i coordinates (people 0…n are the programmes' staff). */
	staff: string[];
	passwordHash: string;
	priyaId: string | null;
	/** The topics people can have expertise in (the baskets' issues). */
	topics: string[];
};

type MembershipRow = ReturnType<typeof membership>;

type Person = {
	id: string;
	email: string;
	displayName: string;
	createdAt: Date;
	lastSignIn: Date;
	appMeta: Record<string, unknown>;
	profile: {
		headline: string;
		bio: string;
		country_code: string | null;
		city: string | null;
		stakeholder_group: string | null;
		time_zone: string | null;
	};
	extras: ProfileExtras;
	memberships: MembershipRow[];
};

export async function seed(sql: Sql, options: SeedOptions): Promise<SeedSummary> {
	const started = performance.now();
	const counts = await sql.begin(async (tx) => {
		const world = await loadWorld(tx, options.seed ?? DEFAULT_SEED, options.size);
		// unique_handle() draws its suffixes from random(): seeded, handles repeat from run to run.
		await tx`select setseed(${(world.seed % 1_000_003) / 1_000_003})`;
		const compendium = await insertCompendium(tx, world);
		if (options.programmes) {
			const more = await insertMoreProgrammes(tx, world.seed, options.programmes);
			compendium.programmes += more.programmes;
			compendium.cohorts += more.cohorts;
		}
		// One bcrypt hash for everyone: hashing 100,000 times would take minutes.
		const [row] = await tx<{ hash: string }[]>`
			select extensions.crypt(${DEMO_PASSWORD}, extensions.gen_salt('bf', 10)) as hash
		`;
		world.passwordHash = row!.hash;

		const demo = demoPeople(world);
		let people = (await insertPeople(tx, world, demo)).size;
		world.priyaId = await idOf(tx, 'priya@example.org');
		let memberships = 0;
		const claims: MembershipRow[] = [];
		let analysedAt = 0;
		for (let start = 0; start < world.size; start += BATCH) {
			const end = Math.min(world.size, start + BATCH);
			const batch = Array.from({ length: end - start }, (_, k) => makePerson(world, start + k));
			const inserted = await insertPeople(tx, world, batch);
			people += inserted.size;
			// The triggers' and foreign keys' statements keep the plans made when the tables held a
			// few rows (sequential scans), and autovacuum never sees an open transaction: without
			// fresh statistics each batch took longer than the last (100,000 people did not load in
			// an hour). Analysing whenever the tables have doubled keeps every batch's time flat.
			if (people >= 2 * Math.max(analysedAt, BATCH / 2)) {
				await tx`analyze auth.users, public.profiles, public.profile_topics, public.profile_languages, public.positions, public.memberships`;
				analysedAt = people;
			}
			claims.push(...batch.filter((p) => inserted.has(p.id)).flatMap((p) => p.memberships));
			// Full chunks only: one query shape, so one prepared statement (postgres.js keeps each).
			while (claims.length >= CHUNK) {
				memberships += await insertNew(tx, 'public.memberships', claims.splice(0, CHUNK));
			}
		}
		// Last, so that generated coordinators can have decided on the demo accounts' claims.
		claims.push(...(await demoClaims(tx, world, demo)));
		memberships += await insertNew(tx, 'public.memberships', claims);
		// The coordinators' notices of the waiting claims (the claims' trigger wrote them) are dated
		// when each claim was made, not when the demo was loaded: a bell of claims all "just now"
		// reads false.
		await tx`
			update public.notifications n set created_at = m.created_at
			from public.memberships m
			where n.kind = 'claim_received' and m.id = (n.payload ->> 'membership_id')::uuid
		`;
		await insertProgrammeHistory(tx, world.priyaId);
		await insertSpaces(tx, world.seed, world.size);
		// The calendar, from tomorrow on: its organisers are the programmes and spaces just loaded.
		await insertEvents(tx, world.seed);
		// The capacity-building track: this year's cycle in its call for proposals.
		await insertTrack(tx, world.seed);
		// Last year's completed cycle, with its decisions and published timetable.
		await insertLastYearTrack(tx, world.seed);
		// After everything that writes notices: their mails are the demo world's past.
		await insertMailSettings(tx);
		return { people, memberships, ...compendium };
	});
	// Fresh statistics for what was just loaded: the planner should not wait for autovacuum to
	// learn that there are now 100,000 profiles (its first plans would be guesses).
	if (counts.people > 0) await sql`analyze`;
	return { ...counts, ms: Math.round(performance.now() - started) };
}

async function loadWorld(tx: TransactionSql, seed: number, size: number): Promise<World> {
	const countries = await tx<TaxonomyCountry[]>`
		select c.code, coalesce(c.is_developing, false) as developing,
		       coalesce(s.name, r.name) as region
		from public.countries c
		left join public.regions r on r.code = c.region_code
		left join public.regions s on s.code = c.sub_region_code
		order by c.code
	`;
	const groups = await tx<{ slug: string }[]>`
		select slug from public.stakeholder_groups order by slug
	`;
	const topics = await tx<{ slug: string }[]>`
		select slug from public.topics where parent_slug is not null order by slug
	`;
	const codes = new Set(countries.map((c) => c.code));
	const slugs = groups.map((g) => g.slug);
	return {
		seed,
		size,
		places: placesFor(countries),
		groups: slugs,
		known: (code) => (code && codes.has(code) ? code : null),
		group: (slug) => (slug && slugs.includes(slug) ? slug : null),
		programmes: [],
		staff: PROGRAMMES.flatMap((p) => Array<string>(p.coordinators).fill(p.slug)),
		passwordHash: '',
		priyaId: null,
		topics: topics.map((t) => t.slug)
	};
}

// ─── Organisations, programmes, cohorts ─────────────────────────────────────────────────────────

async function insertCompendium(tx: TransactionSql, world: World) {
	const { known, group } = world;
	const organisations = await insertNew(tx, 'public.organisations', organisationRows(known, group));
	// Ids by slug rather than as derived: a slug that was already there keeps its own id.
	const orgIds = byKey(await tx`select id, slug as key from public.organisations`);
	const programmes = await insertNew(tx, 'public.programmes', programmeRows(orgIds));
	const programmeIds = byKey(await tx`select id, slug as key from public.programmes`);
	const cohorts = await insertNew(tx, 'public.cohorts', cohortRows(programmeIds, known));
	let facets = 0;
	for (const [table, rows] of Object.entries(facetRows(programmeIds))) {
		facets += await insertNew(tx, table, rows);
	}
	const cohortKeys = await tx`
		select c.id, p.slug || '|' || c.edition as key
		from public.cohorts c join public.programmes p on p.id = c.programme_id
	`;
	const cohortIds = byKey(cohortKeys);
	world.programmes = PROGRAMMES.map((p) => ({
		...p,
		id: programmeIds.get(p.slug)!,
		cohorts: cohortsOf(p).map((c) => ({
			...c,
			id: cohortIds.get(`${p.slug}|${c.edition}`)!,
			start: new Date(c.startsOn),
			end: new Date(c.endsOn)
		}))
	}));
	return { organisations, programmes, cohorts, facets };
}

function byKey(rows: readonly Record<string, unknown>[]): Map<string, string> {
	return new Map(rows.map((r) => [String(r.key), String(r.id)]));
}

// ─── People ──────────────────────────────────────────────────────────────────────────────────────

const personId = (world: World, index: number) => uuidFor(world.seed, 'person', index);
const days = (rng: Rng, from: number, to: number) => (from + rng() * (to - from)) * DAY;
const atMost = (ms: number) => new Date(Math.min(ms, REFERENCE_DATE.getTime()));

function makePerson(world: World, index: number): Person {
	const rng = rngFor(world.seed, 'person', index);
	// The programmes' coordinators live where their programme recruits.
	const staffOf = world.programmes.find((p) => p.slug === world.staff[index]);
	const local = staffOf ? world.places.filter((pl) => reaches(staffOf, pl)) : [];
	const place = weightedPick(rng, local.length ? local : world.places, (pl) => pl.weight);
	const name = personName(place.names, rng);
	const [city, zone] = pick(rng, place.cities);
	const group = weightedPick(rng, world.groups, (g) => STAKEHOLDER_WEIGHTS[g] ?? 3);
	const { createdAt, rows, first } = claimsOf(world, index, place, group, staffOf, rng);
	const headline = staffOf
		? `Coordinator, ${staffOf.name}`.slice(0, 160)
		: pick(rng, HEADLINES[group] ?? HEADLINES['civil-society']!);
	const bio = bioOf(rng, group, name.given, city, first);
	return {
		id: personId(world, index),
		email: `${emailLocalPart(name.display)}.${index + 1}@example.net`,
		displayName: name.display,
		createdAt,
		lastSignIn: atMost(createdAt.getTime() + days(rng, 0, 900)),
		appMeta: APP_META,
		profile: {
			headline,
			bio,
			country_code: place.code,
			city,
			stakeholder_group: group,
			time_zone: zone
		},
		extras: profileExtras(rng, {
			headline,
			group,
			area: place.area,
			topics: world.topics,
			since: createdAt
		}),
		memberships: rows
	};
}

/** Everyone is a verified alumnus of one cohort; some claim more (pending, declined), a few teach. */
function claimsOf(
	world: World,
	index: number,
	place: Place,
	group: string,
	staffOf: WorldProgramme | undefined,
	rng: Rng
) {
	const diplomat = group === 'government' || group === 'intergovernmental-organisation';
	const pull = (p: Programme) =>
		p.reach.weight *
		(p.reach.diplomats ? (diplomat ? 8 : 0.15) : 1) *
		(p.kind === 'ambassador-scheme' && !diplomat ? 1.5 : 1);
	const eligible = world.programmes.filter((p) => reaches(p, place) && graduated(p).length);
	const mine = staffOf && graduated(staffOf).length && rng() < 0.5;
	const programme = mine ? staffOf : weightedPick(rng, eligible, pull);
	const cohort = pick(rng, graduated(programme));
	// Joined the network some time after their first programme, before "today".
	const span = Math.min(540 * DAY, REFERENCE_DATE.getTime() - cohort.end.getTime());
	const joined = cohort.end.getTime() + rng() * span;
	const rows: MembershipRow[] = [];
	const who = { id: personId(world, index), index, key: index };
	const claim = (p: WorldProgramme, c: Cohort | null, role: Role, status: Status, at: number) =>
		rows.push(membership(world, who, rows.length, p, c, role, status, atMost(at), rng));

	claim(programme, cohort, 'alumnus', 'verified', joined + days(rng, 0, 3));
	// The network exists for people who cross programmes.
	const more = rng() < 0.3 ? (rng() < 0.25 ? 2 : 1) : 0;
	const taken = new Set([programme.slug]);
	for (let k = 0; k < more; k++) {
		const others = eligible.filter((p) => !taken.has(p.slug));
		if (!others.length) break;
		const other = weightedPick(rng, others, pull);
		taken.add(other.slug);
		const begun = other.cohorts.filter((c) => c.start < REFERENCE_DATE);
		const edition = pick(rng, begun);
		const r = rng();
		const over = edition.end < REFERENCE_DATE;
		const status: Status = r < 0.78 && over ? 'verified' : r < 0.95 ? 'pending' : 'declined';
		// Pending claims are recent: coordinators review within weeks.
		const at =
			status === 'pending'
				? Math.max(joined, REFERENCE_DATE.getTime() - 75 * DAY) + days(rng, 0, 74)
				: Math.max(joined, edition.end.getTime()) + days(rng, 0, 60);
		claim(other, edition, 'alumnus', status, at);
	}
	if (rng() < 0.03) {
		const taught = weightedPick(rng, eligible, pull);
		const edition = rng() < 0.5 ? pick(rng, graduated(taught)) : null;
		claim(taught, edition, 'trainer', 'verified', joined + days(rng, 0, 30));
	}
	if (staffOf) claim(staffOf, null, 'coordinator', 'verified', joined);
	const first = { name: programme.name, year: cohort.start.getUTCFullYear() };
	return { createdAt: atMost(joined), rows, first };
}

/** Who can decide a claim: coordinators made earlier (person i depends on no later one), Priya. */
function decidersOf(world: World, slug: string, index: number): string[] {
	const ids = world.staff.flatMap((s, k) => (s === slug && k < index ? [personId(world, k)] : []));
	if (slug === PRIYAS_PROGRAMME && world.priyaId) ids.push(world.priyaId);
	return ids;
}

/** Who claims: their id, their index (who may have decided) and the key of their claims' ids. */
type Claimant = { id: string; index: number; key: string | number };

function membership(
	world: World,
	who: Claimant,
	k: number,
	p: WorldProgramme,
	cohort: Cohort | null,
	role: Role,
	status: Status,
	created: Date,
	rng: Rng
) {
	// Coordinators are appointed, not reviewed by a peer.
	const deciders = role === 'coordinator' ? [] : decidersOf(world, p.slug, who.index);
	const others = deciders.filter((d) => d !== who.id);
	const decided = status !== 'pending';
	return {
		id: uuidFor(world.seed, 'membership', who.key, k),
		profile_id: who.id,
		programme_id: p.id,
		cohort_id: cohort?.id ?? null,
		role,
		status,
		decided_by: decided ? (pick(rng, others) ?? null) : null,
		decided_at: decided ? atMost(created.getTime() + days(rng, 1, 21)) : null,
		decline_reason: status === 'declined' ? pick(rng, DECLINE_REASONS) : null,
		created_at: created
	};
}

// ─── The demo accounts ───────────────────────────────────────────────────────────────────────────

function demoPeople(world: World): Person[] {
	return DEMO_ACCOUNTS.map((account) => {
		const p = { ...DEMO_PROFILES[account.email]!, ...DEMO_EXTRAS[account.email]! };
		const role = account.role === 'admin' ? account.role : (account.platformRole ?? null);
		const group = world.group(account.stakeholderGroup);
		const country = world.known(account.country);
		return {
			id: uuidFor('demo', account.email),
			email: account.email,
			displayName: account.displayName,
			createdAt: new Date(`${p.joined}T09:00:00Z`),
			lastSignIn: new Date(REFERENCE_DATE.getTime() - 2 * DAY),
			appMeta: role ? { ...APP_META, platform_role: role } : APP_META,
			profile: {
				headline: p.headline,
				bio: p.bio,
				country_code: country,
				city: p.city,
				stakeholder_group: group,
				time_zone: account.timeZone
			},
			// The demo accounts show what a full, open profile looks like.
			extras: {
				...profileExtras(rngFor(world.seed, 'demo-profile', account.email), {
					headline: p.headline,
					group: account.stakeholderGroup,
					area: p.area,
					topics: world.topics.filter((t) => p.topics.includes(t)),
					since: new Date(`${p.joined}T09:00:00Z`)
				}),
				visibility: 'public',
				audiences: { headline: 'public', work: 'public', location: 'public', topics: 'public' },
				topics: p.topics.filter((t) => world.topics.includes(t)),
				open_to: p.openTo
			},
			memberships: []
		};
	});
}

async function demoClaims(tx: TransactionSql, world: World, demo: Person[]) {
	const rows: MembershipRow[] = [];
	for (const person of demo) {
		// By e-mail: an account that was already there keeps its own id.
		const id = await idOf(tx, person.email);
		if (!id) continue;
		const rng = rngFor(world.seed, 'demo', person.email);
		const who = { id, index: world.size, key: person.email };
		DEMO_PROFILES[person.email]!.claims.forEach((c, k) => {
			const programme = world.programmes.find((p) => p.slug === c.programme)!;
			const cohort = programme.cohorts.find((x) => x.edition === c.edition) ?? null;
			const at =
				c.status === 'pending'
					? REFERENCE_DATE.getTime() - 5 * DAY
					: Math.max(person.createdAt.getTime(), cohort?.end.getTime() ?? 0) + (k + 1) * DAY;
			rows.push(membership(world, who, k, programme, cohort, c.role, c.status, atMost(at), rng));
		});
	}
	return rows;
}

/**
 * The Monsoon School's page has a past: created from the compendium's survey in 2024, its
 * summary rewritten and topics added by Priya (its coordinator) in 2025, then its website from a
 * member's suggestion she applied this year. The last version is the page as it is now. Written
 * as rows: the database writes a version once per transaction, and this one created the page.
 */
async function insertProgrammeHistory(tx: TransactionSql, priyaId: string | null) {
	const [monsoon] = await tx<{ id: string; kept: boolean }[]>`
		select p.id, exists (select 1 from public.programme_versions v where v.programme_id = p.id) as kept
		from public.programmes p where p.slug = 'monsoon-school-internet-governance'
	`;
	if (!monsoon || monsoon.kept || !priyaId) return;
	await tx`
		with now_page as (select private.programme_snapshot(${monsoon.id}) as fields),
		edited as (select fields || jsonb_build_object('website', null) as fields from now_page),
		created as (
			select fields || jsonb_build_object(
				'summary', 'A regional school of Internet governance for South and South-East Asia.',
				'topics', coalesce((select jsonb_agg(t) from jsonb_array_elements_text(fields -> 'topics') with ordinality as x(t, i) where i <= 2), '[]')
			) as fields from edited
		)
		insert into public.programme_versions (programme_id, number, fields, changed_by, source, created_at)
		select ${monsoon.id}::uuid, 1, fields, null::uuid, 'created', '2024-02-12 09:30+00'::timestamptz from created
		union all
		select ${monsoon.id}::uuid, 2, fields, ${priyaId}::uuid, 'edited', '2025-09-18 06:10+00' from edited
		union all
		select ${monsoon.id}::uuid, 3, fields, ${priyaId}::uuid, 'suggestion', '2026-05-21 04:45+00' from now_page
	`;
}

async function idOf(tx: TransactionSql, email: string): Promise<string | null> {
	const [row] = await tx<{ id: string }[]>`select id from auth.users where email = ${email}`;
	return row?.id ?? null;
}

// ─── Writing ─────────────────────────────────────────────────────────────────────────────────────

/** auth.users rows as Supabase Auth makes them for e-mail sign-ups; its trigger makes profiles. */
async function insertPeople(tx: TransactionSql, world: World, people: Person[]) {
	const identity = (p: Person) => ({
		sub: p.id,
		email: p.email,
		email_verified: true,
		phone_verified: false
	});
	const users = people.map((p) => ({
		instance_id: NIL_UUID,
		id: p.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: p.email,
		encrypted_password: world.passwordHash,
		email_confirmed_at: p.createdAt,
		// GoTrue fails on NULL here: empty strings, as it writes them itself.
		confirmation_token: '',
		recovery_token: '',
		email_change_token_new: '',
		email_change: '',
		last_sign_in_at: p.lastSignIn,
		raw_app_meta_data: tx.json(p.appMeta as never),
		raw_user_meta_data: tx.json({ ...identity(p), display_name: p.displayName }),
		created_at: p.createdAt,
		updated_at: p.createdAt
	}));
	const rows = await tx<{ id: string }[]>`
		insert into auth.users ${tx(users)} on conflict do nothing returning id
	`;
	const inserted = new Set(rows.map((r) => r.id));
	// Only people new to this run are completed: a second run changes nothing.
	const fresh = people.filter((p) => inserted.has(p.id));
	if (!fresh.length) return inserted;

	await insertNew(
		tx,
		'auth.identities',
		fresh.map((p) => ({
			id: uuidFor('identity', p.id),
			provider_id: p.id,
			user_id: p.id,
			identity_data: tx.json(identity(p)),
			provider: 'email',
			last_sign_in_at: p.createdAt,
			created_at: p.createdAt,
			updated_at: p.createdAt
		}))
	);
	// The lists first, without re-indexing each profile: the update below indexes everyone once.
	await tx`select set_config('capacity.defer_profile_index', 'on', true)`;
	await insertNew(
		tx,
		'public.profile_topics',
		fresh.flatMap((p) => p.extras.topics.map((topic_slug) => ({ profile_id: p.id, topic_slug })))
	);
	await insertNew(
		tx,
		'public.profile_languages',
		fresh.flatMap((p) =>
			p.extras.languages.map((l) => ({ profile_id: p.id, language_code: l.code, level: l.level }))
		)
	);
	await insertNew(
		tx,
		'public.positions',
		fresh.flatMap((p) =>
			p.extras.positions.map((position, k) => ({
				id: uuidFor('position', p.id, k),
				profile_id: p.id,
				...position
			}))
		)
	);
	await tx`select set_config('capacity.defer_profile_index', 'off', true)`;
	// Nulls are sent as NULL; the cast only quiets the helper's types.
	const values = fresh.map((p) => [
		p.id,
		p.profile.headline,
		p.profile.bio,
		p.profile.country_code,
		p.profile.city,
		p.profile.stakeholder_group,
		p.profile.time_zone,
		p.extras.visibility,
		p.createdAt.toISOString(),
		p.extras.current_position,
		p.extras.current_organisation,
		p.extras.open_to.join(','),
		String(p.extras.aggregate_consent),
		JSON.stringify(p.extras.audiences)
	]) as string[][];
	const audience = (field: string) =>
		tx.unsafe(
			`${field}_visibility = coalesce((v.audiences::jsonb ->> '${field}')::public.audience, p.${field}_visibility)`
		);
	await tx`
		update public.profiles p
		set headline = v.headline, bio = v.bio, country_code = v.country_code, city = v.city,
		    stakeholder_group = v.stakeholder_group, time_zone = v.time_zone,
		    visibility = v.visibility::public.audience, created_at = v.created_at::timestamptz,
		    onboarded_at = v.created_at::timestamptz,
		    current_position = v.current_position, current_organisation = v.current_organisation,
		    open_to = coalesce(string_to_array(nullif(v.open_to, ''), ','), '{}'),
		    aggregate_consent = v.aggregate_consent::boolean,
		    ${audience('headline')}, ${audience('work')}, ${audience('location')}, ${audience('city')},
		    ${audience('stakeholder')}, ${audience('bio')}, ${audience('topics')},
		    ${audience('positions')}, ${audience('email')}
		from (values ${tx(values)}) as v (id, headline, bio, country_code, city, stakeholder_group,
		                                  time_zone, visibility, created_at, current_position,
		                                  current_organisation, open_to, aggregate_consent, audiences)
		where p.id = v.id::uuid
	`;
	return inserted;
}

/** Inserts the rows not there yet, in chunks under the parameter limit; returns how many were new. */
async function insertNew(tx: TransactionSql, table: string, rows: Record<string, unknown>[]) {
	if (!rows.length) return 0;
	const chunk = Math.floor(60_000 / Object.keys(rows[0]!).length);
	let count = 0;
	for (let start = 0; start < rows.length; start += chunk) {
		const part = rows.slice(start, start + chunk) as Record<string, never>[];
		const inserted = await tx`
			insert into ${tx(table)} ${tx(part)} on conflict do nothing returning 1
		`;
		count += inserted.length;
	}
	return count;
}
