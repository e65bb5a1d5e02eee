import { describe, expect, it } from 'vitest';
import { clashes, speakerKey, type ClashPlacement } from '$lib/track/clashes';

const H = 3600_000;
const T0 = Date.UTC(2027, 5, 23, 9);
const at = (hours: number) => new Date(T0 + hours * H);

const session = (
	id: string,
	room: string,
	from: number,
	to: number,
	speakers: ClashPlacement['speakers'] = []
): ClashPlacement => ({ id, room_id: room, starts_at: at(from), ends_at: at(to), speakers });

const SLOTS = [
	{ starts_at: at(0), ends_at: at(1.5) },
	{ starts_at: at(2), ends_at: at(3.5) }
];

const kinds = (found: Map<string, { kind: string }[]>, id: string) =>
	found.get(id)!.map((c) => c.kind);

describe('the timetable’s clash warnings', () => {
	it('a timetable without clashes has an empty list for every session', () => {
		const found = clashes(
			[
				session('a', 'r1', 0, 1, [{ profile_id: 'p1', name: 'Priya' }]),
				session('b', 'r2', 0, 1, [{ profile_id: 'p2', name: 'Kwame' }]),
				session('c', 'r1', 2, 3, [{ profile_id: 'p1', name: 'Priya' }])
			],
			SLOTS
		);
		expect([...found.values()]).toEqual([[], [], []]);
	});

	it('the same member in two sessions at once is a clash on both', () => {
		const found = clashes(
			[
				session('a', 'r1', 0, 1, [{ profile_id: 'p1', name: 'Priya Sharma' }]),
				session('b', 'r2', 0.5, 1.5, [{ profile_id: 'p1', name: 'P. Sharma' }])
			],
			SLOTS
		);
		expect(found.get('a')).toEqual([{ kind: 'speaker', name: 'Priya Sharma', other: 'b' }]);
		expect(found.get('b')).toEqual([{ kind: 'speaker', name: 'P. Sharma', other: 'a' }]);
	});

	it('speakers who are not members are the same person by their name, whatever the case and spacing', () => {
		const found = clashes(
			[
				session('a', 'r1', 0, 1, [{ profile_id: null, name: 'Ana  Lima' }]),
				session('b', 'r2', 0, 1, [{ profile_id: null, name: 'ana lima' }]),
				session('c', 'r3', 0, 1, [{ profile_id: null, name: 'Ana Limão' }])
			],
			SLOTS
		);
		expect(kinds(found, 'a')).toEqual(['speaker']);
		expect(kinds(found, 'b')).toEqual(['speaker']);
		expect(kinds(found, 'c')).toEqual([]);
		expect(speakerKey({ profile_id: null, name: ' Ana\u00a0Lima ' })).toEqual(['name:ana lima']);
	});

	it('back to back is no clash: a session ends when the next begins', () => {
		const found = clashes(
			[
				session('a', 'r1', 0, 1, [{ profile_id: 'p1', name: 'Priya' }]),
				session('b', 'r1', 1, 1.5, [{ profile_id: 'p1', name: 'Priya' }])
			],
			SLOTS
		);
		expect([...found.values()]).toEqual([[], []]);
	});

	it('a room holding two sessions at once is reported on both', () => {
		const found = clashes([session('a', 'r1', 0, 1), session('b', 'r1', 0.5, 1)], SLOTS);
		expect(found.get('a')).toEqual([{ kind: 'room', other: 'b' }]);
		expect(found.get('b')).toEqual([{ kind: 'room', other: 'a' }]);
	});

	it('a session longer than its slot says by how much; one outside every slot says so', () => {
		const found = clashes([session('a', 'r1', 0.5, 2), session('b', 'r2', 1.75, 2.25)], SLOTS);
		expect(found.get('a')).toEqual([
			{ kind: 'overruns-slot', slotEndsAt: at(1.5), overMinutes: 30 }
		]);
		expect(found.get('b')).toEqual([{ kind: 'outside-slots' }]);
	});

	it('every overlapping pair is found, whatever the order the sessions come in (a property)', () => {
		for (let seed = 1; seed <= 200; seed++) {
			let x = seed;
			const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const list = Array.from({ length: 8 }, (_, i) => {
				const from = Math.floor(next() * 8) / 2;
				return session(
					`s${i}`,
					`r${Math.floor(next() * 3)}`,
					from,
					from + 0.5 + Math.floor(next() * 3) / 2,
					[{ profile_id: `p${Math.floor(next() * 4)}`, name: 'x' + i }]
				);
			});
			const expected = new Set<string>();
			for (const a of list) {
				for (const b of list) {
					if (a.id !== b.id && a.starts_at < b.ends_at && b.starts_at < a.ends_at) {
						if (a.room_id === b.room_id) expected.add(`${a.id} room ${b.id}`);
						if (a.speakers[0]!.profile_id === b.speakers[0]!.profile_id) {
							expected.add(`${a.id} speaker ${b.id}`);
						}
					}
				}
			}
			for (const order of [list, [...list].reverse()]) {
				const found = clashes(order, SLOTS);
				const got = new Set<string>();
				for (const [id, cs] of found) {
					for (const c of cs) {
						if (c.kind === 'room' || c.kind === 'speaker') got.add(`${id} ${c.kind} ${c.other}`);
					}
				}
				expect(got).toEqual(expected);
			}
		}
	});
});
