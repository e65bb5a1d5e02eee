import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { negotiate, windowBits } from '$lib/server/http/compress';

describe('negotiate picks an encoding from Accept-Encoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'zstd'],
		['gzip, deflate, br, zstd;q=0', 'br'],
		['gzip, deflate, br', 'br'],
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

describe('windowBits sizes the brotli window to the body', () => {
	it.each([
		[0, 16],
		[65_520, 16],
		[65_521, 17],
		[60_000, 16],
		[70_000, 17],
		[4_194_288, 22],
		[100_000_000, 24]
	])('%d bytes → %d bits', (length, bits) => {
		expect(windowBits(length)).toBe(bits);
	});

	it('compresses a page to the same bytes as the default window, and back', () => {
		const page = Buffer.from(
			Array.from({ length: 2000 }, (_, i) => `<li dir="auto">Person ${i} · ${i % 7}</li>`).join('')
		);
		const quality = { [zlib.constants.BROTLI_PARAM_QUALITY]: 3 };
		const sized = zlib.brotliCompressSync(page, {
			params: { ...quality, [zlib.constants.BROTLI_PARAM_LGWIN]: windowBits(page.length) }
		});
		expect(sized.length).toBe(zlib.brotliCompressSync(page, { params: quality }).length);
		expect(zlib.brotliDecompressSync(sized).equals(page)).toBe(true);
	});
});
