/**
 * Proof that the person at the keyboard is the account's owner, before a change that takes over or
 * ends the account (a new password, a new address, deletion): their current password, or a session
 * that an e-mail link opened a moment ago (a reset, an invitation), which proves the mailbox.
 */
import { createClient } from '@supabase/supabase-js';
import type { Claims } from '../db/client';
import { supabaseEnv } from '../env';

/**
 * Checks the password on a throwaway client, so the person's own session is untouched; the
 * session it creates is ended at once.
 */
export async function passwordIsRight(
	email: string,
	password: string,
	clientIp: string
): Promise<boolean> {
	if (!email || !password) return false;
	const env = supabaseEnv();
	const probe = createClient(env.PUBLIC_SUPABASE_URL, env.PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: { 'X-Forwarded-For': clientIp } }
	});
	const { error } = await probe.auth.signInWithPassword({ email, password });
	if (error) return false;
	await probe.auth.signOut({ scope: 'local' });
	return true;
}

/** How long after following a mail's link the person may set a password without the old one. */
export const MAIL_LINK_GRACE_SECONDS = 15 * 60;

/**
 * The sign-in methods of an e-mail link or code, as the access token's amr claim names them
 * (GoTrue says otp for every verified link; older versions named the link's kind).
 */
const MAIL_METHODS = new Set(['otp', 'magiclink', 'recovery', 'invite', 'email/signup']);

/**
 * True when this session was opened by an e-mail link or code in the last few minutes: a reset or
 * an invitation, where the person has no current password to give (or has forgotten it).
 */
export function openedByMailLink(claims: Claims, now = Date.now() / 1000): boolean {
	const amr = Array.isArray(claims.amr) ? (claims.amr as unknown[]) : [];
	return amr.some((entry) => {
		if (!entry || typeof entry !== 'object') return false;
		const { method, timestamp } = entry as { method?: unknown; timestamp?: unknown };
		return (
			typeof method === 'string' &&
			MAIL_METHODS.has(method) &&
			typeof timestamp === 'number' &&
			now - timestamp <= MAIL_LINK_GRACE_SECONDS
		);
	});
}
