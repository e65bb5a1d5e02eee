import { describe, expect, it } from 'vitest';
import { payloadOf } from '$lib/realtime/payload';

const POST = { thread_id: 'uuid', post_id: 'uuid', number: 'int' } as const;
const ID = '0b6f6c1e-2f43-4a8e-9d55-1c2b3a4d5e6f';

describe('a live message is checked before a page uses it', () => {
	it('passes the named fields of a well-formed payload, and only them', () => {
		expect(payloadOf({ thread_id: ID, post_id: ID, number: 7, body: 'x' }, POST)).toEqual({
			thread_id: ID,
			post_id: ID,
			number: 7
		});
	});

	it.each([
		['nothing', undefined],
		['a string', 'post'],
		['a missing field', { thread_id: ID, post_id: ID }],
		['a number as text', { thread_id: ID, post_id: ID, number: '7' }],
		['a fraction', { thread_id: ID, post_id: ID, number: 7.5 }],
		['an id that is not a uuid', { thread_id: 'thread', post_id: ID, number: 7 }]
	])('refuses %s', (_, payload) => {
		expect(payloadOf(payload, POST)).toBeNull();
	});

	it('refuses a name longer than a name', () => {
		expect(payloadOf({ name: 'Amina' }, { name: 'text' })).toEqual({ name: 'Amina' });
		expect(payloadOf({ name: 'a'.repeat(201) }, { name: 'text' })).toBeNull();
	});
});
