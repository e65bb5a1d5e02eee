/**
 * Suggested edits that carry a value: who may suggest, read, apply and dismiss (RLS decides, the
 * data layer only asks), what applying writes, staleness, and who is told.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as notifications from '$lib/server/db/notifications';
import * as suggestions from '$lib/server/db/suggestions';
import { suggestionSchema } from '$lib/schemas/suggestions';
import { SUGGESTION_FIELDS, SUGGESTION_VALUE_COLUMNS } from '$lib/words/suggestions';
import {
	addMembership,
	asAdmin,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';
import { curationWorld } from './curation';

type Sql = postgres.TransactionSql;

let programme: Programme, other: Programme;
let member: Person, otherMember: Person, coordinator: Person, otherCoordinator: Person;
let adminPerson: Person, admin: Claims;

beforeAll(async () => {
	[programme, other] = await Promise.all([
		createProgramme('Suggestion School'),
		createProgramme('Elsewhere Academy')
	]);
	[member, otherMember, coordinator, otherCoordinator, adminPerson] = await Promise.all([
		createPerson({ displayName: 'Mira Member' }),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	admin = await asAdmin(adminPerson);
	await addMembership(coordinator, programme, 'coordinator');
	await addMembership(otherCoordinator, other, 'coordinator');
	await asService(
		(sql) => sql`
			update public.programmes set website = 'https://old.example.org', summary = 'The old summary.'
			where id = ${programme.programmeId}
		`
	);
});

/** A suggestion as the suggest page sends it: through the shared schema, then the data layer. */
async function suggest(person: Person, form: Record<string, string | string[]>, on = programme) {
	const parsed = suggestionSchema.safeParse(form);
	if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
	return (await suggestions.suggest(person.claims, on.programmeId, parsed.data)).id;
}

const programmeRow = (id = programme.programmeId) =>
	asService(
		(sql) => sql<
			{
				website: string | null;
				summary: string | null;
				cost: string;
				fee_amount: string | null;
				fee_currency: string | null;
			}[]
		>`
			select website, summary, cost, fee_amount::text, fee_currency from public.programmes where id = ${id}
		`
	).then((rows) => rows[0]!);

const suggestionRow = (id: string) =>
	asService(
		(sql) => sql<{ status: string; decided_by: string | null; decision_reason: string | null }[]>`
			select status, decided_by, decision_reason from public.programme_suggestions where id = ${id}
		`
	).then((rows) => rows[0]!);

const noticesOf = (person: Person) =>
	asService(
		(sql) => sql<{ id: string; kind: string; payload: Record<string, unknown> }[]>`
			select id, kind, payload from public.notifications where recipient_id = ${person.id}
			order by created_at
		`
	);

describe('the parts of the page and their columns', () => {
	it('the database and the app agree on which columns each part sets', async () => {
		const rows = await withUser(
			member.claims,
			(sql) => sql<{ field: string; columns: string[] | null }[]>`
				select f as field, public.suggestion_columns(f) as columns
				from unnest(${Object.keys(SUGGESTION_FIELDS)}::text[]) as f
			`
		);
		expect(Object.fromEntries(rows.map((r) => [r.field, r.columns]))).toEqual(
			Object.fromEntries(
				Object.keys(SUGGESTION_FIELDS).map((f) => [
					f,
					(SUGGESTION_VALUE_COLUMNS as Record<string, readonly string[]>)[f] ?? null
				])
			)
		);
	});
});

describe('suggesting a value', () => {
	let websiteId: string;

	it('a member suggests a new website with a note; the database notes what the page said', async () => {
		websiteId = await suggest(member, {
			field: 'website',
			website: 'https://new.example.org',
			note: 'It moved in March (see the old site).'
		});
		const [row] = await withUser(
			member.claims,
			(sql) => sql`
				select field, proposed_value, based_on, proposal, status
				from public.programme_suggestions where id = ${websiteId}
			`
		);
		expect(row).toEqual({
			field: 'website',
			proposed_value: { website: 'https://new.example.org' },
			based_on: { website: 'https://old.example.org' },
			proposal: 'It moved in March (see the old site).',
			status: 'pending'
		});
	});

	it('refuses a value the page already has, a value of the wrong shape, and a forged past', async () => {
		const insert = ({ proposed_value, based_on, ...values }: Record<string, unknown>) =>
			withUser(member.claims, (sql) => {
				const json = (v: unknown) => (v === undefined ? {} : sql.json(v as postgres.JSONValue));
				return sql`
					insert into public.programme_suggestions ${sql({
						programme_id: programme.programmeId,
						author_id: member.id,
						...values,
						...(proposed_value === undefined ? {} : { proposed_value: json(proposed_value) }),
						...(based_on === undefined ? {} : { based_on: json(based_on) })
					})}
				`;
			});
		await expect(
			insert({ field: 'website', proposed_value: { website: 'https://old.example.org' } })
		).rejects.toMatchObject({
			code: '23514',
			constraint_name: 'programme_suggestions_changes_something'
		});
		await expect(
			insert({ field: 'website', proposed_value: { name: 'Renamed' } })
		).rejects.toMatchObject({ code: '23514', constraint_name: 'programme_suggestions_value_fits' });
		await expect(
			insert({ field: 'topics', proposed_value: { topics: ['x'] } })
		).rejects.toMatchObject({ code: '23514', constraint_name: 'programme_suggestions_value_fits' });
		await expect(insert({ field: 'website' })).rejects.toMatchObject({
			code: '23514',
			constraint_name: 'programme_suggestions_says_something'
		});
		// based_on is the database's to write, never the member's.
		await expect(
			insert({
				field: 'website',
				proposed_value: { website: 'https://x.example.org' },
				based_on: { website: 'https://x.example.org' }
			})
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the author, the coordinators and admins read it; another member, another coordinator and a visitor do not', async () => {
		const read = (sql: Sql) =>
			sql`select id from public.programme_suggestions where id = ${websiteId}`;
		expect(await withUser(member.claims, read)).toHaveLength(1);
		expect(await withUser(coordinator.claims, read)).toHaveLength(1);
		expect(await withUser(admin, read)).toHaveLength(1);
		expect(await withUser(otherMember.claims, read)).toHaveLength(0);
		expect(await withUser(otherCoordinator.claims, read)).toHaveLength(0);
		await expect(withAnon(read)).rejects.toMatchObject({ code: '42501' });
		// The data layer's lists: the member's own only; all of them for the coordinator.
		const theirs = await suggest(otherMember, {
			field: 'name',
			name: 'Suggestion School (renamed)'
		});
		expect((await suggestions.mine(member.claims, programme.programmeId)).map((s) => s.id)).toEqual(
			[websiteId]
		);
		expect(
			(await suggestions.list(otherMember.claims, programme.programmeId)).map((s) => s.id)
		).toEqual([theirs]);
		const all = await suggestions.list(coordinator.claims, programme.programmeId);
		expect(all.map((s) => s.id).sort()).toEqual([websiteId, theirs].sort());
		const website = all.find((s) => s.id === websiteId)!;
		expect(website).toMatchObject({
			current_value: { website: 'https://old.example.org' },
			stale: false,
			author_name: 'Mira Member'
		});
	});

	it('a member and a coordinator of another programme cannot apply it: the database refuses', async () => {
		// The author may read it but not change the programme (the update policy refuses the lock).
		expect(await suggestions.apply(member.claims, programme.programmeId, websiteId)).toEqual({
			ok: false,
			reason: 'refused'
		});
		await expect(
			withUser(member.claims, (sql) => sql`select public.apply_programme_suggestion(${websiteId})`)
		).rejects.toMatchObject({ code: '42501' });
		// Another programme's coordinator may not even see it.
		expect(
			await suggestions.apply(otherCoordinator.claims, programme.programmeId, websiteId)
		).toEqual({
			ok: false,
			reason: 'gone'
		});
		await expect(
			withUser(
				otherCoordinator.claims,
				(sql) => sql`select public.apply_programme_suggestion(${websiteId})`
			)
		).rejects.toMatchObject({ code: 'P0002' });
		// Nor write the value or the decision by hand.
		for (const claims of [member.claims, otherCoordinator.claims, otherMember.claims]) {
			const rows = await withUser(
				claims,
				(sql) => sql`
					update public.programmes set website = 'https://new.example.org'
					where id = ${programme.programmeId} returning id
				`
			);
			expect(rows).toHaveLength(0);
		}
		expect((await programmeRow()).website).toBe('https://old.example.org');
		expect((await suggestionRow(websiteId)).status).toBe('pending');
		expect(await noticesOf(member)).toEqual([]);
	});

	it('accepting a value without applying it is refused', async () => {
		expect(
			await suggestions.decide(coordinator.claims, programme.programmeId, websiteId, 'accepted')
		).toBe('apply-instead');
		await expect(
			withUser(
				coordinator.claims,
				(sql) => sql`
					update public.programme_suggestions
					set status = 'accepted', decided_by = ${coordinator.id}, decided_at = now()
					where id = ${websiteId}
				`
			)
		).rejects.toMatchObject({ code: 'CC001' });
	});

	it('the coordinator applies it: the page says it, it is accepted, and only the member is told', async () => {
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, websiteId)).toEqual({
			ok: true
		});
		expect((await programmeRow()).website).toBe('https://new.example.org');
		expect(await suggestionRow(websiteId)).toMatchObject({
			status: 'accepted',
			decided_by: coordinator.id
		});
		const [notice] = await noticesOf(member);
		expect(notice).toMatchObject({
			kind: 'suggestion_applied',
			payload: {
				suggestion_id: websiteId,
				field: 'website',
				value_applied: true,
				reason: null,
				programme_name: 'Suggestion School'
			}
		});
		// The member reads it through the data layer; nobody else sees it.
		const { items } = await notifications.recent(member.claims);
		expect(items.map((n) => n.id)).toEqual([notice!.id]);
		const see = (sql: Sql) => sql`select id from public.notifications where id = ${notice!.id}`;
		for (const claims of [coordinator.claims, admin, otherMember.claims, otherCoordinator.claims]) {
			expect(await withUser(claims, see)).toHaveLength(0);
		}
		// Applied once: not twice, and not dismissed afterwards.
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, websiteId)).toEqual({
			ok: false,
			reason: 'decided'
		});
		expect(
			await suggestions.decide(coordinator.claims, programme.programmeId, websiteId, 'dismissed')
		).toBe('gone');
		await expect(
			withUser(
				coordinator.claims,
				(sql) => sql`
					update public.programme_suggestions set status = 'dismissed', decided_by = ${coordinator.id}
					where id = ${websiteId}
				`
			)
		).rejects.toMatchObject({ code: '55000' });
	});
});

describe('stale suggestions', () => {
	it('are not applied over a newer edit unless the coordinator confirms what the page says now', async () => {
		const id = await suggest(member, { field: 'summary', summary: 'A summary from a member.' });
		await withUser(
			coordinator.claims,
			(sql) => sql`
				update public.programmes set summary = 'Edited by the coordinator meanwhile.'
				where id = ${programme.programmeId}
			`
		);
		const [row] = (await suggestions.list(coordinator.claims, programme.programmeId)).filter(
			(s) => s.id === id
		);
		expect(row).toMatchObject({
			stale: true,
			based_on: { summary: 'The old summary.' },
			current_value: { summary: 'Edited by the coordinator meanwhile.' }
		});
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, id)).toEqual({
			ok: false,
			reason: 'stale'
		});
		// A confirmation of some other value than the current one does not count.
		expect(
			await suggestions.apply(coordinator.claims, programme.programmeId, id, {
				summary: 'The old summary.'
			})
		).toEqual({ ok: false, reason: 'stale' });
		expect((await programmeRow()).summary).toBe('Edited by the coordinator meanwhile.');
		expect((await suggestionRow(id)).status).toBe('pending');

		expect(
			await suggestions.apply(coordinator.claims, programme.programmeId, id, row!.current_value)
		).toEqual({ ok: true });
		expect((await programmeRow()).summary).toBe('A summary from a member.');
	});
});

describe('values of several columns', () => {
	it('an admin applies a fee with its currency, and an application window', async () => {
		const fee = await suggest(otherMember, {
			field: 'cost',
			cost: 'fee',
			fee_amount: '450',
			fee_currency: 'usd'
		});
		expect(await suggestions.apply(admin, programme.programmeId, fee)).toEqual({ ok: true });
		expect(await programmeRow()).toMatchObject({
			cost: 'fee',
			fee_amount: '450.00',
			fee_currency: 'USD'
		});
		// Back to free: the fee goes with it (the editor's rule).
		const free = await suggest(otherMember, {
			field: 'cost',
			cost: 'free',
			fee_amount: '450',
			fee_currency: 'USD'
		});
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, free)).toEqual({
			ok: true
		});
		expect(await programmeRow()).toMatchObject({
			cost: 'free',
			fee_amount: null,
			fee_currency: null
		});

		const window = await suggest(otherMember, {
			field: 'applications',
			applications_open_on: '2027-03-01',
			applications_close_on: '2027-03-31'
		});
		expect(await suggestions.apply(admin, programme.programmeId, window)).toEqual({ ok: true });
		const [dates] = await asService(
			(sql) => sql`
				select applications_open_on::text as open, applications_close_on::text as close
				from public.programmes where id = ${programme.programmeId}
			`
		);
		expect(dates).toEqual({ open: '2027-03-01', close: '2027-03-31' });
		expect((await noticesOf(otherMember)).map((n) => [n.kind, n.payload.field])).toEqual([
			['suggestion_applied', 'cost'],
			['suggestion_applied', 'cost'],
			['suggestion_applied', 'applications']
		]);
	});
});

describe('dismissing, and free-text suggestions', () => {
	it('a dismissal tells the member why; a coordinator of another programme cannot dismiss', async () => {
		const id = await suggest(member, { field: 'status', status: 'closed' });
		expect(
			await suggestions.decide(
				otherCoordinator.claims,
				programme.programmeId,
				id,
				'dismissed',
				'No'
			)
		).toBe('gone');
		expect(
			await suggestions.decide(
				coordinator.claims,
				programme.programmeId,
				id,
				'dismissed',
				'We run again next year.'
			)
		).toBe('decided');
		expect(await suggestionRow(id)).toMatchObject({
			status: 'dismissed',
			decision_reason: 'We run again next year.'
		});
		const notice = (await noticesOf(member)).find((n) => n.payload.suggestion_id === id);
		expect(notice).toMatchObject({
			kind: 'suggestion_dismissed',
			payload: { field: 'status', reason: 'We run again next year.', value_applied: false }
		});
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, id)).toEqual({
			ok: false,
			reason: 'decided'
		});
	});

	it('a free-text suggestion is marked done by hand and cannot be applied; old rows keep working', async () => {
		const id = await suggest(member, {
			field: 'topics',
			proposal: 'It also teaches cybersecurity policy.'
		});
		// A row as the first version of suggestions wrote it: field and words, nothing else.
		const [legacy] = await withUser(
			otherMember.claims,
			(sql) => sql<{ id: string }[]>`
				insert into public.programme_suggestions (programme_id, author_id, field, proposal)
				values (${programme.programmeId}, ${otherMember.id}, 'cohorts', 'The 2024 edition is missing.')
				returning id
			`
		);
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, id)).toEqual({
			ok: false,
			reason: 'no-value'
		});
		const rows = await suggestions.list(coordinator.claims, programme.programmeId);
		expect(rows.find((s) => s.id === legacy!.id)).toMatchObject({
			proposal: 'The 2024 edition is missing.',
			proposed_value: null,
			current_value: null
		});
		expect(
			await suggestions.decide(coordinator.claims, programme.programmeId, id, 'accepted')
		).toBe('decided');
		expect(
			await suggestions.decide(admin, programme.programmeId, legacy!.id, 'accepted', 'Added it.')
		).toBe('decided');
		const notice = (await noticesOf(member)).find((n) => n.payload.suggestion_id === id);
		expect(notice).toMatchObject({
			kind: 'suggestion_applied',
			payload: { field: 'topics', value_applied: false }
		});
	});

	it('nobody is told of their own decision on their own suggestion', async () => {
		const id = await suggest(coordinator, { field: 'name', name: 'Suggestion School of IG' });
		expect(await suggestions.apply(coordinator.claims, programme.programmeId, id)).toEqual({
			ok: true
		});
		// Neither as its author (applied) nor as a coordinator (received): nothing about it at all.
		// (The coordinator is told of the other members' suggestions of this file.)
		const aboutIt = (await noticesOf(coordinator)).filter((n) => n.payload.suggestion_id === id);
		expect(aboutIt).toEqual([]);
	});
});

describe('suggested edits', () => {
	let programme: Programme,
		member: Person,
		coordinator: Person,
		otherCoordinator: Person,
		admin: Claims;
	beforeAll(async () => {
		({ programme, member, coordinator, otherCoordinator, admin } = await curationWorld());
	});

	let suggestionId: string;
	const suggest = (person: Person, extra: Record<string, unknown> = {}) =>
		withUser(
			person.claims,
			(sql) => sql<{ id: string; status: string }[]>`
				insert into public.programme_suggestions ${sql({
					programme_id: programme.programmeId,
					author_id: person.id,
					field: 'website',
					proposal: 'The website moved to https://new.example.org',
					...extra
				})}
				returning id, status
			`
		);

	it('a member suggests an edit as themselves, pending; a visitor cannot', async () => {
		const [row] = await suggest(member);
		expect(row?.status).toBe('pending');
		suggestionId = row!.id;
		await expect(suggest(member, { author_id: coordinator.id })).rejects.toMatchObject({
			code: '42501'
		});
		await expect(suggest(member, { status: 'accepted' })).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			withAnon(
				(sql) =>
					sql`insert into public.programme_suggestions (programme_id, author_id, proposal) values (${programme.programmeId}, ${member.id}, 'x')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the author, the coordinators of the programme and admins read it; nobody else', async () => {
		const read = (sql: Sql) =>
			sql`select id from public.programme_suggestions where id = ${suggestionId}`;
		expect(await withUser(member.claims, read)).toHaveLength(1);
		expect(await withUser(coordinator.claims, read)).toHaveLength(1);
		expect(await withUser(admin, read)).toHaveLength(1);
		expect(await withUser(otherCoordinator.claims, read)).toHaveLength(0);
		const stranger = await createPerson();
		expect(await withUser(stranger.claims, read)).toHaveLength(0);
		await expect(withAnon(read)).rejects.toMatchObject({ code: '42501' });
	});

	it('the author cannot accept their own suggestion nor rewrite it after sending', async () => {
		const decided = await withUser(
			member.claims,
			(sql) => sql`
				update public.programme_suggestions set status = 'accepted', decided_by = ${member.id}, decided_at = now()
				where id = ${suggestionId} returning id
			`
		);
		expect(decided).toHaveLength(0);
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programme_suggestions set proposal = 'changed' where id = ${suggestionId}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a coordinator of another programme cannot decide; this one decides as themselves', async () => {
		const decide = (claims: Claims, by: string) =>
			withUser(
				claims,
				(sql) => sql`
					update public.programme_suggestions set status = 'accepted', decided_by = ${by}, decided_at = now()
					where id = ${suggestionId} returning status
				`
			);
		expect(await decide(otherCoordinator.claims, otherCoordinator.id)).toHaveLength(0);
		await expect(decide(coordinator.claims, member.id)).rejects.toMatchObject({ code: '42501' });
		expect(await decide(coordinator.claims, coordinator.id)).toEqual([{ status: 'accepted' }]);
	});
});

describe('a suggestion that empties a part of the page', () => {
	it('is applied only once the coordinator says that is what they want', async () => {
		await asService(
			(sql) => sql`
				update public.programmes set website = 'https://still.example.org'
				where id = ${other.programmeId}
			`
		);
		const id = await suggest(member, { field: 'website', website: '' }, other);
		expect(await suggestions.apply(otherCoordinator.claims, other.programmeId, id)).toEqual({
			ok: false,
			reason: 'empties'
		});
		expect((await programmeRow(other.programmeId)).website).toBe('https://still.example.org');
		expect(
			await suggestions.apply(otherCoordinator.claims, other.programmeId, id, null, {
				emptyConfirmed: true
			})
		).toEqual({ ok: true });
		expect((await programmeRow(other.programmeId)).website).toBeNull();
	});
});
