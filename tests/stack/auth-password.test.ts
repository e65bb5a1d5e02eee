/**
 * Password sign-up and sign-in through the real supabase-js client: sessions, tokens and their
 * claims, refresh rotation, sign-out scopes, and the error paths people meet.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ANON_KEY } from '../../supabase/local/standin/keys.ts';
import { readSigningKeys } from '../../supabase/local/standin/signing-keys.ts';
import {
	adminClient,
	anonClient,
	confirmedUser,
	countingFetch,
	lastMail,
	linkParams,
	mailsTo,
	rawGetUser,
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import { only } from '../support/rows';

const { url, databaseUrl, dataDir } = inject('standIn');
// The stand-in's own key for this data folder (not the CLI's demo key).
const { signingKey } = await readSigningKeys(dataDir);
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

describe('sign-up with confirmation', () => {
	it('answers with the user and no session, and mails a confirmation link to the app', async () => {
		const email = uniqueEmail('signup');
		const { data, error } = await anonClient(url).auth.signUp({
			email,
			password: 'correct horse battery',
			options: {
				data: { display_name: 'Ada Lovelace' },
				emailRedirectTo: 'http://localhost:3999/events/42?tab=people'
			}
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user).toMatchObject({
			email,
			aud: 'authenticated',
			role: 'authenticated',
			user_metadata: {
				display_name: 'Ada Lovelace',
				email,
				email_verified: false,
				phone_verified: false,
				sub: data.user?.id
			},
			app_metadata: { provider: 'email', providers: ['email'] },
			is_anonymous: false
		});
		expect(data.user?.identities).toHaveLength(1);
		expect(data.user?.confirmation_sent_at).toBeTruthy();
		expect(data.user?.email_confirmed_at).toBeUndefined();

		const mail = await lastMail(url, email, 'confirmation');
		expect(mail.subject).toBe('Confirm your e-mail for Capacity Commons');
		expect(mail.code).toMatch(/^\d{6}$/);
		expect(mail.text).toContain(mail.code);
		expect(mail.text).toContain(mail.link);
		const link = new URL(mail.link ?? '');
		expect(link.origin + link.pathname).toBe('http://localhost:3999/auth/confirm');
		expect(linkParams(mail)).toEqual({
			token_hash: expect.stringMatching(/^[0-9a-f]{56}$/),
			type: 'signup',
			next: '/events/42?tab=people'
		});

		// The app's handle_new_user trigger ran inside the sign-up.
		const [profile] =
			await sql`select display_name from public.profiles where id = ${data.user?.id ?? ''}`;
		expect(profile?.display_name).toBe('Ada Lovelace');
	});

	it('confirms with verifyOtp and the token_hash of the mailed link, once', async () => {
		const email = uniqueEmail('confirm');
		const client = anonClient(url);
		await client.auth.signUp({ email, password: 'correct horse battery' });
		const { token_hash } = linkParams(await lastMail(url, email, 'confirmation'));

		const { data, error } = await client.auth.verifyOtp({ token_hash, type: 'signup' });
		expect(error).toBeNull();
		expect(data.session?.user.email_confirmed_at).toBeTruthy();
		expect(data.session?.user.user_metadata.email_verified).toBe(true);
		expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);

		const again = await anonClient(url).auth.verifyOtp({ token_hash, type: 'signup' });
		expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' });

		const signIn = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'correct horse battery'
		});
		expect(signIn.error).toBeNull();
	});

	it('refuses to sign in before the address is confirmed', async () => {
		const email = uniqueEmail('unconfirmed');
		await anonClient(url).auth.signUp({ email, password: 'correct horse battery' });
		const { error } = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'correct horse battery'
		});
		expect(error).toMatchObject({
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed'
		});
	});

	it('refuses a weak password with its reasons', async () => {
		const { error } = await anonClient(url).auth.signUp({
			email: uniqueEmail('weak'),
			password: 'short'
		});
		expect(error).toMatchObject({
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			reasons: ['length'],
			message: 'Password should be at least 8 characters.'
		});
	});

	it('refuses passwords longer than bcrypt can read (72 bytes)', async () => {
		const { error } = await anonClient(url).auth.signUp({
			email: uniqueEmail('long'),
			password: 'é'.repeat(37)
		});
		expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
	});

	it('refuses a malformed address', async () => {
		const { error } = await anonClient(url).auth.signUp({
			email: 'not-an-address',
			password: 'correct horse battery'
		});
		expect(error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});

	it('answers a sign-up for a member’s address like a new one, without a mail', async () => {
		const member = await confirmedUser(url, 'member');
		const { data, error } = await anonClient(url).auth.signUp({
			email: member.email,
			password: 'another password'
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.id).not.toBe(member.id);
		expect(data.user?.identities).toEqual([]);
		expect(Object.keys(data.user ?? {}).sort()).toEqual(
			[
				'id',
				'aud',
				'role',
				'email',
				'phone',
				'confirmation_sent_at',
				'app_metadata',
				'user_metadata',
				'identities',
				'created_at',
				'updated_at',
				'is_anonymous'
			].sort()
		);
		expect(await mailsTo(url, member.email)).toEqual([]);
		// The member's password is unchanged.
		const signIn = await anonClient(url).auth.signInWithPassword(member);
		expect(signIn.error).toBeNull();
	});

	it('answers it so again at once: no mail went out, so no mail interval applies (as GoTrue)', async () => {
		const member = await confirmedUser(url, 'twice');
		for (const password of ['another password', 'yet another password']) {
			const { data, error } = await anonClient(url).auth.signUp({ email: member.email, password });
			expect(error).toBeNull();
			expect(data.user?.identities).toEqual([]);
		}
	});
});

describe('sign-up and the app’s trigger', () => {
	it('rolls everything back when a trigger on auth.users fails: 500 and no half-made user', async () => {
		// Only addresses of this test fail, so sign-ups in other files running now are unaffected.
		await sql`
			create or replace function public.test_refuse_signup() returns trigger
			language plpgsql as $$
			begin
				if new.email like 'trigger-fail-%' then raise exception 'refused by a test trigger'; end if;
				return new;
			end $$
		`;
		await sql`
			create or replace trigger test_refuse_signup after insert on auth.users
			for each row execute function public.test_refuse_signup()
		`;
		try {
			const email = uniqueEmail('trigger-fail');
			const { data, error } = await anonClient(url).auth.signUp({
				email,
				password: 'correct horse battery'
			});
			expect(data.user).toBeNull();
			expect(error).toMatchObject({
				name: 'AuthRetryableFetchError',
				status: 500,
				message: 'Database error saving new user'
			});
			const raw = await fetch(`${url}/auth/v1/signup`, {
				method: 'POST',
				headers: { apikey: ANON_KEY, 'x-supabase-api-version': '2024-01-01' },
				body: JSON.stringify({ email, password: 'correct horse battery' })
			});
			expect(raw.status).toBe(500);
			expect(await raw.json()).toEqual({
				code: 'unexpected_failure',
				message: 'Database error saving new user'
			});
			expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
			expect(await sql`select 1 from auth.identities where email = ${email}`).toHaveLength(0);
			expect(await mailsTo(url, email)).toEqual([]);
		} finally {
			await sql`drop trigger if exists test_refuse_signup on auth.users`;
			await sql`drop function if exists public.test_refuse_signup()`;
		}
	});
});

describe('sign-in with a password', () => {
	it('issues a session as GoTrue does, with an ES256 token in GoTrue’s claim order', async () => {
		const member = await confirmedUser(url, 'signin');
		const { data, error } = await anonClient(url).auth.signInWithPassword(member);
		expect(error).toBeNull();
		const session = data.session;
		expect(session).toMatchObject({
			token_type: 'bearer',
			expires_in: 3600,
			refresh_token: expect.stringMatching(/^[a-z0-9]{12}$/),
			user: { id: member.id, email: member.email, last_sign_in_at: expect.any(String) }
		});
		expect(data.weakPassword).toBeUndefined();
		const header = decodeProtectedHeader(session?.access_token ?? '');
		expect(header).toEqual({
			alg: 'ES256',
			kid: signingKey.kid,
			typ: 'JWT'
		});
		const claims = decodeJwt(session?.access_token ?? '');
		expect(Object.keys(claims)).toEqual([
			'iss',
			'sub',
			'aud',
			'exp',
			'iat',
			'email',
			'phone',
			'app_metadata',
			'user_metadata',
			'role',
			'aal',
			'amr',
			'session_id',
			'is_anonymous'
		]);
		expect(claims).toMatchObject({
			iss: `${url}/auth/v1`,
			sub: member.id,
			aud: 'authenticated',
			email: member.email,
			phone: '',
			role: 'authenticated',
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: expect.any(Number) }],
			is_anonymous: false
		});
		expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
		expect(session?.expires_at).toBe(claims.exp);

		const [row] = await sql`
			select s.id, s.aal, (select count(*)::int from auth.refresh_tokens t where t.session_id = s.id) as tokens,
				(select array_agg(authentication_method) from auth.mfa_amr_claims a where a.session_id = s.id) as amr
			from auth.sessions s where s.id = ${String(claims.session_id)}
		`;
		expect(row).toMatchObject({ aal: 'aal1', tokens: 1, amr: ['password'] });
	});

	it('sends weak_password: null on the password grant, as GoTrue', async () => {
		const member = await confirmedUser(url, 'rawgrant');
		const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: ANON_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ email: member.email, password: member.password })
		});
		const body = (await response.json()) as Record<string, unknown>;
		expect(Object.keys(body)).toEqual([
			'access_token',
			'token_type',
			'expires_in',
			'expires_at',
			'refresh_token',
			'user',
			'weak_password'
		]);
		expect(body.weak_password).toBeNull();
	});

	it('gives a wrong password and an unknown address the same answer', async () => {
		const member = await confirmedUser(url, 'wrong');
		const wrong = await anonClient(url).auth.signInWithPassword({
			email: member.email,
			password: 'not the password'
		});
		const unknown = await anonClient(url).auth.signInWithPassword({
			email: uniqueEmail('nobody'),
			password: 'not the password'
		});
		for (const { error } of [wrong, unknown]) {
			expect(error).toMatchObject({
				status: 400,
				code: 'invalid_credentials',
				message: 'Invalid login credentials'
			});
		}
	});

	it('works with the legacy anon key as well as the publishable key', async () => {
		const member = await confirmedUser(url, 'anonkey');
		const { error } = await anonClient(url, { key: ANON_KEY }).auth.signInWithPassword(member);
		expect(error).toBeNull();
	});

	it('signs in a user a seed inserted with pgcrypto and NULL token columns', async () => {
		const email = uniqueEmail('seeded');
		const { id } = only(
			await sql`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
				email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
				confirmation_token, recovery_token, email_change_token_new, email_change)
			values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
				'authenticated', ${email}, extensions.crypt('seeded-password', extensions.gen_salt('bf')),
				now(), '{"provider":"email","providers":["email"]}', '{"display_name":"Seeded"}', now(), now(),
				null, null, null, null)
			returning id
		`
		);
		const { hash } = only(
			await sql`select encrypted_password as hash from auth.users where id = ${id}`
		);
		expect(hash).toMatch(/^\$2a\$06\$/);
		const { data, error } = await anonClient(url).auth.signInWithPassword({
			email: email.toUpperCase(),
			password: 'seeded-password'
		});
		expect(error).toBeNull();
		expect(data.user?.id).toBe(id);
	});

	it('warns (weak_password) when a correct password no longer meets the policy', async () => {
		const email = uniqueEmail('oldpolicy');
		await sql`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
				email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
				'authenticated', ${email}, extensions.crypt('short', extensions.gen_salt('bf')), now(),
				'{}', '{}', now(), now())
		`;
		const { data, error } = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'short'
		});
		expect(error).toBeNull();
		expect(data.weakPassword).toEqual({
			message: 'Password should be at least 8 characters.',
			reasons: ['length']
		});
	});
});

describe('access tokens', () => {
	it('getClaims() verifies locally against the JWKS, without calling GET /user', async () => {
		const member = await confirmedUser(url, 'claims');
		const counting = countingFetch();
		const client = anonClient(url, { fetch: counting.fetch });
		await client.auth.signInWithPassword(member);
		counting.urls.length = 0;
		const { data, error } = await client.auth.getClaims();
		expect(error).toBeNull();
		expect(data?.claims.sub).toBe(member.id);
		expect(counting.urls.some((u) => u.endsWith('/auth/v1/user'))).toBe(false);
		expect(counting.urls.filter((u) => u.endsWith('/.well-known/jwks.json'))).toHaveLength(1);
	});

	it('publishes only the public key', async () => {
		const response = await fetch(`${url}/auth/v1/.well-known/jwks.json`);
		expect(response.headers.get('cache-control')).toBe('public, max-age=600');
		const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
		expect(keys).toEqual([
			{
				alg: 'ES256',
				crv: 'P-256',
				ext: true,
				key_ops: ['verify'],
				kid: signingKey.kid,
				kty: 'EC',
				use: 'sig',
				x: signingKey.x,
				y: signingKey.y
			}
		]);
	});

	it('GET /user: 401 without a bearer token, 403 bad_jwt for a forged or expired one', async () => {
		const noBearer = await fetch(`${url}/auth/v1/user`);
		expect(noBearer.status).toBe(401);
		expect(await noBearer.json()).toMatchObject({ code: 'no_authorization' });

		const member = await confirmedUser(url, 'forged');
		const { data } = await anonClient(url).auth.signInWithPassword(member);
		const [head, , signature] = (data.session?.access_token ?? '').split('.');
		const payload = Buffer.from(
			JSON.stringify({ ...decodeJwt(data.session?.access_token ?? ''), role: 'service_role' })
		).toString('base64url');
		const forged = await anonClient(url).auth.getUser(`${head}.${payload}.${signature}`);
		expect(forged.error).toMatchObject({ status: 403, code: 'bad_jwt' });
		expect(forged.error?.message).toMatch(/^invalid JWT/);
	});
});

describe('refresh tokens', () => {
	it('rotate, answer a just-used token with the same child, and end the session on replay', async () => {
		const member = await confirmedUser(url, 'refresh');
		const client = anonClient(url);
		const { data } = await client.auth.signInWithPassword(member);
		const first = data.session?.refresh_token ?? '';

		const rotated = await anonClient(url).auth.refreshSession({ refresh_token: first });
		expect(rotated.error).toBeNull();
		const second = rotated.data.session?.refresh_token ?? '';
		expect(second).not.toBe(first);
		expect(decodeJwt(rotated.data.session?.access_token ?? '').session_id).toBe(
			decodeJwt(data.session?.access_token ?? '').session_id
		);

		// The client lost the answer and tries again: the same child, not a new one.
		const retried = await anonClient(url).auth.refreshSession({ refresh_token: first });
		expect(retried.error).toBeNull();
		expect(retried.data.session?.refresh_token).toBe(second);

		const third = await anonClient(url).auth.refreshSession({ refresh_token: second });
		const thirdToken = third.data.session?.refresh_token ?? '';
		// Ten seconds later, the first token comes back: a replay.
		await sql`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = ${first}`;
		const replay = await anonClient(url).auth.refreshSession({ refresh_token: first });
		expect(replay.error).toMatchObject({
			status: 400,
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		const [revoked] = await sql`
			select bool_and(revoked) as all_revoked from auth.refresh_tokens
			where session_id = ${String(decodeJwt(third.data.session?.access_token ?? '').session_id)}
		`;
		expect(revoked?.all_revoked).toBe(true);
		const after = await anonClient(url).auth.refreshSession({ refresh_token: thirdToken });
		expect(after.error).toMatchObject({ status: 400 });
		expect(await rawGetUser(url, third.data.session?.access_token ?? '')).toMatchObject({
			status: 403,
			code: 'session_not_found'
		});
	});

	it('refuses unknown refresh tokens', async () => {
		const { error } = await anonClient(url).auth.refreshSession({ refresh_token: 'abcdefghijkl' });
		expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});
});

describe('sign-out', () => {
	type Signed = { client: ReturnType<typeof anonClient>; token: string };
	/** `n` signed-in sessions of one person, each with its own client (a tuple of n). */
	async function sessions<T extends Signed[]>(email: string, password: string, n: T['length']) {
		const made: Signed[] = [];
		for (let i = 0; i < n; i++) {
			const client = anonClient(url);
			const { data } = await client.auth.signInWithPassword({ email, password });
			made.push({ client, token: data.session?.access_token ?? '' });
		}
		return made as T;
	}
	const live = async (token: string) => !(await anonClient(url).auth.getUser(token)).error;

	it('local ends one session, others all but this one, global all', async () => {
		const member = await confirmedUser(url, 'logout');
		const [a, b, c] = await sessions<[Signed, Signed, Signed]>(member.email, member.password, 3);

		await a.client.auth.signOut({ scope: 'local' });
		expect([await live(a.token), await live(b.token), await live(c.token)]).toEqual([
			false,
			true,
			true
		]);

		const [d] = await sessions<[Signed]>(member.email, member.password, 1);
		await b.client.auth.signOut({ scope: 'others' });
		expect([await live(b.token), await live(c.token), await live(d.token)]).toEqual([
			true,
			false,
			false
		]);

		const [e] = await sessions<[Signed]>(member.email, member.password, 1);
		await e.client.auth.signOut({ scope: 'global' });
		expect([await live(b.token), await live(e.token)]).toEqual([false, false]);
	});

	it('stops signed-out access tokens at GET /user with session_not_found', async () => {
		const member = await confirmedUser(url, 'signedout');
		const client = anonClient(url);
		const { data } = await client.auth.signInWithPassword(member);
		await client.auth.signOut();
		expect(await rawGetUser(url, data.session?.access_token ?? '')).toEqual({
			status: 403,
			code: 'session_not_found',
			message: 'Session from session_id claim in JWT does not exist'
		});
		// supabase-js reads that as "signed out".
		const { error } = await anonClient(url).auth.getUser(data.session?.access_token);
		expect(error?.name).toBe('AuthSessionMissingError');
	});
});

describe('the admin check', () => {
	it('refuses a user token on the admin API with not_admin', async () => {
		const member = await confirmedUser(url, 'notadmin');
		const { data } = await anonClient(url).auth.signInWithPassword(member);
		const response = await fetch(`${url}/auth/v1/admin/users`, {
			headers: { authorization: `Bearer ${data.session?.access_token}` }
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
		const anon = await anonClient(url).auth.admin.listUsers();
		expect(anon.error).toMatchObject({ status: 403, code: 'not_admin' });
		const admin = await adminClient(url).listUsers({ page: 1, perPage: 1 });
		expect(admin.error).toBeNull();
	});
});

describe('the rest of the service', () => {
	it('answers /health and /settings as GoTrue', async () => {
		const health = await (await fetch(`${url}/auth/v1/health`)).json();
		expect(health).toMatchObject({ name: 'GoTrue' });
		const settings = (await (await fetch(`${url}/auth/v1/settings`)).json()) as {
			external: Record<string, boolean>;
			mailer_autoconfirm: boolean;
		};
		expect(settings.external).toMatchObject({ email: true, phone: false, google: false });
		expect(settings.mailer_autoconfirm).toBe(false);
	});

	it('refuses what it does not do in GoTrue’s envelope: OAuth, MFA, phone, anonymous', async () => {
		const client = anonClient(url);
		const oauth = await fetch(`${url}/auth/v1/authorize?provider=github`);
		expect(oauth.status).toBe(400);
		expect(oauth.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(await oauth.json()).toMatchObject({ code: 'validation_failed' });

		const member = await confirmedUser(url, 'mfa');
		await client.auth.signInWithPassword(member);
		const enroll = await client.auth.mfa.enroll({ factorType: 'totp' });
		expect(enroll.error).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled' });

		const phone = await anonClient(url).auth.signUp({
			phone: '+15555550100',
			password: 'pw-123456'
		});
		expect(phone.error).toMatchObject({ code: 'phone_provider_disabled' });
		const anonymous = await anonClient(url).auth.signInAnonymously();
		expect(anonymous.error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled' });

		const nowhere = await fetch(`${url}/auth/v1/nowhere`);
		expect(nowhere.status).toBe(404);
		expect(await nowhere.json()).toMatchObject({ code: 'not_found' });
	});

	it('answers malformed JSON with bad_json', async () => {
		const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: ANON_KEY, 'content-type': 'application/json' },
			body: '{"email": '
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ code: 'bad_json' });
		const grant = await fetch(`${url}/auth/v1/token?grant_type=magic`, {
			method: 'POST',
			headers: { apikey: ANON_KEY }
		});
		expect(await grant.json()).toMatchObject({
			code: 'invalid_credentials',
			message: 'unsupported_grant_type'
		});
	});
});
