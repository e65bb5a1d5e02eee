import { describe, expect, inject, it } from 'vitest';

const { url } = inject('standIn');

describe('the stand-in gateway', () => {
	it('answers CORS preflights for the headers supabase-js sends', async () => {
		const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:5173',
				'access-control-request-method': 'POST',
				'access-control-request-headers':
					'apikey, authorization, x-client-info, content-type, x-supabase-api-version'
			}
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
		expect(response.headers.get('access-control-allow-headers')).toMatch(/x-supabase-api-version/);
	});

	it('exposes the mail outbox for tests and the development mail page', async () => {
		const response = await fetch(`${url}/_dev/mail`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ messages: expect.any(Array) });
	});

	it('answers unknown paths with 404 as the gateway does', async () => {
		expect((await fetch(`${url}/nowhere`)).status).toBe(404);
	});
});
