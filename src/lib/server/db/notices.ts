/**
 * Live notices to a person's own open pages, through their private Realtime topic `user:<id>`
 * (who may listen is decided by the RLS policy on realtime.messages).
 */
import { asService } from './client';

/**
 * Tells every open page of this person that their sessions ended. Sent by the service: it is the
 * system speaking, after Auth has already ended the sessions.
 */
export const signedOut = (userId: string) =>
	asService(async (sql) => {
		await sql`select realtime.send(${sql.json({ reason: 'signed_out' })}, 'signed_out', ${'user:' + userId}, true)`;
	});
