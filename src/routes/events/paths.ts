/** An event's address, /events/<id>-<slug>, and reading it back. */
export const eventPath = (event: { id: string; slug: string }) =>
	`/events/${event.id}-${event.slug}`;

const ADDRESS = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-(.*))?$/;

/** The id and slug of an event's address, or null when it is not one. */
export function parseEventParam(param: string): { id: string; slug: string } | null {
	const match = ADDRESS.exec(param.toLowerCase());
	return match ? { id: match[1]!, slug: match[2] ?? '' } : null;
}

/** A list's label for a value, or the value itself when the list has none (a newer kind). */
export const labelOf = (labels: Record<string, () => string>, value: string) =>
	labels[value]?.() ?? value;
