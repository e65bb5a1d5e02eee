/**
 * The intersessional period: the days between the IGF's last annual meeting and its next, and
 * where a day stands in it. Meetings are calendar dates (they never shift across zones); the day
 * is the viewer's own. Day arithmetic through Temporal, never by hand.
 */
import { Temporal } from 'temporal-polyfill';

/** An annual meeting as the page needs it (public.igf_meetings, the country named). */
export type IgfMeeting = {
	year: number;
	city: string;
	country_code: string;
	country_name: string;
	starts_on: string;
	ends_on: string;
};

export type Intersessional =
	/** Between two meetings: how far from the end of the last to the start of the next. */
	| {
			state: 'between';
			last: IgfMeeting;
			next: IgfMeeting;
			days: number;
			done: number;
			left: number;
	  }
	/** A meeting is on today. */
	| { state: 'meeting'; meeting: IgfMeeting }
	/** After the last meeting, with no next one known yet. */
	| { state: 'since'; last: IgfMeeting; done: number }
	| { state: 'none' };

const days = (from: string, to: string) =>
	Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;

/** Where `today` (YYYY-MM-DD) stands among the meetings (in any order). */
export function intersessional(meetings: readonly IgfMeeting[], today: string): Intersessional {
	const sorted = [...meetings].sort((a, b) => a.starts_on.localeCompare(b.starts_on));
	const on = sorted.find((m) => m.starts_on <= today && today <= m.ends_on);
	if (on) return { state: 'meeting', meeting: on };
	const last = sorted.filter((m) => m.ends_on < today).at(-1);
	const next = sorted.find((m) => m.starts_on > today);
	if (!last) return { state: 'none' };
	if (!next) return { state: 'since', last, done: days(last.ends_on, today) };
	return {
		state: 'between',
		last,
		next,
		days: days(last.ends_on, next.starts_on),
		done: days(last.ends_on, today),
		left: days(today, next.starts_on)
	};
}
