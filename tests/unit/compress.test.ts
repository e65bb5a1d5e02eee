import { describe, expect, it } from 'vitest';
import { negotiate } from '$lib/server/http/compress';

describe('negotiate picks an encoding from Accept-Encoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'br'],
		['gzip, deflate', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['*', 'br'],
		['identity', undefined],
		['gzip;q=0, br;q=0', undefined],
		[null, undefined]
	])('%j → %s', (header, expected) => {
		expect(negotiate(header)).toBe(expected);
	});
});
