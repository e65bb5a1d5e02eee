/**
 * The IGF's annual meetings (public.igf_meetings), the bounds of the intersessional period that
 * /events draws. Public reference data, read as a visitor.
 */
import type { IgfMeeting } from '$lib/intersessional';
import { withAnon } from './client';

/** The last meeting that ended before `day`, the one on it if any, and the next one after it. */
export const around = (day: string) =>
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
