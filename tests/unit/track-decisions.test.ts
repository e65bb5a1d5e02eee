/**
 * The decisions forms' schemas (src/lib/schemas/track-decisions.ts): a decision with its note, a
 * merge that must name another proposal, the page's filter and a proposer's answer, each bad input
 * refused on its field.
 */
import { describe, expect, it } from 'vitest';
import { answerSchema, decideSchema, decisionsFilterSchema } from '$lib/schemas/track-decisions';

const A = '7f3c1d6e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const B = '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a';

describe('a decision', () => {
	it.each([
		[
			{ proposal: A, decision: 'accepted', note: '  Bring the trainers.  ' },
			{ decision: 'accepted', merged_into: null, note: 'Bring the trainers.' }
		],
		[
			{ proposal: A, decision: 'waitlisted', note: '' },
			{ decision: 'waitlisted', merged_into: null, note: null }
		],
		[
			{ proposal: A, decision: 'merged', merged_into: B },
			{ decision: 'merged', merged_into: B, note: null }
		],
		// A target left over from a merge is dropped for any other decision.
		[
			{ proposal: A, decision: 'rejected', merged_into: B },
			{ decision: 'rejected', merged_into: null, note: null }
		]
	])('%o is taken', (input, expected) => {
		const parsed = decideSchema.safeParse(input);
		expect(parsed.success).toBe(true);
		expect(parsed.data).toMatchObject({ proposal: A, ...expected });
	});

	it.each([
		[{ proposal: A, decision: 'keynote' }, 'decision'],
		[{ proposal: A }, 'decision'],
		[{ proposal: 'not-an-id', decision: 'accepted' }, 'proposal'],
		[{ proposal: A, decision: 'merged' }, 'merged_into'],
		[{ proposal: A, decision: 'merged', merged_into: A }, 'merged_into'],
		[{ proposal: A, decision: 'merged', merged_into: 'somewhere' }, 'merged_into'],
		[{ proposal: A, decision: 'accepted', note: 'x'.repeat(5001) }, 'note']
	])('%o is refused on %s', (input, field) => {
		const parsed = decideSchema.safeParse(input);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field);
		expect(parsed.error?.issues.every((i) => i.message.length > 0)).toBe(true);
	});
});

describe('the filter and the answer', () => {
	it.each(['accepted', 'merged', 'undecided', 'unconfirmed', undefined])('shows %s', (show) => {
		expect(decisionsFilterSchema.safeParse({ show }).success).toBe(true);
	});
	it('refuses a filter no form offers', () => {
		expect(decisionsFilterSchema.safeParse({ show: 'everything' }).success).toBe(false);
	});
	it.each([
		['confirmed', true],
		['declined', true],
		['maybe', false],
		[undefined, false]
	])('answers %s: %s', (answer, ok) => {
		expect(answerSchema.safeParse({ answer }).success).toBe(ok);
	});
});
