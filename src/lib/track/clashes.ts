/**
 * The timetable's clash warnings, as a pure function of its placements and slots: a speaker in
 * two sessions at once, a session that starts outside every slot or runs past the end of its
 * slot, and a room holding two sessions at once (the database refuses that one; the function
 * still reports it, so that a timetable from elsewhere is checked the same way).
 *
 * The same person is the same member (profile) on both sessions, or, for speakers who are not
 * members, the same name once case, accents' composition and spacing are set aside: the speakers
 * table holds names, not e-mail addresses.
 */

export type ClashSpeaker = { profile_id: string | null; name: string };

export type ClashPlacement = {
	id: string;
	room_id: string;
	starts_at: Date;
	ends_at: Date;
	speakers: ClashSpeaker[];
};

export type ClashSlot = { starts_at: Date; ends_at: Date };

export type Clash =
	| { kind: 'speaker'; name: string; other: string }
	| { kind: 'room'; other: string }
	| { kind: 'outside-slots' }
	| { kind: 'overruns-slot'; slotEndsAt: Date; overMinutes: number };

const overlap = (a: ClashPlacement, b: ClashPlacement) =>
	a.starts_at.getTime() < b.ends_at.getTime() && b.starts_at.getTime() < a.ends_at.getTime();

/** Who a speaker is, for telling whether two sessions share one. */
export const speakerKey = (speaker: ClashSpeaker): string[] => {
	const name = speaker.name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
	return [
		...(speaker.profile_id ? [`profile:${speaker.profile_id}`] : []),
		...(name ? [`name:${name}`] : [])
	];
};

/** Every placement's clashes (an empty list when it has none), by placement id. */
export function clashes(
	placements: readonly ClashPlacement[],
	slots: readonly ClashSlot[]
): Map<string, Clash[]> {
	const found = new Map<string, Clash[]>(placements.map((p) => [p.id, []]));
	const sorted = [...placements].sort(
		(a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.id.localeCompare(b.id)
	);
	for (let i = 0; i < sorted.length; i++) {
		const a = sorted[i]!;
		for (let j = i + 1; j < sorted.length; j++) {
			const b = sorted[j]!;
			if (b.starts_at.getTime() >= a.ends_at.getTime()) break;
			if (!overlap(a, b)) continue;
			if (a.room_id === b.room_id) {
				found.get(a.id)!.push({ kind: 'room', other: b.id });
				found.get(b.id)!.push({ kind: 'room', other: a.id });
			}
			const theirs = new Map<string, string>();
			for (const s of b.speakers) for (const key of speakerKey(s)) theirs.set(key, s.name);
			const named = new Set<string>();
			for (const s of a.speakers) {
				const shared = speakerKey(s).find((key) => theirs.has(key));
				if (!shared || named.has(s.name)) continue;
				named.add(s.name);
				found.get(a.id)!.push({ kind: 'speaker', name: s.name, other: b.id });
				found.get(b.id)!.push({ kind: 'speaker', name: theirs.get(shared)!, other: a.id });
			}
		}
		const slot = slots.find(
			(s) =>
				s.starts_at.getTime() <= a.starts_at.getTime() &&
				a.starts_at.getTime() < s.ends_at.getTime()
		);
		if (!slot) {
			found.get(a.id)!.push({ kind: 'outside-slots' });
		} else if (a.ends_at.getTime() > slot.ends_at.getTime()) {
			found.get(a.id)!.push({
				kind: 'overruns-slot',
				slotEndsAt: slot.ends_at,
				overMinutes: Math.ceil((a.ends_at.getTime() - slot.ends_at.getTime()) / 60_000)
			});
		}
	}
	return found;
}
