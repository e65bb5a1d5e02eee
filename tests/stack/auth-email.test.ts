/**
 * The mail flows through the real supabase-js client: magic links and e-mail codes, password
 * recovery, change of address, resend and reauthentication, and codes that expire or are reused.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
	adminClient,
	anonClient,
	confirmedUser,
	lastMail,
	linkParams,
	mailsTo,
	rawGetUser,
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import { PUBLISHABLE_KEY } from '../../supabase/local/standin/keys.ts';

const { url, databaseUrl } = inject('standIn');
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

/** GoTrue's own link (GET /verify) without following the redirect. */
async function clickVerify(token: string, type: string, redirectTo: string): Promise<URL> {
	const response = await fetch(
		`${url}/auth/v1/verify?token=${token}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`,
		{ redirect: 'manual', headers: { apikey: PUBLISHABLE_KEY } }
	);
	expect(response.status).toBe(303);
	return new URL(response.headers.get('location') ?? '');
}

describe('mail in the account’s language', () => {
	it('says it in the language of the account’s metadata, its link opening the page in it', async () => {
		const email = uniqueEmail('arabic');
		const { error } = await adminClient(url).createUser({
			email,
			password: 'a-fine-password',
			email_confirm: true,
			user_metadata: { locale: 'ar' }
		});
		expect(error).toBeNull();
		await anonClient(url).auth.signInWithOtp({
			email,
			options: { shouldCreateUser: false, emailRedirectTo: 'http://localhost:3999/ar/people' }
		});
		const mail = await lastMail(url, email, 'magic_link');
		expect(mail.subject).toBe('رابط تسجيل دخولك إلى Capacity Commons');
		expect(new URL(mail.link!).pathname).toBe('/ar/auth/confirm');
		expect(linkParams(mail)).toMatchObject({ type: 'magiclink', next: '/ar/people' });
		expect(mail.html).toContain('<div lang="ar" dir="rtl">');
		expect(mail.text).toContain(`أو أدخل هذا الرمز: ${mail.code}`);
	});

	it('a sign-up from a French page is confirmed in French; no language, in English', async () => {
		const french = uniqueEmail('french');
		await anonClient(url).auth.signUp({
			email: french,
			password: 'a-fine-password',
			options: { data: { locale: 'fr' } }
		});
		const mail = await lastMail(url, french, 'confirmation');
		expect(mail.subject).toBe('Confirmez votre adresse e-mail pour Capacity Commons');
		expect(new URL(mail.link!).pathname).toBe('/fr/auth/confirm');

		const other = uniqueEmail('unknown');
		await anonClient(url).auth.signUp({
			email: other,
			password: 'a-fine-password',
			options: { data: { locale: 'klingon' } }
		});
		const english = await lastMail(url, other, 'confirmation');
		expect(english.subject).toBe('Confirm your e-mail for Capacity Commons');
		expect(new URL(english.link!).pathname).toBe('/auth/confirm');
	});
});

describe('magic links and e-mail codes', () => {
	it('mails a member a sign-in link (to the app, with next) that verifyOtp accepts once', async () => {
		const member = await confirmedUser(url, 'magic');
		const { error } = await anonClient(url).auth.signInWithOtp({
			email: member.email,
			options: { shouldCreateUser: false, emailRedirectTo: 'http://localhost:3999/events' }
		});
		expect(error).toBeNull();
		const mail = await lastMail(url, member.email, 'magic_link');
		expect(mail.subject).toBe('Your sign-in link for Capacity Commons');
		const link = linkParams(mail);
		expect(link).toMatchObject({ type: 'magiclink', next: '/events' });

		const { data } = await anonClient(url).auth.verifyOtp({
			token_hash: link.token_hash,
			type: 'magiclink'
		});
		expect(data.session?.user.id).toBe(member.id);
		expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);
		const again = await anonClient(url).auth.verifyOtp({
			token_hash: link.token_hash,
			type: 'magiclink'
		});
		expect(again.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});
	});

	it('accepts the 6-digit code of the same mail with type "email"', async () => {
		const member = await confirmedUser(url, 'emailotp');
		await anonClient(url).auth.signInWithOtp({ email: member.email });
		const { code } = await lastMail(url, member.email, 'magic_link');
		const wrong = await anonClient(url).auth.verifyOtp({
			email: member.email,
			token: code === '000000' ? '111111' : '000000',
			type: 'email'
		});
		expect(wrong.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
		const { data, error } = await anonClient(url).auth.verifyOtp({
			email: member.email,
			token: code ?? '',
			type: 'email'
		});
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(member.email);
	});

	it('with create_user false, refuses unknown addresses (otp_disabled) and creates no one', async () => {
		const email = uniqueEmail('stranger');
		const { error } = await anonClient(url).auth.signInWithOtp({
			email,
			options: { shouldCreateUser: false }
		});
		expect(error).toMatchObject({ status: 422, code: 'otp_disabled' });
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
		expect(await mailsTo(url, email)).toEqual([]);
	});

	it('signs a new address up without a password; its code confirms and signs in', async () => {
		const email = uniqueEmail('newbyotp');
		await anonClient(url).auth.signInWithOtp({
			email,
			options: { data: { display_name: 'Kofi' } }
		});
		const mail = await lastMail(url, email, 'confirmation');
		const { data, error } = await anonClient(url).auth.verifyOtp({
			email,
			token: mail.code ?? '',
			type: 'email'
		});
		expect(error).toBeNull();
		expect(data.session?.user).toMatchObject({
			email,
			email_confirmed_at: expect.any(String),
			user_metadata: { display_name: 'Kofi', email_verified: true }
		});
	});

	it('GET /verify (GoTrue’s own link) redirects with the session in the fragment', async () => {
		const member = await confirmedUser(url, 'implicit');
		await anonClient(url).auth.signInWithOtp({ email: member.email });
		const { token_hash } = linkParams(await lastMail(url, member.email, 'magic_link'));
		const location = await clickVerify(token_hash, 'magiclink', 'http://localhost:3999/welcome');
		expect(location.origin + location.pathname).toBe('http://localhost:3999/welcome');
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(Object.fromEntries(fragment)).toEqual({
			access_token: expect.any(String),
			expires_at: expect.stringMatching(/^\d+$/),
			expires_in: '3600',
			refresh_token: expect.stringMatching(/^[a-z0-9]{12}$/),
			sb: '',
			token_type: 'bearer',
			type: 'magiclink'
		});
		expect(decodeJwt(fragment.get('access_token') ?? '').sub).toBe(member.id);

		// Used once; a second click lands on the error, and never on a foreign site.
		const reused = await clickVerify(token_hash, 'magiclink', 'https://evil.example/steal');
		expect(reused.origin).toBe('http://localhost:3999');
		expect(Object.fromEntries(new URLSearchParams(reused.hash.slice(1)))).toEqual({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired',
			sb: ''
		});
	});
});

describe('expiry', () => {
	it('refuses codes and links older than otpExpiry (600 s)', async () => {
		const email = uniqueEmail('expired');
		await anonClient(url).auth.signUp({ email, password: 'correct horse battery' });
		const mail = await lastMail(url, email, 'confirmation');
		await sql`
			update auth.users set confirmation_sent_at = now() - interval '601 seconds'
			where email = ${email}
		`;
		const byCode = await anonClient(url).auth.verifyOtp({
			email,
			token: mail.code ?? '',
			type: 'signup'
		});
		expect(byCode.error).toMatchObject({ status: 403, code: 'otp_expired' });
		const byLink = await anonClient(url).auth.verifyOtp({
			token_hash: linkParams(mail).token_hash,
			type: 'signup'
		});
		expect(byLink.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});
	});

	it('also when only the one-time token row is old', async () => {
		const member = await confirmedUser(url, 'oldtoken');
		await anonClient(url).auth.signInWithOtp({ email: member.email });
		const mail = await lastMail(url, member.email, 'magic_link');
		await sql`
			update auth.one_time_tokens set created_at = created_at - interval '11 minutes'
			where user_id = ${member.id}
		`;
		const { error } = await anonClient(url).auth.verifyOtp({
			token_hash: linkParams(mail).token_hash,
			type: 'magiclink'
		});
		expect(error).toMatchObject({ status: 403, code: 'otp_expired' });
	});

	it('stores codes as GoTrue does: sha224(email + code), in the user row and one_time_tokens', async () => {
		const member = await confirmedUser(url, 'hashes');
		await anonClient(url).auth.signInWithOtp({ email: member.email });
		const mail = await lastMail(url, member.email, 'magic_link');
		const hash = createHash('sha224')
			.update(member.email + mail.code)
			.digest('hex');
		expect(linkParams(mail).token_hash).toBe(hash);
		const [row] = await sql`
			select u.recovery_token, t.token_type::text, t.token_hash, t.relates_to
			from auth.users u join auth.one_time_tokens t on t.user_id = u.id
			where u.id = ${member.id}
		`;
		expect(row).toEqual({
			recovery_token: hash,
			token_type: 'recovery_token',
			token_hash: hash,
			relates_to: member.email
		});
	});
});

describe('password recovery', () => {
	it('mails a recovery link; verifying it allows a new password and ends other sessions', async () => {
		const member = await confirmedUser(url, 'recover');
		const elsewhere = await anonClient(url).auth.signInWithPassword(member);
		const client = anonClient(url);
		const { error } = await client.auth.resetPasswordForEmail(member.email, {
			redirectTo: 'http://localhost:3999/account/password'
		});
		expect(error).toBeNull();
		const mail = await lastMail(url, member.email, 'recovery');
		expect(mail.subject).toBe('Reset your Capacity Commons password');
		expect(linkParams(mail)).toMatchObject({ type: 'recovery', next: '/account/password' });

		const events: string[] = [];
		client.auth.onAuthStateChange((event) => void events.push(event));
		const verified = await client.auth.verifyOtp({
			token_hash: linkParams(mail).token_hash,
			type: 'recovery'
		});
		expect(verified.error).toBeNull();
		expect(events).toContain('PASSWORD_RECOVERY');

		const weak = await client.auth.updateUser({ password: 'short' });
		expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
		const updated = await client.auth.updateUser({ password: 'a brand new password' });
		expect(updated.error).toBeNull();
		const same = await client.auth.updateUser({ password: 'a brand new password' });
		expect(same.error).toMatchObject({ status: 422, code: 'same_password' });

		expect(await rawGetUser(url, elsewhere.data.session?.access_token ?? '')).toMatchObject({
			status: 403,
			code: 'session_not_found'
		});
		expect((await client.auth.getUser()).error).toBeNull();
		const old = await anonClient(url).auth.signInWithPassword(member);
		expect(old.error).toMatchObject({ code: 'invalid_credentials' });
		const renewed = await anonClient(url).auth.signInWithPassword({
			email: member.email,
			password: 'a brand new password'
		});
		expect(renewed.error).toBeNull();
	});

	it('answers an unknown address the same way, and mails no one', async () => {
		const email = uniqueEmail('norecover');
		const { data, error } = await anonClient(url).auth.resetPasswordForEmail(email);
		expect(error).toBeNull();
		expect(data).toEqual({});
		expect(await mailsTo(url, email)).toEqual([]);
	});
});

describe('the account (PUT /user)', () => {
	it('merges metadata, a null deleting a key', async () => {
		const member = await confirmedUser(url, 'metadata');
		const client = anonClient(url);
		await client.auth.signInWithPassword(member);
		await client.auth.updateUser({ data: { city: 'Accra', pronouns: 'she/her' } });
		const { data, error } = await client.auth.updateUser({ data: { city: null, theme: 'dark' } });
		expect(error).toBeNull();
		expect(data.user?.user_metadata).toEqual({
			pronouns: 'she/her',
			theme: 'dark',
			email_verified: true
		});
		// A refreshed token carries the new metadata.
		const refreshed = await client.auth.refreshSession();
		expect(decodeJwt(refreshed.data.session?.access_token ?? '').user_metadata).toMatchObject({
			theme: 'dark'
		});
	});

	it('refuses app_metadata from the person (not_admin)', async () => {
		const member = await confirmedUser(url, 'appmeta');
		const { data } = await anonClient(url).auth.signInWithPassword(member);
		const response = await fetch(`${url}/auth/v1/user`, {
			method: 'PUT',
			headers: {
				apikey: PUBLISHABLE_KEY,
				authorization: `Bearer ${data.session?.access_token}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ app_metadata: { role: 'admin' } })
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ code: 'not_admin' });
	});

	it('changes the address after both the new and the current address confirm', async () => {
		const member = await confirmedUser(url, 'moving');
		const newEmail = uniqueEmail('moved');
		const client = anonClient(url);
		await client.auth.signInWithPassword(member);
		const { data, error } = await client.auth.updateUser(
			{ email: newEmail },
			{ emailRedirectTo: 'http://localhost:3999/account?emailChanged' }
		);
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email: member.email, new_email: newEmail });
		const toNew = await lastMail(url, newEmail, 'email_change_new');
		const toCurrent = await lastMail(url, member.email, 'email_change_current');
		expect(toCurrent.text).toContain(newEmail);
		expect(linkParams(toNew)).toMatchObject({
			type: 'email_change',
			next: '/account?emailChanged'
		});

		// The first confirmation only says so (supabase-js: no user, no session).
		const first = await fetch(`${url}/auth/v1/verify`, {
			method: 'POST',
			headers: { apikey: PUBLISHABLE_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ token_hash: linkParams(toNew).token_hash, type: 'email_change' })
		});
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({
			msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
			code: '200'
		});
		const second = await anonClient(url).auth.verifyOtp({
			email: member.email,
			token: toCurrent.code ?? '',
			type: 'email_change'
		});
		expect(second.error).toBeNull();
		expect(second.data.session?.user).toMatchObject({ id: member.id, email: newEmail });
		expect(second.data.session?.user.new_email).toBeUndefined();
		const identity = second.data.session?.user.identities?.[0];
		expect(identity?.identity_data).toMatchObject({ email: newEmail, email_verified: true });

		const signIn = await anonClient(url).auth.signInWithPassword({
			email: newEmail,
			password: member.password
		});
		expect(signIn.error).toBeNull();
	});

	it('refuses an address another member uses (email_exists)', async () => {
		const [a, b] = await Promise.all([
			confirmedUser(url, 'taken-a'),
			confirmedUser(url, 'taken-b')
		]);
		const client = anonClient(url);
		await client.auth.signInWithPassword(a);
		const { error } = await client.auth.updateUser({ email: b.email });
		expect(error).toMatchObject({ status: 422, code: 'email_exists' });
	});

	it('checks a reauthentication code sent as nonce with a new password', async () => {
		const member = await confirmedUser(url, 'reauth');
		const client = anonClient(url);
		await client.auth.signInWithPassword(member);
		expect((await client.auth.reauthenticate()).error).toBeNull();
		const mail = await lastMail(url, member.email, 'reauthentication');
		expect(mail.link).toBeUndefined();
		const wrong = await client.auth.updateUser({
			password: 'yet another password',
			nonce: mail.code === '000000' ? '111111' : '000000'
		});
		expect(wrong.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
		const right = await client.auth.updateUser({
			password: 'yet another password',
			nonce: mail.code
		});
		expect(right.error).toBeNull();
	});
});

describe('resend', () => {
	it('mails a new confirmation code and retires the previous one', async () => {
		const email = uniqueEmail('resend');
		await anonClient(url).auth.signUp({ email, password: 'correct horse battery' });
		const first = await lastMail(url, email, 'confirmation');
		const { error } = await anonClient(url).auth.resend({ type: 'signup', email });
		expect(error).toBeNull();
		const mails = await mailsTo(url, email, 'confirmation');
		expect(mails).toHaveLength(2);
		const old = await anonClient(url).auth.verifyOtp({
			token_hash: linkParams(first).token_hash,
			type: 'signup'
		});
		expect(old.error).toMatchObject({ code: 'otp_expired' });
		const fresh = await anonClient(url).auth.verifyOtp({
			email,
			token: mails[0]?.code ?? '',
			type: 'signup'
		});
		expect(fresh.error).toBeNull();
	});

	it('answers for unknown and confirmed addresses without mailing', async () => {
		const member = await confirmedUser(url, 'resent');
		const stranger = uniqueEmail('resend-unknown');
		for (const email of [member.email, stranger]) {
			expect((await anonClient(url).auth.resend({ type: 'signup', email })).error).toBeNull();
			expect(await mailsTo(url, email)).toEqual([]);
		}
	});
});
