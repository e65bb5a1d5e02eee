import { isHttpError } from '@sveltejs/kit';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applySchema } from '$lib/schemas/suggestions';
import { NUL_MESSAGE } from '$lib/schemas/fields';
import { cursorCodec, nameCursor } from '$lib/server/cursor';
import { peopleError } from '$lib/server/db/errors';
import { parseForm, searchParams } from '$lib/server/forms';

const post = (fields: [string, string][]) => {
	const body = new FormData();
	for (const [key, value] of fields) body.append(key, value);
	return new Request('http://localhost/form', { method: 'POST', body });
};
const schema = z.object({ name: z.string().min(1), topics: z.array(z.string()).optional() });

describe('a form with a NUL character', () => {
	it.each([
		[[['name', 'Amina\0']], ['name']],
		[[['name', '\0']], ['name']],
		[
			[
				['name', 'Amina'],
				['topics', 'privacy'],
				['topics', 'x\0']
			],
			['topics']
		],
		[
			[
				['name', 'Amina'],
				['extra\0', 'x']
			],
			['extra\0']
		]
	] as [[string, string][], string[]][])('%j is refused on %j', async (fields, refused) => {
		const form = await parseForm(post(fields), schema);
		expect(form.ok).toBe(false);
		if (form.ok) return;
		for (const field of refused) expect(form.errors[field]).toBe(NUL_MESSAGE());
	});

	it('a body that is not a form is refused, not thrown', async () => {
		const request = new Request('http://localhost/form', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nAmi'
		});
		const form = await parseForm(request, schema);
		expect(form).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/again/) } });
	});

	it('still takes the same form without it', async () => {
		const form = await parseForm(post([['name', 'Amina']]), schema);
		expect(form.ok && form.data).toEqual({ name: 'Amina' });
	});
});

describe('a query string with a NUL character', () => {
	it.each(['?q=a%00b', '?q=ok&after=%00', '?%00=x', '?topic=privacy&topic=%00'])(
		'%s is a 400 with a message',
		(query) => {
			try {
				searchParams(new URL(`http://localhost/people${query}`));
				expect.unreachable('a NUL in the query was let through');
			} catch (err) {
				expect(isHttpError(err) && err.status).toBe(400);
				expect(isHttpError(err) && err.body.message).toMatch(/not allowed/);
			}
		}
	);

	it('gives back the parameters of a clean link', () => {
		expect(searchParams(new URL('http://localhost/people?q=r%C3%A9seau')).get('q')).toBe('réseau');
	});
});

describe('database errors that only bad input causes', () => {
	it.each(['22021', '22P05', '22007', '22008', '22003', '22P02'])('%s is a 400', (code) => {
		const error = new postgres.PostgresError({ code, message: 'raw database text' } as never);
		const problem = peopleError(error);
		expect(problem?.status).toBe(400);
		expect(problem?.message).not.toMatch(/raw database text/);
	});
});

describe('JSON in a form or a link that spells a NUL', () => {
	it('applying a suggestion refuses a confirmed value with \\u0000', () => {
		expect(
			applySchema.safeParse({ id: crypto.randomUUID(), confirmed: '{"a":"x\\u0000"}' }).success
		).toBe(false);
		expect(applySchema.safeParse({ id: crypto.randomUUID(), confirmed: '{"a":"x"}' }).success).toBe(
			true
		);
	});

	it('a name cursor with \\u0000 is not one of ours', () => {
		const { decode } = cursorCodec(nameCursor);
		const id = crypto.randomUUID();
		const link = (n: string) => Buffer.from(JSON.stringify({ n, id })).toString('base64url');
		expect(decode(link('Amina'))).toEqual({ n: 'Amina', id });
		expect(decode(link('Amina\0'))).toBeUndefined();
	});
});
