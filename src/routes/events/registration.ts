/**
 * Where an event's registration window stands now: not open yet, open, or closed (after it
 * closes, or once the event is cancelled or over, which the database also refuses a seat for).
 */
import { formatTimeOfDay, formatWeekdayTime, type Clock } from '$lib/dates';
import { dayIn, offsetMinutes } from '$lib/event-time';

export type RegistrationState = 'none' | 'not-yet' | 'open' | 'closed';

type Window = {
	status: string;
	until_at?: Date;
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
};

export function registrationState(event: Window, now = new Date()): RegistrationState {
	const { registration_opens_at: opens, registration_closes_at: closes } = event;
	if (opens && now < opens) return 'not-yet';
	if (closes && now >= closes) return 'closed';
	return opens || closes ? 'open' : 'none';
}

/** A moment of the window in words: on the event's clock, and on the viewer's where it differs. */
export type WindowMoment = { iso: string; there: string; forYou: string | null };

/**
 * When the window opens and closes, in words made here on the server (Temporal stays out of the
 * browser): "Monday 12 January at 09:00" on the event's clock, "08:00" or the whole day for the
 * viewer when their clock says otherwise.
 */
export function windowMoments(
	event: Window & { time_zone: string },
	clock: Clock
): { opens: WindowMoment | null; closes: WindowMoment | null } {
	const moment = (at: Date | null): WindowMoment | null => {
		if (!at) return null;
		const zone = event.time_zone;
		const same = offsetMinutes(at, zone) === offsetMinutes(at, clock.timeZone);
		return {
			iso: at.toISOString(),
			there: formatWeekdayTime(at, { locale: clock.locale, timeZone: zone }),
			forYou: same
				? null
				: dayIn(at, zone) === dayIn(at, clock.timeZone)
					? formatTimeOfDay(at, clock)
					: formatWeekdayTime(at, clock)
		};
	};
	return {
		opens: moment(event.registration_opens_at),
		closes: moment(event.registration_closes_at)
	};
}
