/**
 * The IGF's annual meetings: everyone reads them (the intersessional period on /events), nobody
 * writes them through the API; the checks keep a meeting's days in order and in its year; the
 * module finds the last meeting before a day and the next one.
 */
import { describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as igfMeetings from '$lib/server/db/igf-meetings';
import { createPerson } from './factories';

describe('the IGF’s annual meetings', () => {
	it('a visitor and a member read them; neither writes one', async () => {
		const member = await createPerson();
		const read = await withAnon(
			(sql) => sql<{ year: number; city: string }[]>`
				select year, city from public.igf_meetings where year = 2025
			`
		);
		expect(read).toEqual([{ year: 2025, city: 'Lillestrøm' }]);
		expect(
			await withUser(member.claims, (sql) => sql`select year from public.igf_meetings`)
		).not.toHaveLength(0);
		for (const as of [
			withAnon,
			(fn: Parameters<typeof withAnon>[0]) => withUser(member.claims, fn)
		]) {
			await expect(
				as(
					(sql) => sql`
						insert into public.igf_meetings (year, city, country_code, starts_on, ends_on)
						values (2031, 'Nowhere', 'NO', '2031-06-01', '2031-06-05')
					`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				as((sql) => sql`update public.igf_meetings set city = 'Oslo' where year = 2025`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it.each<[string, string, string, number]>([
		['its last day before its first', '2032-06-05', '2032-06-01', 2032],
		['a first day in another year', '2033-06-01', '2033-06-05', 2034]
	])('refuses %s', async (_, starts, ends, year) => {
		await expect(
			asService(
				(sql) => sql`
					insert into public.igf_meetings (year, city, country_code, starts_on, ends_on)
					values (${year}, 'Geneva', 'CH', ${starts}, ${ends})
				`
			)
		).rejects.toMatchObject({ code: '23514' });
	});

	it('finds the last meeting before a day and the next one, the country in the page’s language', async () => {
		const [last, next] = await igfMeetings.around('2025-01-10');
		expect(last).toMatchObject({ year: 2024, city: 'Riyadh', country_name: 'Saudi Arabia' });
		expect(next).toMatchObject({
			year: 2025,
			city: 'Lillestrøm',
			country_code: 'NO',
			starts_on: '2025-06-23',
			ends_on: '2025-06-27'
		});
		// On a meeting's own days it is the next one (under way), not the last.
		expect((await igfMeetings.around('2025-06-25')).map((m) => m.year)).toEqual([2024, 2025]);
	});
});
