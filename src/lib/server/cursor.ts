/**
 * The one codec of keyset cursors: each list's cursor travels in links as opaque base64url JSON,
 * checked by that list's zod schema on the way back (e.g. directory.ts, compendium.ts).
 */
import { z } from 'zod';
import { hasNul } from '$lib/schemas/fields';

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
