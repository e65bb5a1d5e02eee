/**
 * Throttles kept in Postgres (shared by every app instance). The service connection does the
 * bookkeeping: the counters are the system's, not any person's data.
 */
import { asService } from './client';

export type Limit = { key: string; max: number; windowSeconds: number };

/** Counts a hit; resolves to 0 when allowed, else the seconds to wait. */
export const hit = ({ key, max, windowSeconds }: Limit) =>
	asService(async (sql) => {
		const [row] = await sql<{ wait: number }[]>`
			select private.hit_rate_limit(${key}, ${max}, ${windowSeconds}) as wait
		`;
		return row?.wait ?? 0;
	});

export const clear = (key: string) =>
	asService(async (sql) => {
		await sql`select private.clear_rate_limit(${key})`;
	});
