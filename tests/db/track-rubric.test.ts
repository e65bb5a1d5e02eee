/**
 * The track's rubric and reviews: only admins write the rubric (every new cycle gets the IGF's
 * defaults; a scored criterion keeps its scale and stays); only the assigned reviewer writes their
 * review, never with a conflict, never outside a phase that allows reviewing, never a score off
 * the scale, never submitted without every score; other reviewers' reviews stay hidden until the
 * phase allows it and one has submitted one's own, their names while the phase is blind;
 * proposers never read the committee's comments, nor the comments to them before the phase
 * publishes them; and nothing a reviewer reads names a proposer, a speaker or an organisation.
 */
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as profiles from '$lib/server/db/profiles';
import * as trackDb from '$lib/server/db/track';
import * as reviewsDb from '$lib/server/db/track-reviews';
import { asAdmin, createPerson, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

let admin: Claims;
let cycle: string;
let closedCycle: string;
let lead: Person;
let coProposer: Person;
let first: Person;
let second: Person;
let third: Person;
let idle: Person;
let outsider: Person;
let proposal: string;
let closedProposal: string;
let criteria: reviewsDb.Criterion[];

const NAMES = [
	'Pachacuti Proposer',
	'Ixchel Coproposer',
	'Quilla Speaker',
	'Andes Lab',
	'Tiwanaku Institute'
];
const COMMITTEE_WORDS = 'For the committee only: the speakers lack experience.';

const as = <T>(person: Person | 'admin', fn: (sql: postgres.TransactionSql) => Promise<T>) =>
	withUser(person === 'admin' ? admin : person.claims, fn);

const handleOf = (person: Person) =>
	asService(async (sql) => {
		const [row] = await sql<
			{ handle: string }[]
		>`select handle from public.profiles where id = ${person.id}`;
		return row!.handle;
	});

async function newCycle(slug: string, reviewFrom: number, reviewUntil: number) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values (${slug}, ${`Cycle ${slug}`}, 'America/Lima') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, proposers_may_edit,
			                                 reviewers_may_review, reviewers_see_reviews, blind_review,
			                                 proposers_see_reviews)
			values (${row!.id}, 'call', ${at(-60)}, ${at(-40)}, true, false, false, true, false),
			       (${row!.id}, 'review', ${at(reviewFrom)}, ${at(reviewUntil)}, false, true, false, true, false),
			       (${row!.id}, 'decisions', ${at(reviewUntil)}, ${at(reviewUntil + 20)}, false, false, false, true, true)
		`;
		return row!.id;
	});
}

async function proposalIn(cycleId: string, title: string) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycleId,
				proposer_id: lead.id,
				title,
				status: 'submitted',
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'How do Andean schools reach rural learners?',
				description: 'A workshop.',
				expected_outcomes: 'A checklist.',
				interaction: 'Breakout groups.',
				target_audience: 'Trainers.',
				languages: ['es', 'en']
			})}
			returning id
		`;
		await sql`
			insert into public.track_speakers (proposal_id, name, organisation, stakeholder_group, region_code, confirmed)
			values (${row!.id}, 'Quilla Speaker', 'Andes Lab', 'academia', '019', true)
		`;
		return row!.id;
	});
}

const scoresFor = (score: (i: number) => number) =>
	Object.fromEntries(criteria.map((c, i) => [c.id, score(i)]));

const setPhase = (cycleId: string, kind: string, set: Record<string, boolean | Date>) =>
	asService(
		(sql) =>
			sql`update public.track_phases set ${sql(set)} where cycle_id = ${cycleId} and kind = ${kind}`
	);

beforeAll(async () => {
	const [adminPerson, ...rest] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Pachacuti Proposer' }),
		createPerson({ displayName: 'Ixchel Coproposer' }),
		createPerson({ displayName: 'Rumi First' }),
		createPerson({ displayName: 'Sami Second' }),
		createPerson({ displayName: 'Tupac Third' }),
		createPerson({ displayName: 'Urpi Idle' }),
		createPerson()
	]);
	[lead, coProposer, first, second, third, idle, outsider] = rest as Person[] as [
		Person,
		Person,
		Person,
		Person,
		Person,
		Person,
		Person
	];
	admin = await asAdmin(adminPerson);
	await asService(
		(sql) =>
			sql`update public.profiles set current_organisation = 'Tiwanaku Institute' where id = ${lead.id}`
	);
	cycle = await newCycle('rubric-test', -5, 10);
	closedCycle = await newCycle('rubric-closed', -20, -1);
	proposal = await proposalIn(cycle, 'Andean schools online');
	closedProposal = await proposalIn(closedCycle, 'Last year’s session');
	await asService(
		(sql) => sql`
			insert into public.track_co_proposers (proposal_id, profile_id, status)
			values (${proposal}, ${coProposer.id}, 'accepted')
		`
	);
	for (const id of [cycle, closedCycle]) {
		for (const person of [first, second, third, idle]) {
			expect(await trackDb.inviteReviewer(admin, id, await handleOf(person))).toBe(true);
			expect(await trackDb.answerReviewing(person.claims, id, 'accepted')).toBe(true);
		}
	}
	for (const person of [first, second, third]) {
		await trackDb.assignByHand(admin, proposal, person.id);
	}
	await trackDb.assignByHand(admin, closedProposal, first.id);
	criteria = await reviewsDb.criteria(admin, cycle);
});

describe('the rubric', () => {
	it('a new cycle has the IGF’s criteria, equal weights, a 0–4 scale; everyone reads them', async () => {
		expect(criteria.map((c) => c.name)).toEqual([
			'Relevance to the track',
			'Clarity of the policy question',
			'Content',
			'Diversity',
			'Format and interaction'
		]);
		expect(new Set(criteria.map((c) => c.weight))).toEqual(new Set([1]));
		expect(criteria.every((c) => c.scale.length === 5 && !c.independent)).toBe(true);
		expect((await reviewsDb.criteria(null, cycle)).length).toBe(5);
		expect((await reviewsDb.criteria(outsider.claims, cycle)).length).toBe(5);
	});

	it('only admins add, change and remove criteria', async () => {
		const values = {
			name: 'Newcomers',
			description: null,
			weight: 2,
			scale: ['No', 'Some', 'Many'],
			independent: true
		};
		await expect(reviewsDb.addCriterion(first.claims, cycle, values)).rejects.toThrow(
			/row-level security/
		);
		await expect(
			withAnon(
				(sql) => sql`insert into public.track_criteria (cycle_id, name) values (${cycle}, 'Sneaky')`
			)
		).rejects.toThrow(/permission denied/);
		const target = criteria[0]!;
		expect(
			await reviewsDb.updateCriterion(first.claims, cycle, target.id, {
				...values,
				name: 'Hijacked'
			})
		).toBe('gone');
		expect(await reviewsDb.removeCriterion(lead.claims, cycle, target.id)).toBe('gone');
		expect((await reviewsDb.criteria(admin, cycle))[0]!.name).toBe('Relevance to the track');

		await reviewsDb.addCriterion(admin, cycle, values);
		const added = (await reviewsDb.criteria(admin, cycle)).at(-1)!;
		expect(added).toMatchObject({ name: 'Newcomers', weight: 2, independent: true, position: 5 });
		expect(await reviewsDb.moveCriterion(admin, cycle, added.id, -1)).toBe(true);
		expect((await reviewsDb.criteria(admin, cycle))[4]!.id).toBe(added.id);
		expect(await reviewsDb.removeCriterion(admin, cycle, added.id)).toBe('done');
		expect((await reviewsDb.criteria(admin, cycle)).map((c) => c.id)).toEqual(
			criteria.map((c) => c.id)
		);
	});

	it('the database refuses a scale that is not 2 to 11 labels, and a weight that is not positive', async () => {
		for (const scale of [['Only one'], [1, 2, 3], Array.from({ length: 12 }, (_, i) => `P${i}`)]) {
			await expect(
				as(
					'admin',
					(sql) =>
						sql`insert into public.track_criteria (cycle_id, name, scale) values (${cycle}, 'Bad', ${sql.json(scale)})`
				)
			).rejects.toThrow(/track_criteria_scale_check/);
		}
		await expect(
			as(
				'admin',
				(sql) =>
					sql`insert into public.track_criteria (cycle_id, name, weight) values (${cycle}, 'Bad', 0)`
			)
		).rejects.toThrow(/track_criteria_weight_check/);
	});
});

describe('writing a review', () => {
	it('the assigned reviewer saves a draft with some scores, and changes it', async () => {
		const draft = {
			scores: { [criteria[0]!.id]: 3 },
			comment_to_proposers: 'Promising.',
			comment_to_committee: null
		};
		expect(await reviewsDb.saveReview(first.claims, proposal, draft, false)).toEqual({
			ok: true,
			state: 'draft'
		});
		expect(
			await reviewsDb.saveReview(
				first.claims,
				proposal,
				{ ...draft, scores: { ...draft.scores, [criteria[1]!.id]: 2 } },
				false
			)
		).toEqual({ ok: true, state: 'draft' });
		const page = await reviewsDb.reviewPage(first.claims, cycle, proposal);
		expect(page?.review).toMatchObject({
			state: 'draft',
			comment_to_proposers: 'Promising.',
			scores: { [criteria[0]!.id]: 3, [criteria[1]!.id]: 2 }
		});
		expect(page?.mayReview).toBe(true);
	});

	it('submitting needs every score; a score off the scale is refused, even written by hand', async () => {
		const partial = {
			scores: { [criteria[0]!.id]: 3 },
			comment_to_proposers: null,
			comment_to_committee: null
		};
		expect(await reviewsDb.saveReview(first.claims, proposal, partial, true)).toEqual({
			ok: false,
			reason: 'incomplete'
		});
		expect(
			await reviewsDb.saveReview(
				first.claims,
				proposal,
				{ ...partial, scores: scoresFor(() => 5) },
				false
			)
		).toEqual({ ok: false, reason: 'out_of_scale' });
		// What was there stays (the refusal rolled the whole save back).
		expect((await reviewsDb.reviewPage(first.claims, cycle, proposal))?.review?.scores).toEqual({
			[criteria[0]!.id]: 3,
			[criteria[1]!.id]: 2
		});
		await expect(
			as(first, async (sql) => {
				const [review] = await sql<
					{ id: string }[]
				>`select id from public.track_reviews where reviewer_id = ${first.id}`;
				await sql`
					update public.track_review_scores set score = 9
					where review_id = ${review!.id} and criterion_id = ${criteria[0]!.id}
				`;
			})
		).rejects.toThrow(/outside the criterion's scale/);
		await expect(
			as(first, async (sql) => {
				const [review] = await sql<
					{ id: string }[]
				>`select id from public.track_reviews where reviewer_id = ${first.id}`;
				await sql`
					update public.track_review_scores set score = -1
					where review_id = ${review!.id} and criterion_id = ${criteria[0]!.id}
				`;
			})
		).rejects.toThrow(/track_review_scores_score_check/);
	});

	it('a submitted review may still change until the phase ends, and stays submitted', async () => {
		const full = {
			scores: scoresFor((i) => i % 5),
			comment_to_proposers: 'Clear question; say more about the online part.',
			comment_to_committee: COMMITTEE_WORDS
		};
		expect(await reviewsDb.saveReview(first.claims, proposal, full, true)).toEqual({
			ok: true,
			state: 'submitted'
		});
		expect(
			await reviewsDb.saveReview(
				first.claims,
				proposal,
				{ ...full, scores: scoresFor(() => 4) },
				false
			)
		).toEqual({ ok: true, state: 'submitted' });
		await expect(
			as(
				first,
				(sql) =>
					sql`update public.track_reviews set state = 'draft' where reviewer_id = ${first.id}`
			)
		).rejects.toThrow(/stays submitted/);
		const [row] = await as(
			first,
			(sql) =>
				sql<
					{ state: string; submitted_at: Date | null }[]
				>`select state, submitted_at from public.track_reviews where reviewer_id = ${first.id}`
		);
		expect(row?.state).toBe('submitted');
		expect(row?.submitted_at).toBeInstanceOf(Date);
	});

	it('no one but the assigned reviewer writes it: not another reviewer, not a member, not an admin by the form', async () => {
		const any = { scores: {}, comment_to_proposers: 'Mine now', comment_to_committee: null };
		for (const who of [idle, outsider, lead]) {
			expect(await reviewsDb.saveReview(who.claims, proposal, any, false)).toEqual({
				ok: false,
				reason: 'closed'
			});
		}
		expect(await reviewsDb.saveReview(admin, proposal, any, false)).toEqual({
			ok: false,
			reason: 'closed'
		});
		// Another assigned reviewer cannot change the first one's row.
		const changed = await as(
			second,
			(sql) =>
				sql`update public.track_reviews set comment_to_proposers = 'Changed' where reviewer_id = ${first.id} returning 1`
		);
		expect(changed.length).toBe(0);
		expect(await reviewsDb.reviewPage(idle.claims, cycle, proposal)).toBeNull();
	});

	it('a reviewer who declares a conflict after being assigned no longer writes nor reads it', async () => {
		await trackDb.declareConflict(third.claims, proposal, 'A former colleague speaks in it.');
		expect(
			await reviewsDb.saveReview(
				third.claims,
				proposal,
				{ scores: {}, comment_to_proposers: 'x', comment_to_committee: null },
				false
			)
		).toEqual({ ok: false, reason: 'closed' });
		expect(await reviewsDb.reviewPage(third.claims, cycle, proposal)).toBeNull();
		expect((await reviewsDb.queue(third.claims, cycle)).map((q) => q.id)).not.toContain(proposal);
	});

	it('outside a phase that allows reviewing, the assigned reviewer writes nothing', async () => {
		expect(
			await reviewsDb.saveReview(
				first.claims,
				closedProposal,
				{ scores: {}, comment_to_proposers: 'Late', comment_to_committee: null },
				false
			)
		).toEqual({ ok: false, reason: 'closed' });
		expect((await reviewsDb.reviewPage(first.claims, closedCycle, closedProposal))?.mayReview).toBe(
			false
		);
	});
});

describe('who reads the reviews', () => {
	it('other reviews stay hidden until the phase allows it and one has submitted one’s own', async () => {
		// The phase does not let reviewers see reviews: the first (submitted) sees nothing.
		expect(await reviewsDb.reviewPage(first.claims, cycle, proposal)).toMatchObject({
			others: []
		});
		await setPhase(cycle, 'review', { reviewers_see_reviews: true });
		// The second has not submitted: the first's review stays hidden from them.
		await reviewsDb.saveReview(
			second.claims,
			proposal,
			{
				scores: scoresFor(() => 1),
				comment_to_proposers: 'Draft words',
				comment_to_committee: null
			},
			false
		);
		expect((await reviewsDb.reviewPage(second.claims, cycle, proposal))?.others).toEqual([]);
		// The first sees no draft of the second.
		expect((await reviewsDb.reviewPage(first.claims, cycle, proposal))?.others).toEqual([]);
		// Once the second submits, each sees the other's, without a name while the phase is blind.
		await reviewsDb.saveReview(
			second.claims,
			proposal,
			{
				scores: scoresFor(() => 1),
				comment_to_proposers: 'Second’s words',
				comment_to_committee: 'Weak.'
			},
			true
		);
		const seenBySecond = (await reviewsDb.reviewPage(second.claims, cycle, proposal))!.others;
		expect(seenBySecond).toHaveLength(1);
		expect(seenBySecond[0]).toMatchObject({
			reviewer_name: null,
			comment_to_committee: COMMITTEE_WORDS,
			scores: scoresFor(() => 4)
		});
		expect(JSON.stringify(seenBySecond)).not.toContain('Rumi');
		const seenByFirst = (await reviewsDb.reviewPage(first.claims, cycle, proposal))!.others;
		expect(seenByFirst.map((o) => o.comment_to_proposers)).toEqual(['Second’s words']);
		// A phase that is not blind shows the reviewers' names to each other.
		await setPhase(cycle, 'review', { blind_review: false });
		expect(
			(await reviewsDb.reviewPage(second.claims, cycle, proposal))!.others[0]!.reviewer_name
		).toBe('Rumi First');
		await setPhase(cycle, 'review', { blind_review: true });
		// Nobody else reads them through the function.
		for (const who of [idle, outsider, lead, third]) {
			expect(
				await withUser(
					who.claims,
					(sql) => sql`select * from private.track_other_reviews(${proposal})`
				)
			).toEqual([]);
		}
	});

	it('the rows: each reviewer their own, admins all, no one else any', async () => {
		const rows = (who: Person | 'admin') =>
			as(
				who,
				(sql) => sql<{ reviewer_id: string }[]>`select reviewer_id from public.track_reviews`
			);
		const scores = (who: Person | 'admin') =>
			as(who, (sql) => sql`select review_id from public.track_review_scores`);
		expect((await rows(first)).map((r) => r.reviewer_id)).toEqual([first.id]);
		expect(new Set((await rows('admin')).map((r) => r.reviewer_id))).toEqual(
			new Set([first.id, second.id])
		);
		expect((await scores('admin')).length).toBe(criteria.length * 2);
		expect((await scores(first)).length).toBe(criteria.length);
		for (const who of [lead, coProposer, outsider, idle]) {
			expect(await rows(who)).toEqual([]);
			expect(await scores(who)).toEqual([]);
		}
		await expect(withAnon((sql) => sql`select id from public.track_reviews`)).rejects.toThrow(
			/permission denied/
		);
	});

	it('proposers read the comments to them only once the phase publishes them, never the committee’s', async () => {
		expect(await reviewsDb.feedback(lead.claims, proposal)).toEqual([]);
		expect(await reviewsDb.feedback(coProposer.claims, proposal)).toEqual([]);
		// Publication: the decisions phase has started.
		await setPhase(cycle, 'decisions', { starts_at: at(-1) });
		const read = await reviewsDb.feedback(lead.claims, proposal);
		expect(read.map((f) => f.comment_to_proposers).sort()).toEqual(
			['Clear question; say more about the online part.', 'Second’s words'].sort()
		);
		expect((await reviewsDb.feedback(coProposer.claims, proposal)).length).toBe(2);
		const text = JSON.stringify(read);
		for (const word of [COMMITTEE_WORDS, 'Weak.', 'Rumi', 'Sami', first.id, second.id]) {
			expect(text).not.toContain(word);
		}
		// Not a proposer: nothing.
		expect(await reviewsDb.feedback(outsider.claims, proposal)).toEqual([]);
		expect(await reviewsDb.feedback(first.claims, proposal)).toEqual([]);
		await setPhase(cycle, 'decisions', { starts_at: at(10) });
	});

	it('nothing a reviewer reads names a proposer, a speaker or an organisation', async () => {
		const read = [
			await reviewsDb.queue(first.claims, cycle),
			await reviewsDb.reviewPage(first.claims, cycle, proposal),
			await reviewsDb.reviewPage(second.claims, cycle, proposal),
			await withUser(
				first.claims,
				(sql) => sql`select * from private.track_reviewer_proposal(${proposal})`
			),
			await withUser(
				first.claims,
				(sql) => sql`select * from private.track_reviewer_speakers(${proposal})`
			)
		];
		const text = JSON.stringify(read);
		expect(text).toContain('Andean schools online');
		expect(text).toContain('academia');
		for (const word of [...NAMES, lead.id, coProposer.id]) {
			expect(text).not.toContain(word);
		}
	});
});

describe('what reviews hold in place', () => {
	it('a scored criterion keeps its scale and stays; its words and weight still change', async () => {
		const scored = (await reviewsDb.criteria(admin, cycle))[0]!;
		expect(scored.scored).toBe(true);
		const values = {
			name: 'Relevance to the capacity-building track',
			description: 'Renamed.',
			weight: 2,
			scale: scored.scale,
			independent: false
		};
		expect(await reviewsDb.updateCriterion(admin, cycle, scored.id, values)).toBe('done');
		expect(
			await reviewsDb.updateCriterion(admin, cycle, scored.id, { ...values, scale: ['No', 'Yes'] })
		).toBe('scored');
		expect(await reviewsDb.removeCriterion(admin, cycle, scored.id)).toBe('scored');
		expect((await reviewsDb.criteria(admin, cycle))[0]).toMatchObject({
			name: 'Relevance to the capacity-building track',
			weight: 2,
			scale: scored.scale
		});
	});

	it('an assignment with a review is kept by a re-run and cannot be taken back', async () => {
		await trackDb.runAssignment(admin, cycle, 1);
		const kept = await trackDb.assignments(admin, cycle);
		expect(kept.filter((a) => a.proposal_id === proposal).map((a) => a.reviewer_id)).toEqual(
			expect.arrayContaining([first.id, second.id])
		);
		expect(await trackDb.unassign(admin, proposal, first.id)).toBe(false);
	});

	it('a reviewer’s data export holds their reviews, no one else’s', async () => {
		const mine = (await profiles.exportMine(first.claims)).reviews;
		expect(mine).toEqual([
			expect.objectContaining({
				cycle: 'Cycle rubric-test',
				proposal: 'Andean schools online',
				state: 'submitted',
				comment_to_committee: COMMITTEE_WORDS
			})
		]);
		expect(JSON.stringify(mine)).not.toContain('Second’s words');
		expect((await profiles.exportMine(lead.claims)).reviews).toEqual([]);
	});

	it('the committee (admins) reads each submitted review in full; a proposer or reviewer reads none of it', async () => {
		const all = await reviewsDb.forCommittee(admin, proposal);
		expect(all).toHaveLength(2);
		const firsts = all.find((r) => r.comment_to_committee === COMMITTEE_WORDS)!;
		expect(firsts.reviewer_name).toBeTruthy();
		expect(firsts.scores.length).toBeGreaterThan(0);
		expect(firsts.scores.every((s) => s.criterion.length >= 2)).toBe(true);
		expect(firsts.scores.every((s) => typeof s.label === 'string' && s.points >= 2)).toBe(true);
		expect(await reviewsDb.forCommittee(lead.claims, proposal)).toEqual([]);
		expect(await reviewsDb.forCommittee(second.claims, proposal)).toEqual([]);
		expect(await reviewsDb.forCommittee(outsider.claims, proposal)).toEqual([]);
	});

	it('admins see each proposal’s progress: assigned, submitted, drafts', async () => {
		const progress = await reviewsDb.progress(admin, cycle);
		expect(progress.get(proposal)).toMatchObject({ submitted: 2, drafts: 0 });
		// Anyone else: nothing (they read no proposals).
		expect((await reviewsDb.progress(first.claims, cycle)).size).toBe(0);
	});
});
