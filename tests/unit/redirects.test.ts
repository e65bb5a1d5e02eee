import { describe, expect, it } from 'vitest';
import { safeRedirect } from '$lib/server/auth/guard';

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
