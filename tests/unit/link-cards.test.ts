import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';
import { cardsOf, linkRefs } from '$lib/server/spaces/link-cards';

const ORIGIN = 'https://commons.example';
const EVENT = '0b6f6c1e-2f43-4a8e-9d55-1c2b3a4d5e6f';
const refs = (markdown: string) => linkRefs(renderMarkdown(markdown), ORIGIN);

describe("a post's links to this site's profiles, programmes and events", () => {
	it('finds Markdown links, bare addresses and relative ones, in any language, each once', () => {
		expect(
			refs(
				`See [Amina](/people/amina-diallo), ${ORIGIN}/fr/programmes/monsoon-school and ` +
					`the call ${ORIGIN}/events/${EVENT}-nri-call. Again: /people/amina-diallo`
			)
		).toEqual([
			{ kind: 'person', key: 'amina-diallo' },
			{ kind: 'programme', key: 'monsoon-school' },
			{ kind: 'event', key: EVENT }
		]);
	});

	it.each([
		['another site', 'https://elsewhere.example/people/amina-diallo'],
		['a page that is not a thing', `${ORIGIN}/programmes/new`],
		['a deeper page', `${ORIGIN}/programmes/monsoon-school/people`],
		['an event address without its id', `${ORIGIN}/events/month`],
		['a list', `${ORIGIN}/people`]
	])('leaves out %s', (_, address) => {
		expect(refs(`Look: ${address}`)).toEqual([]);
	});

	it('makes at most three cards for one post', () => {
		const many = ['a1', 'b2', 'c3', 'd4'].map((h) => `/people/${h}-x`).join(' ');
		expect(refs(many.replaceAll('/people', `${ORIGIN}/people`))).toHaveLength(3);
	});

	it('makes a card only of what the viewer may see, an event in the viewer’s time', () => {
		const found = refs(
			`${ORIGIN}/people/amina-diallo ${ORIGIN}/people/kept-private ${ORIGIN}/events/${EVENT}-nri-call`
		);
		const cards = cardsOf(
			found,
			{
				people: [{ handle: 'amina-diallo', display_name: 'Amina Diallo', headline: null }],
				programmes: [],
				events: [
					{
						id: EVENT,
						slug: 'nri-call',
						title: 'NRI call',
						status: 'cancelled',
						all_day: false,
						starts_at: new Date('2027-03-09T14:00:00Z'),
						starts_on: null,
						time_zone: 'Europe/Geneva'
					}
				]
			},
			{ locale: 'en-GB', timeZone: 'Asia/Kathmandu' }
		);
		expect(cards).toEqual([
			{ kind: 'person', path: '/people/amina-diallo', title: 'Amina Diallo', detail: null },
			{
				kind: 'event',
				path: `/events/${EVENT}-nri-call`,
				title: 'NRI call',
				detail: 'Cancelled · Tuesday 9 March at 19:45'
			}
		]);
	});
});
