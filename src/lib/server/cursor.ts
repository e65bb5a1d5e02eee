/** Keyset cursors travel in links as opaque base64url JSON: [tier, key, id]. */
import { z } from 'zod';
import { hasNul } from '$lib/schemas/fields';

export type Cursor = { tier: number; key: string; id: string };

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify([cursor.tier, cursor.key, cursor.id])).toString('base64url');
}

// The key is a number or a timestamp as Postgres wrote it; nothing else reaches the database.
const cursorSchema = z.tuple([
	z.number().int().min(0).max(2),
	z.string().regex(/^[\d.eE+\-: T]{1,40}$/),
	z.uuid()
]);

/** The cursor in a link: undefined when there is none, null when it is not one of ours. */
export function decodeCursor(value: string | undefined): Cursor | undefined | null {
	if (!value) return undefined;
	try {
		const json: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
		const parsed = cursorSchema.safeParse(json);
		return parsed.success
			? { tier: parsed.data[0], key: parsed.data[1], id: parsed.data[2] }
			: null;
	} catch {
		return null;
	}
}

/**
 * Encoding and decoding for a keyset cursor of any shape, checked by its zod schema: an opaque
 * base64url JSON in links, and undefined back when a link was tampered with or truncated.
 */
export function cursorCodec<S extends z.ZodType>(schema: S) {
	return {
		encode: (cursor: z.input<S>) => Buffer.from(JSON.stringify(cursor)).toString('base64url'),
		decode(value: string): z.output<S> | undefined {
			try {
				const json: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
				const parsed = schema.safeParse(json);
				return parsed.success ? parsed.data : undefined;
			} catch {
				return undefined;
			}
		}
	};
}

/**
 * Where a page in name order ended: the last name and its id (the tie-break). A link's JSON can
 * spell a NUL (\u0000) that no name holds and Postgres would refuse.
 */
export const nameCursor = z.object({
	n: z
		.string()
		.max(1000)
		.refine((n) => !hasNul(n)),
	id: z.uuid()
});
export type NameCursor = z.infer<typeof nameCursor>;
