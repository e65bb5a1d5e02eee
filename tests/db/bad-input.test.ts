/**
 * Bad input answers 4xx with a message, never 500: what Postgres makes of it, the lookups by a
 * slug that cannot exist, and actions whose update RLS (or the programme) filters to nothing.
 */
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { asService, withAnon, withUser, type Claims, type Tx } from '$lib/server/db/client';
import { peopleError } from '$lib/server/db/errors';
import * as organisations from '$lib/server/db/organisations';
import * as programmes from '$lib/server/db/programmes';
import * as profiles from '$lib/server/db/profiles';
import { encodeCursor } from '$lib/server/db/directory';
import { actions as profileActions } from '../../src/routes/account/profile/+page.server';
import { actions as editActions } from '../../src/routes/programmes/[slug]/edit/+page.server';
import { load as peopleLoad } from '../../src/routes/people/+page.server';
import { load as programmesLoad } from '../../src/routes/programmes/+page.server';
import { actions as welcomeActions } from '../../src/routes/welcome/+page.server';
import { addMembership, createPerson, createProgramme, type Programme } from './factories';

// The actions' guard, as the signed-in person of each test (the guard itself is hooks' business).
const signedIn = vi.hoisted(() => ({ claims: null as Claims | null }));
vi.mock('$lib/server/auth/guard', async (original) => ({
	...(await original<typeof import('$lib/server/auth/guard')>()),
	requireUser: () => signedIn.claims
}));

const post = (fields: Record<string, string | string[]>) => {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		for (const v of [value].flat()) body.append(key, v);
	}
	return new Request('http://localhost/action', { method: 'POST', body });
};

/** What a thrown value or an answer says: its status, or 'redirect'/'ok'. */
async function answer(run: () => unknown) {
	try {
		const result = await run();
		return isActionFailure(result) ? { status: result.status, data: result.data } : { ok: result };
	} catch (err) {
		if (isRedirect(err)) return { redirect: err.location };
		if (isHttpError(err)) return { status: err.status, data: err.body };
		throw err;
	}
}

describe('what Postgres makes of input only a person can get wrong', () => {
	it.each<[string, (sql: Tx) => PromiseLike<unknown>]>([
		['a NUL in text', (sql) => sql`select ${'a\0b'}::text`],
		// (As text: a date parameter is serialised by postgres.js through a JavaScript Date first,
		// which throws on 0000-00-00 and moves 2026-02-30 to March: the schemas take real days only.)
		['a day that is not one', (sql) => sql`select ${'2026-02-30'}::text::date`],
		['year zero', (sql) => sql`select ${'0000-00-00'}::text::date`],
		['not a date at all', (sql) => sql`select ${'soon'}::text::date`],
		['a NUL in jsonb', (sql) => sql`select ${sql.json({ a: 'x\0' })}::jsonb`],
		['not a uuid', (sql) => sql`select ${'not-a-uuid'}::uuid`]
	])('%s is a 400 in plain words', async (_, query) => {
		const err = await withAnon(async (sql) => void (await query(sql))).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Error);
		expect(peopleError(err)).toMatchObject({ status: 400 });
	});
});

describe('a slug with a NUL (or any other shape no slug has) names nothing', () => {
	it.each(['a\0b', '\0', 'Not A Slug', 'x'.repeat(81)])('%j', async (slug) => {
		const member = await createPerson();
		expect(await programmes.get(null, slug)).toBeUndefined();
		expect(await programmes.get(member.claims, slug)).toBeUndefined();
		expect(await programmes.bySlug(member.claims, slug)).toBeUndefined();
		expect(await organisations.get(null, slug)).toBeUndefined();
	});
});

const slugOf = (programme: Programme) =>
	asService(
		async (sql) =>
			(
				await sql<{ slug: string }[]>`
				select slug from public.programmes where id = ${programme.programmeId}
			`
			)[0]!.slug
	);

describe('a coordinator’s action on another programme’s cohort', () => {
	let ours: Programme;
	let theirs: Programme;
	let slug: string;
	let coordinator: Claims;
	beforeAll(async () => {
		[ours, theirs] = await Promise.all([createProgramme('Ours'), createProgramme('Theirs')]);
		const person = await createPerson();
		await addMembership(person, ours, 'coordinator');
		coordinator = person.claims;
		slug = await slugOf(ours);
	});
	const run = (action: 'cohort' | 'removeCohort', fields: Record<string, string>) => {
		signedIn.claims = coordinator;
		const event = { request: post(fields), params: { slug } } as never;
		return answer(() => editActions[action](event));
	};
	const cohortIn = (programme: Programme) =>
		asService(
			async (sql) =>
				(
					await sql<{ edition: string }[]>`
					select edition from public.cohorts where id = ${programme.cohortId}
				`
				)[0]!.edition
		);

	it('saving it is refused and says so; their cohort is unchanged', async () => {
		const result = await run('cohort', {
			id: theirs.cohortId,
			edition: 'Mine now',
			starts_on: '2025-06-01',
			ends_on: '2025-06-07'
		});
		expect(result).toMatchObject({ status: 404 });
		expect(JSON.stringify(result)).toMatch(/nothing was changed/);
		expect(await cohortIn(theirs)).toBe('2025');
	});

	it('removing it is refused and says so; their cohort is still there', async () => {
		const result = await run('removeCohort', { id: theirs.cohortId });
		expect(result).toMatchObject({ status: 404 });
		expect(await cohortIn(theirs)).toBe('2025');
	});

	it('their own cohort is saved, and a bad date is a 400 on its field', async () => {
		expect(
			await run('cohort', {
				id: ours.cohortId,
				edition: '2025 — Summer',
				starts_on: '2025-06-01',
				ends_on: '2025-06-07'
			})
		).toEqual({ ok: { cohortSaved: '2025 — Summer' } });
		const bad = await run('cohort', {
			edition: '2026',
			starts_on: '2026-02-30',
			ends_on: '2026-03-01'
		});
		expect(bad).toMatchObject({ status: 400, data: { errors: { starts_on: expect.any(String) } } });
	});
});

describe('a person removing a position or a link that is not theirs', () => {
	it('is told nothing was removed, and the owner keeps it', async () => {
		const [owner, other] = await Promise.all([createPerson(), createPerson()]);
		await profiles.addPosition(owner.claims, {
			title: 'Analyst',
			organisation: 'Ministry',
			kind: 'government',
			starts_on: null,
			ends_on: null
		});
		await profiles.addLink(owner.claims, {
			kind: 'website',
			url: 'https://example.org',
			label: null
		});
		const own = await profiles.getOwn(owner.claims);
		signedIn.claims = other.claims;
		const remove = (action: 'removePosition' | 'removeLink', id: string) =>
			answer(() => profileActions[action]({ request: post({ id }) } as never));
		expect(await remove('removePosition', own.positions[0]!.id)).toMatchObject({ status: 404 });
		expect(await remove('removeLink', own.links[0]!.id)).toMatchObject({ status: 404 });
		const after = await profiles.getOwn(owner.claims);
		expect([after.positions.length, after.links.length]).toEqual([1, 1]);

		signedIn.claims = owner.claims;
		expect(await remove('removePosition', own.positions[0]!.id)).toEqual({
			ok: { action: 'position' }
		});
	});
});

describe('onboarding with a choice that is shaped right but names nothing', () => {
	it.each([
		[{ topics: 'no-such-topic' }, 'topics'],
		[{ stakeholder_group: 'no-such-group' }, 'stakeholder_group'],
		[{ country_code: 'ZZ' }, 'country_code'],
		[{ language_0: 'zz', level_0: 'native' }, 'language_0'],
		[{ headline: 'Policy\0analyst' }, 'headline']
	])('%j is a 400 on its field, and the person is not onboarded', async (fields, field) => {
		const person = await createPerson();
		signedIn.claims = person.claims;
		const result = await answer(() =>
			welcomeActions.save({
				request: post({ country_code: '', time_zone: '', ...fields }),
				url: new URL('http://localhost/welcome')
			} as never)
		);
		expect(result).toMatchObject({
			status: 400,
			data: { errors: { [field]: expect.any(String) } }
		});
		expect(await profiles.needsOnboarding(person.claims)).toBe(true);
	});

	it('a known topic is saved', async () => {
		const person = await createPerson();
		signedIn.claims = person.claims;
		const [topic] = await withUser(
			person.claims,
			(sql) =>
				sql<
					{ slug: string }[]
				>`select slug from public.topics where parent_slug is not null limit 1`
		);
		const result = await answer(() =>
			welcomeActions.save({
				request: post({ country_code: '', time_zone: '', topics: topic!.slug }),
				url: new URL('http://localhost/welcome')
			} as never)
		);
		expect(result).toEqual({ redirect: '/people' });
	});
});

describe('a page link made by hand', () => {
	const visit = (load: typeof peopleLoad | typeof programmesLoad, query: string) =>
		answer(() =>
			load({
				locals: { claims: null },
				url: new URL(`http://localhost/x?${query}`),
				isDataRequest: true,
				setHeaders: () => {}
			} as never)
		);
	const cursor = (key: string, tier = 0) =>
		encodeCursor({ tier, key, id: '00000000-0000-4000-8000-000000000000' });

	it.each([
		['a score out of range', `after=${cursor('1e99')}`],
		['not a number', `after=${cursor('1-2-3')}`],
		['a 13th month as the newest order', `sort=newest&after=${cursor('2026-13-01 00:00:00+00')}`],
		['a name similarity out of range', `q=amina&after=${cursor('9e99', 2)}`]
	])('the directory with %s shows the first page and says why', async (_, query) => {
		const result = await visit(peopleLoad, query);
		expect(result).toMatchObject({
			ok: { directory: { value: { problems: [expect.stringMatching(/out of date/)] } } }
		});
	});

	it.each([
		[peopleLoad, 'q=a%00b'],
		[peopleLoad, 'topic=%00'],
		[programmesLoad, 'q=a%00b'],
		[programmesLoad, 'after=%00']
	])('a NUL in the query is a 400 with a message (%#)', async (load, query) => {
		expect(await visit(load, query)).toMatchObject({
			status: 400,
			data: { message: expect.stringMatching(/not allowed/) }
		});
	});
});
