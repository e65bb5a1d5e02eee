/**
 * A person's language (profiles.locale): taken from the sign-up's metadata, set by its owner
 * only, read by its owner only (private.my_locale), and one of the site's six.
 */
import { describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as profiles from '$lib/server/db/profiles';
import { createPerson } from './factories';

const localeOf = async (id: string) => {
	const [row] = await asService<{ locale: string | null }[]>(
		(sql) => sql`select locale from public.profiles where id = ${id}`
	);
	return row!.locale;
};

describe("a person's language", () => {
	it('is the sign-up page’s language, and nothing that is not one of the six', async () => {
		const french = await createPerson({ metadata: { locale: 'fr' } });
		const german = await createPerson({ metadata: { locale: 'de' } });
		const none = await createPerson();
		expect(await localeOf(french.id)).toBe('fr');
		expect(await localeOf(german.id)).toBeNull();
		expect(await localeOf(none.id)).toBeNull();
	});

	it('its owner sets and reads it, and finds it in the data download', async () => {
		const person = await createPerson();
		await profiles.setLocale(person.claims, 'ar');
		expect(await localeOf(person.id)).toBe('ar');
		const [own] = await withUser(
			person.claims,
			(sql) => sql<{ locale: string }[]>`select private.my_locale() as locale`
		);
		expect(own!.locale).toBe('ar');
		expect((await profiles.exportMine(person.claims)).profile.locale).toBe('ar');
	});

	it('is one of the site’s languages', async () => {
		const person = await createPerson();
		await expect(
			withUser(
				person.claims,
				(sql) => sql`update public.profiles set locale = 'de' where id = ${person.id}`
			)
		).rejects.toMatchObject({ code: '23514', constraint_name: 'profiles_locale_check' });
	});

	it('nobody else may read or change it', async () => {
		const [owner, other] = await Promise.all([
			createPerson({ metadata: { locale: 'zh' } }),
			createPerson()
		]);
		await setVisible(owner.id);
		// The column is not theirs to select, for a member or a visitor.
		await expect(
			withUser(
				other.claims,
				(sql) => sql`select locale from public.profiles where id = ${owner.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withAnon((sql) => sql`select locale from public.profiles where id = ${owner.id}`)
		).rejects.toMatchObject({ code: '42501' });
		// Their own my_locale() is theirs, not the owner's; a visitor may not call it.
		const [theirs] = await withUser(
			other.claims,
			(sql) => sql<{ locale: string | null }[]>`select private.my_locale() as locale`
		);
		expect(theirs!.locale).toBeNull();
		await expect(withAnon((sql) => sql`select private.my_locale()`)).rejects.toMatchObject({
			code: '42501'
		});
		// An update of someone else's row touches nothing (RLS), and says so by its count.
		const changed = await withUser(
			other.claims,
			(sql) => sql`update public.profiles set locale = 'ru' where id = ${owner.id}`
		);
		expect(changed.count).toBe(0);
		expect(await localeOf(owner.id)).toBe('zh');
	});
});

/** The owner's profile public, so that RLS alone would let others see the row. */
const setVisible = (id: string) =>
	asService(
		(sql) =>
			sql`update public.profiles set visibility = 'public', joined_at = now() where id = ${id}`
	);
