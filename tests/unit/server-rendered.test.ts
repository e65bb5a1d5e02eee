import { describe, expect, it } from 'vitest';
import { transport } from '../../src/hooks';
import { serverRendered } from '$lib/server-rendered';

const { encode, decode } = transport.ServerRendered!;

describe('data of pages that are not hydrated', () => {
	const people = [{ name: 'Amina Diallo' }];

	it('stays out of the HTML page', () => {
		expect(encode(serverRendered(people, { isDataRequest: false }))).toEqual([]);
		expect(encode(people)).toBe(false); // anything else is not this transport's
	});

	it("reaches the browser's router whole, when it asks for the page's data", () => {
		const sent = encode(serverRendered(people, { isDataRequest: true }));
		// (What SvelteKit serialises and parses again in between is a plain array.)
		const received = decode(structuredClone(sent));
		expect(received.value).toEqual(people);
	});
});
