import { error, fail } from '@sveltejs/kit';
import { atWallClock, dayIn, wallClock } from '$lib/event-time';
import { clockFor, formatLongDay, formatTimeOfDay, formatInstant } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import {
	copySchema,
	placeSchema,
	roomSchema,
	rowSchema,
	saveSchema,
	slotSchema
} from '$lib/schemas/track-timetable';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import * as timetable from '$lib/server/db/track-timetable';
import { failure, parseForm } from '$lib/server/forms';
import { publishTimetable } from '$lib/server/track/timetable-mail';
import { clashes } from '$lib/track/clashes';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

const refuse = (
	status: 400 | 404 | 409,
	values: Record<string, string | string[]>,
	field: string,
	message: string
) => fail(status, failure(values, { [field]: message }));

/**
 * The admins' timetable of a cycle: rooms and slots, the draft's sessions by day with their
 * clash warnings, what is left to place, and the versions to save and publish. Every time is
 * written here in words, in the venue's zone.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const board = await timetable.board(user, cycle.id);
	const zone = cycle.time_zone;
	const there = { ...clockFor(locals.timeZone), timeZone: zone };
	const viewer = clockFor(locals.timeZone);
	const speakers = new Map<string, { profile_id: string | null; name: string }[]>();
	for (const s of board.speakers) {
		speakers.set(s.proposal_id, [...(speakers.get(s.proposal_id) ?? []), s]);
	}
	const found = clashes(
		board.placements.map((p) => ({ ...p, speakers: speakers.get(p.proposal_id) ?? [] })),
		board.slots
	);
	const titles = new Map(board.placements.map((p) => [p.id, p.title]));
	const rooms = new Map(board.rooms.map((r) => [r.id, r.name]));
	const span = (from: Date, to: Date) =>
		`${formatTimeOfDay(from, there)}–${formatTimeOfDay(to, there)}`;
	const days = new Map<string, { day: string; label: string }>();
	const dayOf = (at: Date) => {
		const day = dayIn(at, zone);
		if (!days.has(day)) days.set(day, { day, label: formatLongDay(day, there) });
		return day;
	};
	const placed = new Set(board.placements.map((p) => p.proposal_id));
	const published = board.versions.find((v) => v.is_published) ?? null;
	const firstSlot = board.slots[0] ? wallClock(board.slots[0].starts_at, zone) : null;
	return {
		cycle: { slug: cycle.slug, title: cycle.title, time_zone: zone },
		rooms: board.rooms,
		slots: board.slots.map((s) => ({
			id: s.id,
			day: dayOf(s.starts_at),
			span: span(s.starts_at, s.ends_at),
			/** Its start at the venue: what placing a session into it submits. */
			start: wallClock(s.starts_at, zone).time,
			/** The sessions during it, by room (their cells are not free but for moving them). */
			busy: board.placements
				.filter((p) => p.starts_at < s.ends_at && p.ends_at > s.starts_at)
				.map((p) => ({ room_id: p.room_id, proposal_id: p.proposal_id }))
		})),
		sessions: board.placements.map((p) => ({
			id: p.id,
			proposal_id: p.proposal_id,
			title: p.title,
			day: dayOf(p.starts_at),
			span: span(p.starts_at, p.ends_at),
			room: rooms.get(p.room_id) ?? '',
			room_id: p.room_id,
			/** The slot it starts in (its cell in the grid), if any. */
			slot_id:
				board.slots.find((s) => s.starts_at <= p.starts_at && p.starts_at < s.ends_at)?.id ?? null,
			warnings: (found.get(p.id) ?? []).map((c) => {
				switch (c.kind) {
					case 'speaker':
						return m.timetable_clash_speaker({ name: c.name, other: titles.get(c.other) ?? '' });
					case 'room':
						return m.timetable_clash_room({ other: titles.get(c.other) ?? '' });
					case 'outside-slots':
						return m.timetable_clash_outside();
					case 'overruns-slot':
						return m.timetable_clash_overruns({
							minutes: c.overMinutes,
							end: formatTimeOfDay(c.slotEndsAt, there)
						});
				}
			})
		})),
		days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
		unplaced: board.accepted.filter((p) => !placed.has(p.id)),
		accepted: board.accepted,
		versions: board.versions
			.filter((v) => v.state === 'saved')
			.map((v) => ({
				id: v.id,
				number: v.number!,
				note: v.note,
				placements: v.placements,
				is_published: v.is_published,
				saved: formatInstant(v.saved_at!, viewer),
				published: v.published_at ? formatInstant(v.published_at, viewer) : null
			})),
		published: published ? { number: published.number! } : null,
		draftCount: board.placements.length,
		defaults: { day: firstSlot?.day ?? '', time: firstSlot?.time ?? '' }
	};
};

export const actions = {
	room: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, roomSchema);
		if (!form.ok) return fail(400, { ...form, part: 'room' as const });
		const done = await timetable.addRoom(user, cycle.id, form.data);
		if (done === 'taken') return refuse(409, form.values, 'name', m.timetable_room_taken());
		return { saved: m.timetable_room_added({ name: form.data.name }) };
	},
	removeRoom: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, rowSchema);
		if (!form.ok) return fail(400, form);
		if (!(await timetable.removeRoom(user, cycle.id, form.data.id))) {
			return refuse(409, form.values, 'form', m.timetable_room_in_versions());
		}
		return { saved: m.timetable_room_removed() };
	},
	slot: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, slotSchema);
		if (!form.ok) return fail(400, { ...form, part: 'slot' as const });
		const from = atWallClock(form.data.day, form.data.from, cycle.time_zone);
		const to = atWallClock(form.data.day, form.data.to, cycle.time_zone);
		if (!from) return refuse(400, form.values, 'from', m.timetable_time_skipped());
		if (!to) return refuse(400, form.values, 'to', m.timetable_time_skipped());
		if (to <= from) return refuse(400, form.values, 'to', m.timetable_slot_ends_after());
		if (to.getTime() - from.getTime() > 12 * 3600_000) {
			return refuse(400, form.values, 'to', m.timetable_slot_too_long());
		}
		if ((await timetable.addSlot(user, cycle.id, from, to)) === 'overlaps') {
			return refuse(409, form.values, 'from', m.timetable_slot_overlaps());
		}
		return { saved: m.timetable_slot_added() };
	},
	removeSlot: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, rowSchema);
		if (!form.ok) return fail(400, form);
		await timetable.removeSlot(user, cycle.id, form.data.id);
		return { saved: m.timetable_slot_removed() };
	},
	place: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, placeSchema);
		if (!form.ok) return fail(400, { ...form, part: 'place' as const });
		const startsAt = atWallClock(form.data.day, form.data.time, cycle.time_zone);
		if (!startsAt) return refuse(400, form.values, 'time', m.timetable_time_skipped());
		const done = await timetable.place(user, cycle.id, {
			proposal_id: form.data.proposal,
			room_id: form.data.room,
			starts_at: startsAt
		});
		if (done === 'room-taken') {
			return fail(409, {
				...failure(form.values, { room: m.timetable_room_double_booked() }),
				part: 'place' as const
			});
		}
		if (done === 'not-placeable') {
			return fail(409, {
				...failure(form.values, { proposal: m.timetable_not_placeable() }),
				part: 'place' as const
			});
		}
		return { saved: m.timetable_placed() };
	},
	unplace: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, rowSchema);
		if (!form.ok) return fail(400, form);
		await timetable.unplace(user, cycle.id, form.data.id);
		return { saved: m.timetable_unplaced_done() };
	},
	save: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, saveSchema);
		if (!form.ok) return fail(400, form);
		const number = await timetable.saveVersion(user, cycle.id, form.data.note);
		return { saved: m.timetable_version_saved({ number }) };
	},
	copy: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, copySchema);
		if (!form.ok) return fail(400, { ...form, part: 'copy' as const });
		const done = await timetable.copyVersion(user, cycle.id, form.data.id);
		if (done === 'gone') return refuse(409, form.values, 'form', m.timetable_copy_gone());
		return {
			saved: done.left
				? m.timetable_copied_left({ number: done.number, count: done.left })
				: m.timetable_copied({ number: done.number })
		};
	},
	publish: async ({ request, params, url }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, rowSchema);
		if (!form.ok) return fail(400, form);
		const done = await publishTimetable(user, cycle.id, form.data.id, url.origin);
		if (done === 'phase') return refuse(409, form.values, 'form', m.timetable_publish_too_early());
		if (done === 'not-saved' || done === 'gone') {
			return refuse(409, form.values, 'form', m.timetable_publish_gone());
		}
		return { saved: m.timetable_published({ count: done.told }) };
	}
} satisfies Actions;
