/**
 * The rubric's and the review's forms: a criterion's scale is one label a line (2 to 11), its
 * weight a positive number (a decimal comma too); a review's score must be a point of its
 * criterion's scale, and submitting needs every score while a draft may leave some open.
 */
import { describe, expect, it } from 'vitest';
import { criterionSchema, reviewSchema } from '$lib/schemas/track-reviews';

const RUBRIC = [
	{ id: '11111111-1111-4111-8111-111111111111', scale: ['No', 'Some', 'Yes'] },
	{ id: '22222222-2222-4222-8222-222222222222', scale: ['0', '1', '2', '3', '4'] }
];
const [a, b] = RUBRIC.map((c) => `score_${c.id}`) as [string, string];

describe('the review form', () => {
	it('a draft may leave scores open and keeps those given', () => {
		const parsed = reviewSchema(RUBRIC).safeParse({ intent: 'draft', [a]: '2', [b]: '' });
		expect(parsed.success && parsed.data).toEqual({
			submit: false,
			values: {
				scores: { [RUBRIC[0]!.id]: 2 },
				comment_to_proposers: null,
				comment_to_committee: null
			}
		});
	});

	it('submitting needs every score, each named', () => {
		const parsed = reviewSchema(RUBRIC).safeParse({ intent: 'submit', [a]: '1' });
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => i.path[0])).toEqual([b]);
	});

	it('a score off its scale, or not a number, is refused on its field', () => {
		for (const value of ['3', '-1', '1.5', 'x']) {
			const parsed = reviewSchema(RUBRIC).safeParse({ intent: 'draft', [a]: value });
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues[0]?.path).toEqual([a]);
		}
		expect(reviewSchema(RUBRIC).safeParse({ intent: 'draft', [b]: '4' }).success).toBe(true);
	});

	it('the intent is draft or submit', () => {
		expect(reviewSchema(RUBRIC).safeParse({ intent: 'publish' }).success).toBe(false);
	});
});

describe('the criterion form', () => {
	it('reads the scale a label a line and the weight with a comma', () => {
		const parsed = criterionSchema.safeParse({
			name: 'Newcomers',
			weight: '1,5',
			scale: 'None\r\n\nSome\n  Many  \n'
		});
		expect(parsed.success && parsed.data).toEqual({
			name: 'Newcomers',
			description: null,
			weight: 1.5,
			scale: ['None', 'Some', 'Many'],
			independent: false
		});
	});

	it('refuses one label, twelve, a zero or negative weight', () => {
		const base = { name: 'Newcomers', weight: '1', scale: 'A\nB' };
		expect(criterionSchema.safeParse(base).success).toBe(true);
		expect(criterionSchema.safeParse({ ...base, scale: 'Only' }).success).toBe(false);
		expect(
			criterionSchema.safeParse({
				...base,
				scale: Array.from({ length: 12 }, (_, i) => `P${i}`).join('\n')
			}).success
		).toBe(false);
		for (const weight of ['0', '-1', '101', 'heavy', '']) {
			expect(criterionSchema.safeParse({ ...base, weight }).success).toBe(false);
		}
	});
});
