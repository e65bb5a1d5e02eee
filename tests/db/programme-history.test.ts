/**
 * A programme page's history: every change is a version written by the database (an edit, a
 * suggestion applied, a restore), one per transaction; only its coordinators and admins read it,
 * nobody writes it directly, and restoring brings the fields and facets back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as programmes from '$lib/server/db/programmes';
import * as suggestions from '$lib/server/db/suggestions';
import type { ProgrammeForm } from '$lib/schemas/programmes';
import { suggestionSchema } from '$lib/schemas/suggestions';
import { curationWorld } from './curation';

let world: Awaited<ReturnType<typeof curationWorld>>;
let topic: string;

beforeAll(async () => {
	world = await curationWorld();
	const [row] = await asService(
		(sql) => sql<{ slug: string }[]>`
			select slug from public.topics where parent_slug is not null order by slug limit 1
		`
	);
	topic = row!.slug;
});

const versionsOf = (id = world.programme.programmeId) =>
	asService(
		(sql) => sql<
			{
				number: number;
				source: string;
				changed_by: string | null;
				restored_from: number | null;
				fields: ProgrammeForm;
			}[]
		>`
			select number, source, changed_by, restored_from, fields from public.programme_versions
			where programme_id = ${id} order by number
		`
	);

const newest = async (id = world.programme.programmeId) => (await versionsOf(id)).at(-1)!;

describe('versions', () => {
	it('a new programme starts its history with the page as it was created', async () => {
		const [first, ...rest] = await versionsOf(world.other.programmeId);
		expect(rest).toEqual([]);
		expect(first).toMatchObject({ number: 1, source: 'created', changed_by: null });
		expect(first!.fields).toMatchObject({ name: 'Other Academy', topics: [], scope: 'regional' });
	});

	it('an edit of fields and facets is one version, by its editor; a save that changes nothing adds none', async () => {
		const before = await newest();
		const form = { ...before.fields, summary: 'A week on the policy process.', topics: [topic] };
		expect(
			await programmes.update(world.coordinator.claims, world.programme.programmeId, form)
		).toBeTruthy();
		const after = await versionsOf();
		expect(after).toHaveLength(before.number + 1);
		expect(after.at(-1)).toMatchObject({
			number: before.number + 1,
			source: 'edited',
			changed_by: world.coordinator.id
		});
		expect(after.at(-1)!.fields).toMatchObject({
			summary: 'A week on the policy process.',
			topics: [topic]
		});

		await programmes.update(world.coordinator.claims, world.programme.programmeId, form);
		expect(await versionsOf()).toHaveLength(before.number + 1);
	});

	it('a suggestion applied is a version of its own, by the coordinator who applied it', async () => {
		const parsed = suggestionSchema.parse({
			field: 'website',
			website: 'https://school.example.org'
		});
		const { id } = await suggestions.suggest(
			world.member.claims,
			world.programme.programmeId,
			parsed
		);
		expect(
			await suggestions.apply(world.coordinator.claims, world.programme.programmeId, id)
		).toEqual({
			ok: true
		});
		expect(await newest()).toMatchObject({
			source: 'suggestion',
			changed_by: world.coordinator.id,
			fields: expect.objectContaining({ website: 'https://school.example.org' })
		});
	});
});

describe('who reads the history', () => {
	it('its coordinators and admins; not another programme’s coordinator, a member or a visitor', async () => {
		const id = world.programme.programmeId;
		const count = (rows: unknown[]) => rows.length;
		const total = (await versionsOf()).length;
		expect(count(await programmes.versions(world.coordinator.claims, id))).toBe(total);
		expect(count(await programmes.versions(world.admin, id))).toBe(total);
		expect(await programmes.versions(world.otherCoordinator.claims, id)).toEqual([]);
		expect(await programmes.versions(world.member.claims, id)).toEqual([]);
		await expect(
			withAnon((sql) => sql`select 1 from public.programme_versions`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('nobody writes it but the database: a coordinator can neither add, change nor remove a version', async () => {
		const id = world.programme.programmeId;
		await expect(
			withUser(
				world.coordinator.claims,
				(sql) => sql`
					insert into public.programme_versions (programme_id, number, fields, source)
					values (${id}, 999, '{}', 'edited')
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				world.coordinator.claims,
				(sql) => sql`update public.programme_versions set fields = '{}' where programme_id = ${id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				world.coordinator.claims,
				(sql) => sql`delete from public.programme_versions where programme_id = ${id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect((await versionsOf()).every((v) => v.fields && Object.keys(v.fields).length > 0)).toBe(
			true
		);
	});
});

describe('restoring', () => {
	it('brings an earlier version’s fields and facets back, as a new version that says which', async () => {
		const id = world.programme.programmeId;
		const first = (await versionsOf())[0]!;
		expect(await programmes.restore(world.coordinator.claims, id, 1)).toBeTruthy();
		const last = await newest();
		expect(last).toMatchObject({
			source: 'restored',
			restored_from: 1,
			changed_by: world.coordinator.id
		});
		expect(last.fields).toEqual(first.fields);
		const [page] = await asService(
			(sql) => sql<{ summary: string | null; website: string | null; topics: number }[]>`
				select p.summary, p.website,
				       (select count(*)::int from public.programme_topics t where t.programme_id = p.id) as topics
				from public.programmes p where p.id = ${id}
			`
		);
		expect(page).toEqual({
			summary: first.fields.summary,
			website: first.fields.website,
			topics: 0
		});
	});

	it('is refused to anyone who may not edit the page, and for a version that does not exist', async () => {
		const id = world.programme.programmeId;
		const before = await versionsOf();
		expect(await programmes.restore(world.otherCoordinator.claims, id, 2)).toBeUndefined();
		expect(await programmes.restore(world.member.claims, id, 2)).toBeUndefined();
		expect(await programmes.restore(world.coordinator.claims, id, 999)).toBeUndefined();
		expect(await versionsOf()).toEqual(before);
	});
});
