import { describe, expect, it } from 'vitest';
import { pathOnSite, safeRedirect } from '$lib/server/auth/guard';

describe('safeRedirect keeps redirects on our own site', () => {
	it.each([
		['/account', '/account'],
		['/people?topic=cybersecurity#results', '/people?topic=cybersecurity#results'],
		['/a/../account', '/account']
	])('%s → %s', (target, expected) => {
		expect(safeRedirect(target)).toBe(expected);
	});

	it.each([
		'https://evil.example/',
		'//evil.example/path',
		'/\\evil.example',
		'javascript:alert(1)',
		'account',
		'',
		null,
		undefined
	])('refuses %j', (target) => {
		expect(safeRedirect(target, '/fallback')).toBe('/fallback');
	});
});

describe('pathOnSite takes the path of a full address on this site (Auth templates send those)', () => {
	const origin = 'https://commons.example.org';
	it.each([
		['https://commons.example.org/programmes/x?invited=1#top', '/programmes/x?invited=1#top'],
		['/account', '/account'],
		['https://evil.example/programmes/x', undefined],
		['http://commons.example.org/account', undefined],
		['https://commons.example.org.evil.example/', undefined],
		['not a url', undefined],
		[null, null]
	])('%j → %j', (target, expected) => {
		expect(pathOnSite(target, origin)).toBe(expected);
	});

	it('ends in safeRedirect, which still refuses what leaves the site', () => {
		expect(safeRedirect(pathOnSite('https://commons.example.org//evil.example', origin))).toBe('/');
	});
});
