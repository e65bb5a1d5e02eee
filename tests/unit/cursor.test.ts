import { describe, expect, it } from 'vitest';
import { cursorCodec, nameCursor } from '$lib/server/cursor';

const { encode, decode } = cursorCodec(nameCursor);
const id = '0b9e8c52-3c39-4a41-9f6f-6a0f4c1d2e3f';

describe('keyset cursors in page links', () => {
	it.each([
		{ n: 'Academy of the International Digital Cooperation Council', id },
		{ n: 'Fundación Ceiba Digital', id },
		{ n: 'مركز قلم للسياسات الرقمية', id },
		{ n: '', id }
	])('come back as they went: $n', (cursor) => {
		const link = encode(cursor);
		expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decode(link)).toEqual(cursor);
	});

	it.each([
		['not base64 JSON', 'not-a-cursor'],
		['empty', ''],
		['truncated', encode({ n: 'Open Horizons Foundation', id }).slice(0, 20)],
		['not an id', Buffer.from(JSON.stringify({ n: 'x', id: 'x' })).toString('base64url')],
		['a name that is not text', Buffer.from(JSON.stringify({ n: 7, id })).toString('base64url')],
		['JSON of another shape', Buffer.from('[0,"1",null]').toString('base64url')]
	])('are refused when %s', (_, link) => {
		expect(decode(link)).toBeUndefined();
	});
});
