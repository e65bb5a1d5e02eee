/**
 * The IGF's annual meetings (public.igf_meetings), the bounds of the intersessional period that
 * /events draws. Public reference data that only a migration changes, read as a visitor, and kept
 * by each server instance for a few minutes per day and language (the country's name is the
 * language's) rather than read for every page.
 */
import type { IgfMeeting } from '$lib/intersessional';
import { getLocale } from '$lib/paraglide/runtime';
import { withAnon } from './client';

const FRESH_FOR_MS = 5 * 60_000;
/** A few days (the viewers' zones straddle midnight) in six languages; past that, start again. */
const MOST = 64;
const cached = new Map<string, { at: number; value: Promise<IgfMeeting[]> }>();

/** The last meeting that ended before `day`, the one on it if any, and the next one after it. */
export function around(day: string): Promise<IgfMeeting[]> {
	const key = `${getLocale()}|${day}`;
	const entry = cached.get(key);
	if (entry && Date.now() - entry.at <= FRESH_FOR_MS) return entry.value;
	if (cached.size >= MOST) cached.clear();
	const value = read(day);
	cached.set(key, { at: Date.now(), value });
	// A failed read is not kept: the next page tries again.
	value.catch(() => cached.delete(key));
	return value;
}

const read = (day: string) =>
	withAnon((sql) =>
		sql<IgfMeeting[]>`
			select year, city, country_code, country_name, starts_on, ends_on from (
				(select m.year, m.city, m.country_code::text as country_code,
				        private.named(c.names, c.name) as country_name,
				        m.starts_on::text as starts_on, m.ends_on::text as ends_on
				 from public.igf_meetings m join public.countries c on c.code = m.country_code
				 where m.ends_on < ${day}::date
				 order by m.ends_on desc limit 1)
				union all
				(select m.year, m.city, m.country_code::text, private.named(c.names, c.name),
				        m.starts_on::text, m.ends_on::text
				 from public.igf_meetings m join public.countries c on c.code = m.country_code
				 where m.ends_on >= ${day}::date
				 order by m.starts_on limit 1)
			) around_day
		`.then((rows) => [...rows])
	);
