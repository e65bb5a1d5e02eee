/**
 * The track's policies: who reads cycles, phases, proposals, co-proposers, speakers and genders
 * (visitor, member, lead proposer, co-proposer asked / accepted / declined, admin), who writes
 * them, and what the phase allows, checked by the database: drafts before the call opens,
 * submission only while it is open, no edits after the deadline, withdrawal at any time, and
 * screening by admins only, with the reason told to the proposers.
 */
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as trackDb from '$lib/server/db/track';
import { proposalSchema } from '$lib/schemas/track';
import { asAdmin, createPerson, type Person } from './factories';

type Who = 'visitor' | 'member' | 'lead' | 'asked' | 'accepted' | 'declined' | 'admin';

let people: Record<Exclude<Who, 'visitor' | 'admin'>, Person>;
let admin: Claims;
let cycles: Record<'open' | 'closed' | 'upcoming', string>;
let proposal: string;
let speaker: string;

const as = <T>(who: Who, fn: (sql: postgres.TransactionSql) => Promise<T>) =>
	who === 'visitor' ? withAnon(fn) : withUser(who === 'admin' ? admin : people[who].claims, fn);

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

/** A cycle whose call runs from `opens` to `closes` (days from now), then screening and review. */
async function createCycle(slug: string, opens: number, closes: number) {
	return asService(async (sql) => {
		const [cycle] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values (${slug}, ${'Track ' + slug}, 'Europe/Oslo') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, proposers_may_edit)
			values (${cycle!.id}, 'call', ${at(opens)}, ${at(closes)}, true),
			       (${cycle!.id}, 'screening', ${at(closes)}, ${at(closes + 7)}, false),
			       (${cycle!.id}, 'review', ${at(closes + 7)}, ${at(closes + 30)}, false)
		`;
		return cycle!.id;
	});
}

const COMPLETE = {
	format: 'workshop',
	duration_minutes: 60,
	policy_questions: 'How do schools of Internet governance reach rural learners?',
	description: 'A workshop on reaching learners beyond the capital.',
	expected_outcomes: 'A shared checklist.',
	interaction: 'Breakout groups onsite, a shared document online.',
	target_audience: 'Coordinators and trainers.',
	languages: ['en', 'es']
};

/** A proposal written by the service (test setup) in the open cycle, by the lead. */
async function seedProposal(status: 'draft' | 'submitted' = 'submitted', cycle = cycles.open) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycle,
				proposer_id: people.lead.id,
				title: 'Reaching rural learners',
				status,
				submitted_at: status === 'submitted' ? new Date() : null,
				...COMPLETE
			})}
			returning id
		`;
		return row!.id;
	});
}

beforeAll(async () => {
	const [member, lead, asked, accepted, declined, adminPerson] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Tomás Lead' }),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	people = { member, lead, asked, accepted, declined };
	admin = await asAdmin(adminPerson);
	cycles = {
		open: await createCycle('open', -1, 10),
		closed: await createCycle('closed', -20, -1),
		upcoming: await createCycle('upcoming', 5, 20)
	};
	proposal = await seedProposal();
	await nameCoProposers(proposal);
	await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_speakers (proposal_id, name, stakeholder_group, region_code, confirmed)
			values (${proposal}, 'Ana Speaker', 'academia', '019', true) returning id
		`;
		speaker = row!.id;
		await sql`insert into public.track_speaker_genders (speaker_id, gender) values (${speaker}, 'woman')`;
	});
});

/** The accepted, asked and declined co-proposers named on a proposal (test setup). */
const nameCoProposers = (id: string) =>
	asService(
		(sql) => sql`
			insert into public.track_co_proposers (proposal_id, profile_id, status)
			values (${id}, ${people.asked.id}, 'invited'), (${id}, ${people.accepted.id}, 'accepted'),
			       (${id}, ${people.declined.id}, 'declined')
		`
	);

const count = (
	who: Who,
	query: (sql: postgres.TransactionSql) => PromiseLike<readonly unknown[]>
) => as(who, async (sql) => (await query(sql)).length);

describe('who reads what', () => {
	it.each<Who>(['visitor', 'member', 'lead', 'admin'])(
		'%s reads the cycles and their phases',
		async (who) => {
			expect(
				await count(who, (sql) => sql`select id from public.track_cycles where id = ${cycles.open}`)
			).toBe(1);
			expect(
				await count(
					who,
					(sql) => sql`select id from public.track_phases where cycle_id = ${cycles.open}`
				)
			).toBe(3);
		}
	);

	it.each<[Who, number, number, number]>([
		// who         proposal speakers genders
		['visitor', 0, 0, 0],
		['member', 0, 0, 0],
		['lead', 1, 1, 1],
		['asked', 1, 0, 0],
		['accepted', 1, 1, 1],
		['declined', 0, 0, 0],
		['admin', 1, 1, 1]
	])('%s: proposal %i, speakers %i, genders %i', async (who, proposals, speakers, genders) => {
		const reads = async () => [
			await count(who, (sql) => sql`select id from public.track_proposals where id = ${proposal}`),
			await count(
				who,
				(sql) => sql`select id from public.track_speakers where proposal_id = ${proposal}`
			),
			await count(
				who,
				(sql) => sql`select gender from public.track_speaker_genders where speaker_id = ${speaker}`
			)
		];
		if (who === 'visitor') {
			// The API's anonymous role has no grant on proposals at all.
			await expect(reads()).rejects.toMatchObject({ code: '42501' });
		} else {
			expect(await reads()).toEqual([proposals, speakers, genders]);
		}
	});

	it('the co-proposers are read by the proposers and admins; each asked person reads their own row', async () => {
		const read = (who: Who) =>
			count(
				who,
				(sql) =>
					sql`select profile_id from public.track_co_proposers where proposal_id = ${proposal}`
			);
		expect(await read('lead')).toBe(3);
		expect(await read('accepted')).toBe(3);
		expect(await read('admin')).toBe(3);
		expect(await read('asked')).toBe(1);
		expect(await read('declined')).toBe(1);
		expect(await read('member')).toBe(0);
	});
});

describe('writing cycles and phases', () => {
	const add = (who: Who) =>
		as(
			who,
			(sql) => sql`
				insert into public.track_cycles (slug, title, time_zone)
				values (${'c-' + who}, 'A cycle', 'Asia/Riyadh') returning id
			`
		);

	it('an admin adds a cycle and its phases, and changes them', async () => {
		const [cycle] = await add('admin');
		await as(
			'admin',
			(sql) => sql`
				insert into public.track_phases (cycle_id, kind, starts_at, ends_at, proposers_may_edit)
				values (${cycle!.id}, 'call', ${at(1)}, ${at(9)}, true)
			`
		);
		const moved = await as(
			'admin',
			(sql) =>
				sql`update public.track_phases set ends_at = ${at(12)} where cycle_id = ${cycle!.id} returning id`
		);
		expect(moved).toHaveLength(1);
	});

	it('a member, a proposer and a visitor add no cycle and change no phase', async () => {
		await expect(add('member')).rejects.toMatchObject({ code: '42501' });
		await expect(add('lead')).rejects.toMatchObject({ code: '42501' });
		await expect(add('visitor')).rejects.toMatchObject({ code: '42501' });
		const moved = await as(
			'lead',
			(sql) =>
				sql`update public.track_phases set ends_at = ${at(99)} where cycle_id = ${cycles.closed} returning id`
		);
		expect(moved).toEqual([]);
	});

	it('a cycle has a real IANA zone and its phases end after they start', async () => {
		await expect(
			as(
				'admin',
				(sql) =>
					sql`insert into public.track_cycles (slug, title, time_zone) values ('bad', 'Bad', 'UTC+5')`
			)
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			as(
				'admin',
				(sql) => sql`
					insert into public.track_phases (cycle_id, kind, starts_at, ends_at)
					values (${cycles.upcoming}, 'decisions', ${at(2)}, ${at(1)})
				`
			)
		).rejects.toMatchObject({ code: '23514' });
	});
});

describe('proposing, as the phase allows', () => {
	const draft = (who: Who, cycle: string, status = 'draft', values: Record<string, unknown> = {}) =>
		as(
			who,
			(sql) => sql<{ id: string; proposer_id: string; status: string }[]>`
				insert into public.track_proposals ${sql({ cycle_id: cycle, title: 'My session', status, ...values })}
				returning id, proposer_id, status
			`
		).then((rows) => rows[0]!);

	it('a member saves an incomplete draft while the call is open, and is its lead', async () => {
		const row = await draft('member', cycles.open);
		expect(row).toMatchObject({ proposer_id: people.member.id, status: 'draft' });
	});

	it('a draft may be saved before the call opens, but not submitted', async () => {
		const row = await draft('member', cycles.upcoming);
		expect(row.status).toBe('draft');
		await expect(draft('member', cycles.upcoming, 'submitted', COMPLETE)).rejects.toMatchObject({
			code: 'CC101'
		});
	});

	it('after the deadline nothing new is proposed', async () => {
		await expect(draft('member', cycles.closed)).rejects.toMatchObject({ code: 'CC101' });
	});

	it('a proposal is submitted only when complete', async () => {
		await expect(draft('member', cycles.open, 'submitted')).rejects.toMatchObject({
			code: '23514'
		});
		const row = await draft('member', cycles.open, 'submitted', COMPLETE);
		expect(row.status).toBe('submitted');
	});

	it('a proposal cannot be made in another person’s name, nor start screened out', async () => {
		const row = await draft('member', cycles.open, 'draft', {});
		expect(row.proposer_id).toBe(people.member.id);
		await expect(
			as(
				'member',
				(sql) => sql`
					insert into public.track_proposals (cycle_id, title, proposer_id)
					values (${cycles.open}, 'Not mine', ${people.lead.id})
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(draft('member', cycles.open, 'screened_out', COMPLETE)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('a visitor proposes nothing', async () => {
		await expect(draft('visitor', cycles.open)).rejects.toMatchObject({ code: '42501' });
	});
});

describe('editing and withdrawing', () => {
	const rename = (who: Who, id: string, title = 'Renamed') =>
		as(
			who,
			(sql) =>
				sql`update public.track_proposals set title = ${title} where id = ${id} returning title`
		).then((rows) => rows.length === 1);
	const setStatus = (who: Who, id: string, status: string) =>
		as(
			who,
			(sql) => sql<{ status: string; withdrawn_at: Date | null }[]>`
				update public.track_proposals set status = ${status} where id = ${id} returning status, withdrawn_at
			`
		);

	it('the lead and an accepted co-proposer edit while the call is open; no one else', async () => {
		const id = await seedProposal();
		await nameCoProposers(id);
		expect(await rename('lead', id)).toBe(true);
		expect(await rename('accepted', id, 'Renamed again')).toBe(true);
		expect(await rename('member', id)).toBe(false);
		expect(await rename('declined', id)).toBe(false);
		expect(await rename('asked', id)).toBe(false);
	});

	it('an admin does not edit a proposal’s words', async () => {
		const id = await seedProposal();
		await expect(rename('admin', id)).rejects.toMatchObject({ code: '42501' });
	});

	it('after the deadline the words stay as they were, but the proposal may still be withdrawn', async () => {
		const id = await seedProposal('submitted', cycles.closed);
		await expect(rename('lead', id)).rejects.toMatchObject({ code: 'CC101' });
		const [row] = await setStatus('lead', id, 'withdrawn');
		expect(row!.status).toBe('withdrawn');
		expect(row!.withdrawn_at).toBeInstanceOf(Date);
		// Taken up again only while the phase allows.
		await expect(setStatus('lead', id, 'draft')).rejects.toMatchObject({ code: 'CC101' });
	});

	it('a withdrawn proposal is taken up again as a draft while the call is open, and never deleted', async () => {
		const id = await seedProposal();
		await setStatus('lead', id, 'withdrawn');
		await expect(rename('lead', id)).rejects.toMatchObject({ code: 'CC101' });
		expect((await setStatus('lead', id, 'draft'))[0]!.status).toBe('draft');
		await expect(
			as('lead', (sql) => sql`delete from public.track_proposals where id = ${id}`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('proposers do not decide: no accepting their own proposal', async () => {
		const id = await seedProposal();
		await expect(setStatus('lead', id, 'accepted')).rejects.toMatchObject({ code: '42501' });
		await expect(setStatus('lead', id, 'screened_out')).rejects.toMatchObject({ code: '42501' });
	});
});

describe('co-proposers', () => {
	it('the lead names a co-proposer, who is told, and who alone accepts', async () => {
		const id = await seedProposal();
		const invitee = await createPerson();
		await as(
			'lead',
			(sql) =>
				sql`insert into public.track_co_proposers (proposal_id, profile_id) values (${id}, ${invitee.id})`
		);
		const [notice] = await asService(
			(sql) => sql<{ payload: { proposal_id: string; person_name: string } }[]>`
				select payload from public.notifications
				where recipient_id = ${invitee.id} and kind = 'track_co_proposer_invited'
			`
		);
		expect(notice!.payload).toMatchObject({ proposal_id: id, person_name: 'Tomás Lead' });
		// The lead cannot accept in their name.
		const forced = await as(
			'lead',
			(sql) => sql`
				update public.track_co_proposers set status = 'accepted'
				where proposal_id = ${id} and profile_id = ${invitee.id} returning status
			`
		);
		expect(forced).toEqual([]);
		const answered = await withUser(
			invitee.claims,
			(sql) => sql`
				update public.track_co_proposers set status = 'accepted'
				where proposal_id = ${id} returning status, decided_at
			`
		);
		expect(answered[0]).toMatchObject({ status: 'accepted' });
		// Now named, they edit the proposal; they answer only once.
		expect(
			await withUser(
				invitee.claims,
				(sql) => sql`update public.track_proposals set title = 'Ours' where id = ${id} returning id`
			)
		).toHaveLength(1);
		await expect(
			withUser(
				invitee.claims,
				(sql) =>
					sql`update public.track_co_proposers set status = 'declined' where proposal_id = ${id}`
			)
		).rejects.toMatchObject({ code: '55000' });
	});

	it('a stranger names no co-proposer, and none is named after the deadline', async () => {
		const invitee = await createPerson();
		await expect(
			as(
				'member',
				(sql) =>
					sql`insert into public.track_co_proposers (proposal_id, profile_id) values (${proposal}, ${invitee.id})`
			)
		).rejects.toMatchObject({ code: '42501' });
		const late = await seedProposal('submitted', cycles.closed);
		await expect(
			as(
				'lead',
				(sql) =>
					sql`insert into public.track_co_proposers (proposal_id, profile_id) values (${late}, ${invitee.id})`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('speakers and their genders', () => {
	const addSpeaker = (who: Who, id: string) =>
		as(
			who,
			(sql) => sql<{ id: string }[]>`
				insert into public.track_speakers (proposal_id, name, role, attendance, confirmed)
				values (${id}, 'Wen Li', 'moderator', 'onsite', true) returning id
			`
		);

	it('proposers add speakers and genders while the call is open', async () => {
		const id = await seedProposal();
		await nameCoProposers(id);
		const [row] = await addSpeaker('accepted', id);
		await as(
			'lead',
			(sql) =>
				sql`insert into public.track_speaker_genders (speaker_id, gender) values (${row!.id}, 'non-binary')`
		);
		expect(
			await count(
				'lead',
				(sql) => sql`select 1 from public.track_speaker_genders where speaker_id = ${row!.id}`
			)
		).toBe(1);
	});

	it('strangers, the asked and admins add no speaker; a gender is never read by them', async () => {
		await expect(addSpeaker('member', proposal)).rejects.toMatchObject({ code: '42501' });
		await expect(addSpeaker('asked', proposal)).rejects.toMatchObject({ code: '42501' });
		await expect(addSpeaker('admin', proposal)).rejects.toMatchObject({ code: '42501' });
		expect(
			await count('member', (sql) => sql`select gender from public.track_speaker_genders`)
		).toBe(0);
		expect(
			await count('asked', (sql) => sql`select gender from public.track_speaker_genders`)
		).toBe(0);
	});

	it('after the deadline speakers stay as they are', async () => {
		const late = await seedProposal('submitted', cycles.closed);
		await expect(addSpeaker('lead', late)).rejects.toMatchObject({ code: '42501' });
		const changed = await as(
			'lead',
			(sql) =>
				sql`update public.track_speakers set confirmed = false where proposal_id = ${late} returning id`
		);
		expect(changed).toEqual([]);
	});
});

describe('screening', () => {
	const screen = (who: Who, id: string, reason: string | null = 'Only two confirmed speakers.') =>
		as(
			who,
			(sql) => sql<{ status: string; screened_by: string | null }[]>`
				update public.track_proposals set status = 'screened_out', screening_reason = ${reason}
				where id = ${id} returning status, screened_by
			`
		);

	it('an admin screens a submitted proposal out with a reason, and its proposers are told', async () => {
		const id = await seedProposal();
		await nameCoProposers(id);
		const [row] = await screen('admin', id);
		expect(row).toMatchObject({ status: 'screened_out' });
		expect(row!.screened_by).not.toBeNull();
		const told = await asService(
			(sql) => sql<{ recipient_id: string; payload: { reason: string } }[]>`
				select recipient_id, payload from public.notifications
				where kind = 'track_screened_out' and payload ->> 'proposal_id' = ${id}
				order by recipient_id
			`
		);
		expect(told.map((t) => t.recipient_id).sort()).toEqual(
			[people.lead.id, people.accepted.id].sort()
		);
		expect(told[0]!.payload.reason).toBe('Only two confirmed speakers.');
		// The lead reads the reason on the proposal.
		const [seen] = await as(
			'lead',
			(sql) =>
				sql<
					{ screening_reason: string }[]
				>`select screening_reason from public.track_proposals where id = ${id}`
		);
		expect(seen!.screening_reason).toBe('Only two confirmed speakers.');
	});

	it('screening needs a reason; an admin takes it back', async () => {
		const id = await seedProposal();
		await expect(screen('admin', id, null)).rejects.toMatchObject({ code: '23514' });
		await screen('admin', id);
		const [back] = await as(
			'admin',
			(sql) => sql<{ status: string; screening_reason: string | null }[]>`
				update public.track_proposals set status = 'submitted' where id = ${id} returning status, screening_reason
			`
		);
		expect(back).toEqual({ status: 'submitted', screening_reason: null });
	});

	it('drafts are not screened; proposers and members screen nothing', async () => {
		const draft = await seedProposal('draft');
		await expect(screen('admin', draft)).rejects.toMatchObject({ code: '42501' });
		const id = await seedProposal();
		await expect(screen('lead', id)).rejects.toMatchObject({ code: '42501' });
		expect(await screen('member', id)).toEqual([]);
	});

	it('a proposer does not write or erase the reason', async () => {
		const id = await seedProposal();
		await screen('admin', id);
		await expect(
			as(
				'lead',
				(sql) => sql`update public.track_proposals set screening_reason = null where id = ${id}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('the domain module, under the claims it is given', () => {
	it('saves a draft with speakers and a co-proposer, reads it back as its lead, and not as a stranger', async () => {
		const co = await createPerson();
		const [row] = await asService(
			(sql) =>
				sql<
					{ handle: string }[]
				>`update public.profiles set handle = ${'co-' + co.id.slice(0, 8)} where id = ${co.id} returning handle`
		);
		const handle = row!.handle;
		const draft = proposalSchema.parse({
			title: 'Through the module',
			languages: 'en',
			co_proposers: handle,
			speaker_name: ['Ana', 'Bo'],
			speaker_organisation: ['', ''],
			speaker_group: ['academia', 'government'],
			speaker_region: ['019', '002'],
			speaker_gender: ['woman', 'man'],
			speaker_attendance: ['onsite', 'online'],
			speaker_confirmed: ['yes', 'no'],
			moderator_name: 'Cy',
			moderator_attendance: 'onsite',
			moderator_confirmed: 'yes'
		});
		const saved = await trackDb.save(people.member.claims, cycles.open, null, draft, 'draft');
		expect(saved.ok).toBe(true);
		const id = saved.ok ? saved.id : '';
		const read = await trackDb.proposal(people.member.claims, cycles.open, id);
		expect(read).toMatchObject({ title: 'Through the module', status: 'draft', mine: true });
		expect(read!.speakers.map((s) => [s.name, s.role, s.gender])).toEqual([
			['Ana', 'speaker', 'woman'],
			['Bo', 'speaker', 'man'],
			['Cy', 'moderator', null]
		]);
		expect(read!.co_proposers).toMatchObject([{ profile_id: co.id, status: 'invited' }]);
		expect(await trackDb.proposal(people.lead.claims, cycles.open, id)).toBeNull();
		// The co-proposer, still asked, reads it; they accept through the module and may then edit.
		expect(await trackDb.answer(co.claims, id, 'accepted')).toBe(true);
		expect((await trackDb.proposal(co.claims, cycles.open, id))!.mine).toBe(true);
	});

	it('an unknown co-proposer handle leaves nothing saved', async () => {
		const draft = proposalSchema.parse({ title: 'Never saved', co_proposers: 'nobody-at-all' });
		const outcome = await trackDb.save(people.member.claims, cycles.open, null, draft, 'draft');
		expect(outcome).toEqual({
			ok: false,
			reason: 'unknown_co_proposers',
			handles: ['nobody-at-all']
		});
		const left = await asService(
			(sql) => sql`select 1 from public.track_proposals where title = 'Never saved'`
		);
		expect(left).toHaveLength(0);
	});

	it('screening through the module: an admin yes, a proposer no', async () => {
		const id = await seedProposal();
		await expect(trackDb.screen(people.lead.claims, id, 'No.')).rejects.toMatchObject({
			code: '42501'
		});
		expect(await trackDb.screen(admin, id, 'Only two confirmed speakers.')).toBe(true);
		expect(await trackDb.screen(admin, id, null)).toBe(true);
	});
});
