/**
 * The timetable's forms (server only): a room, a slot (a day and two wall-clock times in the
 * venue's zone), a session placed in a room from a day and time, saving the draft as a version,
 * and the buttons that name one row. Wall clocks become instants in the route, with the cycle's
 * zone (atWallClock refuses a time the zone skips that day).
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { date, optionalText, optionalWhole } from './fields';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (message: () => string) =>
	z
		.string()
		.trim()
		.regex(TIME, { error: () => message() });
const id = (message: () => string) => z.uuid({ error: () => message() });

export const roomSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, { error: () => m.timetable_room_name_missing() })
			.max(120, { error: () => m.forms_at_most({ max: 120 }) }),
		kind: z.enum(['onsite', 'online'], { error: () => m.timetable_room_kind_missing() }),
		capacity: optionalWhole(1, 100000, () => m.timetable_room_capacity_invalid())
	})
	.refine((room) => room.kind === 'online' || room.capacity !== null, {
		path: ['capacity'],
		error: () => m.timetable_room_capacity_missing()
	});

export const slotSchema = z.object({
	day: date(),
	from: time(() => m.timetable_time_invalid()),
	to: time(() => m.timetable_time_invalid())
});

export const placeSchema = z.object({
	proposal: id(() => m.timetable_session_missing()),
	room: id(() => m.timetable_room_missing()),
	day: date(),
	time: time(() => m.timetable_time_invalid())
});

export const saveSchema = z.object({
	note: optionalText(200)
});

export const rowSchema = z.object({ id: id(() => m.forms_not_whole()) });

/** Copying a saved version into the draft, behind a tick that says the draft is replaced. */
export const copySchema = z.object({
	id: id(() => m.forms_not_whole()),
	confirm: z.literal('on', { error: () => m.timetable_copy_confirm_missing() })
});
