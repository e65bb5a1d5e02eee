/**
 * Checks what a live message carries before a page uses it. The payloads are flat records of ids,
 * numbers and short names, and the check runs in every signed-in page (the bell is on all of
 * them), so it is these few lines rather than zod, whose core alone would add 16 KB compressed to
 * each page; the server's boundaries keep zod.
 */
const FIELD = {
	uuid: (value: unknown) =>
		typeof value === 'string' &&
		/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
	int: (value: unknown) => Number.isSafeInteger(value),
	text: (value: unknown) => typeof value === 'string' && value.length <= 200
} as const;

type Kind = keyof typeof FIELD;
type Value<K extends Kind> = K extends 'int' ? number : string;

/** The payload with exactly the named fields, each of its kind, or null. */
export function payloadOf<S extends Record<string, Kind>>(
	payload: unknown,
	shape: S
): { [F in keyof S]: Value<S[F]> } | null {
	if (typeof payload !== 'object' || payload === null) return null;
	const record = payload as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const [field, kind] of Object.entries(shape)) {
		if (!FIELD[kind](record[field])) return null;
		out[field] = record[field];
	}
	return out as { [F in keyof S]: Value<S[F]> };
}
