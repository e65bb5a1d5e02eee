import { error } from '@sveltejs/kit';
import { clockFor, formatLongDay, formatTimeOfDay, formatWeekdayTime } from '$lib/dates';
import { dayIn } from '$lib/event-time';
import { m } from '$lib/paraglide/messages';
import * as track from '$lib/server/db/track';
import * as timetable from '$lib/server/db/track-timetable';
import type { PageServerLoad } from './$types';

/**
 * The public timetable of a cycle once published: each session by day (the venue's) and room,
 * in the venue's time and the viewer's, with its speakers and its event. Before publication the
 * page says so.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const cycle = await track.get(locals.claims, params.cycle);
	if (!cycle) error(404, m.track_cycle_not_found());
	const table = await timetable.published(locals.claims, cycle.id);
	const zone = cycle.time_zone;
	const viewer = clockFor(locals.timeZone);
	const there = { ...viewer, timeZone: zone };
	const phase = cycle.phases.find((p) => p.kind === 'timetable');
	if (!table) {
		return {
			cycle: { slug: cycle.slug, title: cycle.title, time_zone: zone },
			published: false as const,
			expected: phase ? formatLongDay(dayIn(phase.starts_at, zone), there) : null
		};
	}
	const rooms = new Map(table.rooms.map((r) => [r.id, r]));
	const days = new Map<string, string>();
	const sessions = table.sessions.map((s) => {
		const day = dayIn(s.starts_at, zone);
		if (!days.has(day)) days.set(day, formatLongDay(day, there));
		const room = rooms.get(s.room_id);
		return {
			id: s.proposal_id,
			day,
			room_id: s.room_id,
			title: s.title,
			there: `${formatTimeOfDay(s.starts_at, there)}–${formatTimeOfDay(s.ends_at, there)}`,
			forYou: `${formatWeekdayTime(s.starts_at, viewer)}–${formatTimeOfDay(s.ends_at, viewer)}`,
			startIso: s.starts_at.toISOString(),
			endIso: s.ends_at.toISOString(),
			room: room?.name ?? '',
			online: room?.kind === 'online',
			event: s.event_id && s.event_slug ? { id: s.event_id, slug: s.event_slug } : null,
			speakers: s.speakers
		};
	});
	return {
		cycle: { slug: cycle.slug, title: cycle.title, time_zone: zone },
		published: true as const,
		viewerZone: viewer.timeZone,
		days: [...days].map(([day, label]) => ({
			day,
			label,
			rooms: table.rooms
				.filter((r) => sessions.some((s) => s.day === day && s.room_id === r.id))
				.map((r) => ({
					id: r.id,
					name: r.name,
					online: r.kind === 'online',
					sessions: sessions.filter((s) => s.day === day && s.room_id === r.id)
				}))
		}))
	};
};
