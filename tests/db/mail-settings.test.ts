/**
 * How often each person is mailed (public.mail_settings): the defaults without a row, each
 * person reads and writes only their own (another member and a visitor are refused), the
 * database refuses a cadence it does not know, and the one-click unsubscribe turns one family
 * off and nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as mailSettings from '$lib/server/db/mail-settings';
import { DEFAULT_MAIL_SETTINGS } from '$lib/schemas/mail-settings';
import { createPerson, type Person } from './factories';

let amina: Person, tomas: Person;

beforeAll(async () => {
	[amina, tomas] = await Promise.all([createPerson(), createPerson()]);
});

describe('mail settings', () => {
	it('are the defaults until a person chooses', async () => {
		expect(await mailSettings.get(amina.claims)).toEqual(DEFAULT_MAIL_SETTINGS);
		expect(DEFAULT_MAIL_SETTINGS).toEqual({
			mentions: 'each',
			watching: 'daily',
			coordination: 'daily'
		});
	});

	it('a person saves and reads back their own', async () => {
		await mailSettings.save(amina.claims, {
			mentions: 'weekly',
			watching: 'off',
			coordination: 'each'
		});
		expect(await mailSettings.get(amina.claims)).toEqual({
			mentions: 'weekly',
			watching: 'off',
			coordination: 'each'
		});
		await mailSettings.save(amina.claims, { ...DEFAULT_MAIL_SETTINGS, mentions: 'daily' });
		expect((await mailSettings.get(amina.claims)).mentions).toBe('daily');
	});

	it('another member neither reads nor changes them', async () => {
		const seen = await withUser(
			tomas.claims,
			(sql) => sql`select profile_id from public.mail_settings where profile_id = ${amina.id}`
		);
		expect(seen).toHaveLength(0);
		const changed = await withUser(
			tomas.claims,
			(sql) =>
				sql`update public.mail_settings set mentions = 'off' where profile_id = ${amina.id} returning 1`
		);
		expect(changed).toHaveLength(0);
		await expect(
			withUser(
				tomas.claims,
				(sql) =>
					sql`insert into public.mail_settings (profile_id, mentions) values (${amina.id}, 'off')`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect((await mailSettings.get(amina.claims)).mentions).toBe('daily');
	});

	it('a visitor gets nothing', async () => {
		await expect(
			withAnon((sql) => sql`select profile_id from public.mail_settings`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the database refuses a cadence it does not know (weekly is not one for coordinators)', async () => {
		await expect(
			withUser(
				tomas.claims,
				(sql) =>
					sql`insert into public.mail_settings (profile_id, coordination) values (${tomas.id}, 'weekly')`
			)
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			withUser(
				tomas.claims,
				(sql) =>
					sql`insert into public.mail_settings (profile_id, mentions) values (${tomas.id}, 'hourly')`
			)
		).rejects.toMatchObject({ code: '23514' });
	});

	it('turning a family off changes that family only, with or without a row', async () => {
		expect(await mailSettings.turnOff(tomas.id, 'watching')).toBe(true);
		expect(await mailSettings.get(tomas.claims)).toEqual({
			...DEFAULT_MAIL_SETTINGS,
			watching: 'off'
		});
		expect(await mailSettings.turnOff(amina.id, 'mentions')).toBe(true);
		expect(await mailSettings.get(amina.claims)).toEqual({
			...DEFAULT_MAIL_SETTINGS,
			mentions: 'off'
		});
		expect(await mailSettings.turnOff('00000000-0000-4000-8000-000000000000', 'mentions')).toBe(
			false
		);
		const rows = await asService(
			(sql) =>
				sql`select count(*)::int as n from public.mail_settings where profile_id = ${tomas.id}`
		);
		expect(rows[0]!.n).toBe(1);
	});
});
