import { describe, expect, it } from 'vitest';
import { newProgrammeSchema } from '$lib/schemas/programmes';
import { proposeSlug } from '$lib/slug';

describe('an address proposed from a name', () => {
	it.each([
		['Monsoon School of Internet Governance', 'monsoon-school-of-internet-governance'],
		['  Fundación Año Cero — 2027 ', 'fundacion-ano-cero-2027'],
		['Straße & Œuvre', 'strasse-oeuvre'],
		['IGF: Youth/Ambassadors!', 'igf-youth-ambassadors'],
		['مدرسة الإنترنت', ''],
		['x'.repeat(79) + ' y', 'x'.repeat(79)]
	])('%s gives %j', (name, slug) => {
		expect(proposeSlug(name)).toBe(slug);
	});
});

const valid = {
	organisation_id: '0b6c3f3e-8a52-4c54-9f0e-2d1b7f1c9a11',
	name: 'Pacific Digital Policy School',
	slug: '',
	kind: 'school-of-internet-governance',
	format: 'blended',
	level: '',
	scope: 'regional',
	status: 'active',
	cost: 'free',
	summary: 'Two weeks on the digital policy of small island states.',
	topics: 'data-governance'
};

describe('the new programme form', () => {
	it('proposes the address from the name when none is given, and keeps one that is', () => {
		const proposed = newProgrammeSchema.safeParse(valid);
		expect(proposed.success && proposed.data.slug).toBe('pacific-digital-policy-school');
		expect(proposed.success && proposed.data.topics).toEqual(['data-governance']);
		const given = newProgrammeSchema.safeParse({ ...valid, slug: ' Pacific-School ' });
		expect(given.success && given.data.slug).toBe('pacific-school');
	});

	it.each([
		[{ organisation_id: '' }, 'organisation_id', /Choose the organisation/],
		[{ organisation_id: 'monsoon-forum' }, 'organisation_id', /Choose the organisation/],
		[{ name: ' x ' }, 'name', /programme’s name/],
		[{ slug: 'Pacific School' }, 'slug', /lowercase letters, digits and hyphens/],
		[{ slug: 'pacific--school' }, 'slug', /lowercase letters, digits and hyphens/],
		[{ slug: 'p'.repeat(81) }, 'slug', /at most 80/],
		[{ slug: 'new' }, 'slug', /belongs to a page of the site/],
		[{ name: 'New' }, 'slug', /belongs to a page of the site/],
		[{ name: 'مدرسة الإنترنت' }, 'slug', /address in Latin letters/],
		[{ kind: 'bootcamp' }, 'kind', /not one of the choices/],
		[{ summary: 's'.repeat(301) }, 'summary', /300 characters/],
		[{ website: 'pacific.example.org' }, 'website', /starts with https/],
		[{ cost: 'fee', fee_amount: '450' }, 'fee_currency', /amount and its currency/],
		[
			{ applications_open_on: '2027-03-01', applications_close_on: '2027-02-01' },
			'applications_close_on',
			/close on or after/
		]
	])('refuses %j with a message on %s', (change, field, message) => {
		const result = newProgrammeSchema.safeParse({ ...valid, ...change });
		expect(result.success).toBe(false);
		const issue = result.error?.issues.find((i) => i.path[0] === field);
		expect(issue?.message).toMatch(message);
	});

	it('refuses a form without a name without failing itself', () => {
		const { name: _, ...nameless } = valid;
		const result = newProgrammeSchema.safeParse(nameless);
		expect(result.success).toBe(false);
		expect(result.error?.issues.some((i) => i.path[0] === 'name')).toBe(true);
	});
});
