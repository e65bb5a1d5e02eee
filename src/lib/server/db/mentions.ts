/**
 * Who a writer may @mention in a space, suggested as they type (the reply and new-thread forms):
 * people who read the space, among the names the writer may already see there or in the
 * directory. The database decides (private.mention_candidates); a space the writer does not read
 * suggests nobody.
 */
import { withUser, type Claims } from './client';

export type Candidate = { display_name: string; handle: string };

/** Up to eight people whose handle starts with, or whose name holds, what was typed after "@". */
export const candidates = (user: Claims, spaceSlug: string, words: string): Promise<Candidate[]> =>
	withUser(user, (sql) =>
		sql<Candidate[]>`
			select c.display_name, c.handle
			from public.spaces s, private.mention_candidates(s.id, ${words}) c
			where s.slug = ${spaceSlug}
		`.then((rows) => [...rows])
	);
