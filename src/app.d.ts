// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Claims } from '$lib/server/db/client';
import type { UnreadCount } from '$lib/server/db/notifications';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Quoted by a person who reports the problem; the server log has the details under it. */
			id?: string;
			/**
			 * The status a database refusal means (503 while it cannot be reached, 403, 400), which
			 * the response gets after rendering (see refusals.ts), so the error page says the same.
			 */
			status?: number;
		}
		interface Locals {
			/** Supabase Auth for this request (session in HttpOnly cookies). */
			supabase: SupabaseClient;
			/** The verified claims of the signed-in person, or null for a visitor. */
			claims: Claims | null;
			/** The signed-in person's profile time zone (null for a visitor or when unset). */
			timeZone: string | null;
			/** The person's address, forwarded to Auth so its per-IP limits apply to them. */
			clientIp: string;
			/** The status of a database refusal that reached handleError (see http/refusals.ts). */
			refusal?: number;
			/** The page is sent without the client app (see http/without-app.ts); its load says so. */
			withoutApp?: boolean;
		}
		interface PageData {
			/** How the viewer reads dates and times (see $lib/dates and src/routes/+layout.server.ts). */
			clock: import('$lib/dates').Clock;
			/** The viewer's unread notifications, for the header (see src/routes/+layout.server.ts). */
			unread?: UnreadCount | null;
		}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
