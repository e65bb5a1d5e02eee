import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { restoreVersionSchema } from '$lib/schemas/programmes';
import * as programmes from '$lib/server/db/programmes';
import { failure, parseForm, refused } from '$lib/server/forms';
import { requireProgramme } from '../programme';
import { changesOf } from './changes';
import type { Actions, PageServerLoad } from './$types';

/** A positive version number from the address, or undefined (a bad one is ignored). */
const numberIn = (url: URL, name: string) => {
	const parsed = restoreVersionSchema.safeParse({ number: url.searchParams.get(name) ?? '' });
	return parsed.success ? parsed.data.number : undefined;
};

export const load: PageServerLoad = async ({ params, url }) => {
	const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
	const before = numberIn(url, 'before');
	const restoring = numberIn(url, 'restore');
	const [rows, choices, pair] = await Promise.all([
		programmes.versions(user, programme.id, before),
		programmes.choices(null),
		restoring ? programmes.newestAnd(user, programme.id, restoring) : undefined
	]);
	const names = new Map(
		Object.entries(choices).flatMap(([facet, list]) =>
			list.map((choice) => [`${facet}:${choice.code}`, choice.name] as const)
		)
	);
	const shown = rows.slice(0, programmes.VERSIONS_PER_PAGE);
	const newest = before ? undefined : shown[0]?.number;
	return {
		programme: { name: programme.name, slug: programme.slug },
		versions: shown.map((version, i) => ({
			number: version.number,
			at: version.created_at,
			source: version.source,
			restoredFrom: version.restored_from,
			by: version.changed_by_name,
			byHandle: version.changed_by_handle,
			newest: version.number === newest,
			changes: changesOf(rows[i + 1]?.fields ?? null, version.fields, names)
		})),
		olderHref: rows.length > shown.length ? `?before=${shown.at(-1)!.number}` : null,
		// Restoring a version: what the page would change from, part by part.
		restoring:
			pair?.wanted && pair.newest && pair.wanted.number !== pair.newest.number
				? {
						number: pair.wanted.number,
						changes: changesOf(pair.newest.fields, pair.wanted.fields, names)
					}
				: null,
		restored: numberIn(url, 'restored') ?? null
	};
};

export const actions = {
	restore: async ({ params, request }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, restoreVersionSchema);
		if (!form.ok) return fail(400, form);
		try {
			const restored = await programmes.restore(user, programme.id, form.data.number);
			if (!restored) {
				return fail(404, failure(form.values, { form: m.curation_version_unknown() }));
			}
		} catch (err) {
			return refused(err, form.values);
		}
		redirect(303, localizeHref(`/programmes/${params.slug}/history?restored=${form.data.number}`));
	}
} satisfies Actions;
