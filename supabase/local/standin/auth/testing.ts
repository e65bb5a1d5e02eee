/**
 * Support for the Auth stack tests and benchmark; the stand-in itself never loads this. Real
 * supabase-js clients, the mail outbox over HTTP, a cookie jar for @supabase/ssr, and a second
 * stand-in with other settings over the same database.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Mail, MailKind } from '../outbox.ts';
import { PUBLISHABLE_KEY, SECRET_KEY } from '../keys.ts';
import { startStandIn, type StandIn, type StandInConfig } from '../server.ts';

/** An address no other test uses. */
export const uniqueEmail = (label: string) =>
	`${label}-${randomUUID().slice(0, 8)}@example.org`.toLowerCase();

export type ClientOptions = {
	key?: string;
	/** Sent as X-Forwarded-For, as the app's server does for the person it acts for. */
	ip?: string;
	fetch?: typeof fetch;
};

/** A browser-like client without persistence (each test holds its session in the client). */
export function anonClient(url: string, options: ClientOptions = {}): SupabaseClient {
	return createClient(url, options.key ?? PUBLISHABLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: {
			...(options.ip ? { headers: { 'X-Forwarded-For': options.ip } } : {}),
			...(options.fetch ? { fetch: options.fetch } : {})
		}
	});
}

export function adminClient(url: string): SupabaseClient['auth']['admin'] {
	return createClient(url, SECRET_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	}).auth.admin;
}

/** A confirmed member with a password, made through the admin API. */
export async function confirmedUser(url: string, label: string, password = 'a-fine-password') {
	const email = uniqueEmail(label);
	const { data, error } = await adminClient(url).createUser({
		email,
		password,
		email_confirm: true
	});
	if (error) throw error;
	return { id: data.user.id, email, password };
}

/** Mails to `to`, newest first, optionally of one kind. */
export async function mailsTo(url: string, to: string, kind?: MailKind): Promise<Mail[]> {
	const response = await fetch(`${url}/_dev/mail?to=${encodeURIComponent(to)}`);
	const { messages } = (await response.json()) as { messages: Mail[] };
	return messages.filter((mail) => !kind || mail.kind === kind);
}

/** The newest mail of a kind to `to`, or a failure naming what was expected. */
export async function lastMail(url: string, to: string, kind: MailKind): Promise<Mail> {
	const [mail] = await mailsTo(url, to, kind);
	if (!mail) throw new Error(`no ${kind} mail to ${to}`);
	return mail;
}

/** token_hash, type and next from a mail's link to the app's /auth/confirm. */
export function linkParams(mail: Mail): { token_hash: string; type: string; next: string | null } {
	if (!mail.link) throw new Error(`the ${mail.kind} mail has no link`);
	const params = new URL(mail.link).searchParams;
	return {
		token_hash: params.get('token_hash') ?? '',
		type: params.get('type') ?? '',
		next: params.get('next')
	};
}

export type Cookie = { name: string; value: string };

/** The cookie store a SvelteKit server gives @supabase/ssr, reduced to a Map. */
export function cookieJar() {
	const cookies = new Map<string, string>();
	return {
		cookies,
		getAll: (): Cookie[] => [...cookies].map(([name, value]) => ({ name, value })),
		setAll: (toSet: { name: string; value: string; options: { maxAge?: number } }[]) => {
			for (const { name, value, options } of toSet) {
				if (options.maxAge === 0 || value === '') cookies.delete(name);
				else cookies.set(name, value);
			}
		}
	};
}

/** @supabase/ssr's server client over a cookie jar (it always uses PKCE). */
export function ssrClient(url: string, jar: ReturnType<typeof cookieJar>): SupabaseClient {
	return createServerClient(url, PUBLISHABLE_KEY, {
		cookies: { getAll: jar.getAll, setAll: jar.setAll }
	});
}

/**
 * GET /user over plain HTTP: supabase-js turns session_not_found into its own
 * AuthSessionMissingError, so the wire status and code are read here.
 */
export async function rawGetUser(
	url: string,
	accessToken: string
): Promise<{ status: number; code?: string; message?: string; id?: string }> {
	const response = await fetch(`${url}/auth/v1/user`, {
		headers: { apikey: PUBLISHABLE_KEY, authorization: `Bearer ${accessToken}` }
	});
	const body = (await response.json()) as { code?: string; message?: string; id?: string };
	return { status: response.status, ...body };
}

/** A fetch that records the URLs it was asked for. */
export function countingFetch() {
	const urls: string[] = [];
	const counted: typeof fetch = (input, init) => {
		urls.push(input instanceof Request ? input.url : String(input));
		return fetch(input, init);
	};
	return { fetch: counted, urls };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/**
 * Another stand-in over the same (already migrated) database with other settings, e.g. rate limits
 * or autoconfirm, or another config.toml: cheaper than a second cluster, and users are shared.
 */
export async function extraStandIn(
	databaseUrl: string,
	config: Partial<StandInConfig>,
	configFile?: string
): Promise<StandIn & { close: () => Promise<void> }> {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'auth-standin-'));
	const standIn = await startStandIn({
		databaseUrl,
		port: await freePort(),
		dataDir,
		config,
		configFile
	});
	return {
		...standIn,
		close: async () => {
			await standIn.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
