import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure, parseForm } from '$lib/server/forms';

const post = (fields: Record<string, string>) => {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	return new Request('http://app.test/form', { method: 'POST', body });
};

describe('what a refused form sends back', () => {
	it.each([
		['password', false],
		['current_password', false],
		['new_password', false],
		['code', false],
		['token', false],
		['token_hash', false],
		['country_code', true],
		['fee_currency', true],
		['display_name', true],
		['postcode', true]
	])('%s is sent back: %s', async (field, kept) => {
		const values = { [field]: 'typed', other: 'x' };
		expect(field in failure(values, {}).values).toBe(kept);
		const refused = await parseForm(post(values), z.object({ other: z.literal('y') }));
		expect(refused.ok).toBe(false);
		expect(field in refused.values).toBe(kept);
	});

	it('keeps the country after a refused save of a profile-like form', async () => {
		const schema = z.object({ display_name: z.string().min(1), country_code: z.string() });
		const result = await parseForm(post({ display_name: '', country_code: 'SN' }), schema);
		expect(result).toMatchObject({ ok: false, values: { country_code: 'SN' } });
	});
});
