/** Cohorts and the programme's facets: who adds, edits and removes them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { withAnon, withUser, type Claims } from '$lib/server/db/client';
import { curationWorld } from './curation';
import { type Person, type Programme } from './factories';

describe('cohorts and facets', () => {
	let programme: Programme,
		other: Programme,
		member: Person,
		coordinator: Person,
		otherCoordinator: Person,
		admin: Claims;
	beforeAll(async () => {
		({ programme, other, member, coordinator, otherCoordinator, admin } = await curationWorld());
	});

	it('a coordinator adds, edits and removes cohorts of their programme only', async () => {
		const add = (claims: Claims, programmeId: string) =>
			withUser(
				claims,
				(sql) => sql<{ id: string }[]>`
					insert into public.cohorts (programme_id, edition, starts_on, ends_on, online)
					values (${programmeId}, '2027', '2027-03-01', '2027-03-05', true) returning id
				`
			);
		await expect(add(member.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(add(otherCoordinator.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		const [cohort] = await add(coordinator.claims, programme.programmeId);
		const moved = await withUser(
			otherCoordinator.claims,
			(sql) =>
				sql`update public.cohorts set place = 'Elsewhere' where id = ${cohort!.id} returning id`
		);
		expect(moved).toHaveLength(0);
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.cohorts set programme_id = ${other.programmeId} where id = ${cohort!.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		const removed = await withUser(
			coordinator.claims,
			(sql) => sql`delete from public.cohorts where id = ${cohort!.id} returning id`
		);
		expect(removed).toHaveLength(1);
	});

	it.each([
		['programme_topics', 'topic_slug', 'cybersecurity'],
		['programme_target_groups', 'target_group_slug', 'youth'],
		['programme_languages', 'language_code', 'fr'],
		['programme_regions', 'region_code', '002'],
		['programme_countries', 'country_code', 'KE']
	])('%s: anyone reads, only coordinators of it and admins write', async (table, column, value) => {
		const add = (claims: Claims, programmeId: string) =>
			withUser(
				claims,
				(sql) =>
					sql`insert into ${sql('public.' + table)} (programme_id, ${sql(column)}) values (${programmeId}, ${value}) returning 1`
			);
		await expect(add(member.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(add(otherCoordinator.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			withAnon(
				(sql) =>
					sql`insert into ${sql('public.' + table)} (programme_id, ${sql(column)}) values (${programme.programmeId}, ${value})`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await add(coordinator.claims, programme.programmeId)).toHaveLength(1);
		expect(await add(admin, other.programmeId)).toHaveLength(1);
		const read = await withAnon(
			(sql) =>
				sql`select ${sql(column)} from ${sql('public.' + table)} where programme_id = ${programme.programmeId}`
		);
		expect(read).toHaveLength(1);
		const removeAs = (claims: Claims) =>
			withUser(
				claims,
				(sql) =>
					sql`delete from ${sql('public.' + table)} where programme_id = ${programme.programmeId} returning 1`
			);
		expect(await removeAs(otherCoordinator.claims)).toHaveLength(0);
		expect(await removeAs(coordinator.claims)).toHaveLength(1);
	});
});
