/**
 * The admin API through supabase-js's auth.admin with the secret key: users, pagination headers,
 * generate_link and invitations, and who may use it at all.
 */
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
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import { ANON_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from '../../supabase/local/standin/keys.ts';

const { url, databaseUrl } = inject('standIn');
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());
const admin = adminClient(url);

describe('who may use the admin API', () => {
	it('the secret key and the service_role key may; the anon key and user tokens may not', async () => {
		const asKey = (key: string) =>
			fetch(`${url}/auth/v1/admin/users?page=1&per_page=1`, {
				headers: { apikey: key, authorization: `Bearer ${key}` }
			});
		expect((await asKey(SECRET_KEY)).status).toBe(200);
		expect((await asKey(SERVICE_ROLE_KEY)).status).toBe(200);
		const anon = await asKey(ANON_KEY);
		expect(anon.status).toBe(403);
		expect(await anon.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });

		const member = await confirmedUser(url, 'not-admin');
		const { data } = await anonClient(url).auth.signInWithPassword(member);
		const asUser = await fetch(`${url}/auth/v1/admin/generate_link`, {
			method: 'POST',
			headers: { authorization: `Bearer ${data.session?.access_token}` },
			body: JSON.stringify({ type: 'recovery', email: member.email })
		});
		expect(asUser.status).toBe(403);
		expect(await asUser.json()).toMatchObject({ code: 'not_admin' });
		const noToken = await fetch(`${url}/auth/v1/admin/users`);
		expect(noToken.status).toBe(401);
	});
});

describe('users', () => {
	it('creates, reads, updates and deletes a user', async () => {
		const email = uniqueEmail('admin-crud');
		const created = await admin.createUser({
			email,
			password: 'set by an admin',
			email_confirm: true,
			user_metadata: { display_name: 'Grace' },
			app_metadata: { roles: ['coordinator'] }
		});
		expect(created.error).toBeNull();
		const id = created.data.user?.id ?? '';
		expect(created.data.user).toMatchObject({
			email,
			email_confirmed_at: expect.any(String),
			user_metadata: { display_name: 'Grace', email_verified: true },
			app_metadata: { provider: 'email', providers: ['email'], roles: ['coordinator'] }
		});
		const [profile] = await sql`select display_name from public.profiles where id = ${id}`;
		expect(profile?.display_name).toBe('Grace');

		const signIn = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'set by an admin'
		});
		expect(decodeJwt(signIn.data.session?.access_token ?? '').app_metadata).toMatchObject({
			roles: ['coordinator']
		});

		expect((await admin.getUserById(id)).data.user?.email).toBe(email);
		const updated = await admin.updateUserById(id, {
			user_metadata: { display_name: null, city: 'Suva' },
			ban_duration: '24h'
		});
		expect(updated.error).toBeNull();
		expect(updated.data.user?.user_metadata).toEqual({ city: 'Suva', email_verified: true });
		expect(updated.data.user?.banned_until).toBeTruthy();
		const banned = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'set by an admin'
		});
		expect(banned.error).toMatchObject({ status: 400, code: 'user_banned' });

		const deleted = await admin.deleteUser(id);
		expect(deleted.error).toBeNull();
		expect(await sql`select 1 from auth.users where id = ${id}`).toHaveLength(0);
		expect(await sql`select 1 from public.profiles where id = ${id}`).toHaveLength(0);
		const gone = await admin.getUserById(id);
		expect(gone.error).toMatchObject({ status: 404, code: 'user_not_found' });
	});

	it('refuses a taken address (email_exists) and a malformed one', async () => {
		const member = await confirmedUser(url, 'admin-dup');
		const dup = await admin.createUser({ email: member.email, password: 'whatever pw' });
		expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
		const bad = await admin.createUser({ email: 'nope', password: 'whatever pw' });
		expect(bad.error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format'
		});
	});

	it('lists users newest first with X-Total-Count and Link headers', async () => {
		await Promise.all([1, 2, 3].map((n) => confirmedUser(url, `list-${n}`)));
		const response = await fetch(`${url}/auth/v1/admin/users?page=1&per_page=2`, {
			headers: { apikey: SECRET_KEY, authorization: `Bearer ${SECRET_KEY}` }
		});
		const total = Number(response.headers.get('x-total-count'));
		expect(total).toBeGreaterThanOrEqual(3);
		const last = Math.ceil(total / 2);
		expect(response.headers.get('link')).toBe(
			`</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${last}&per_page=2>; rel="last"`
		);
		const body = (await response.json()) as { users: { created_at: string }[]; aud: string };
		expect(body.aud).toBe('authenticated');
		expect(body.users).toHaveLength(2);
		const [newer, older] = body.users;
		expect(newer!.created_at >= older!.created_at).toBe(true);

		const { data, error } = await admin.listUsers({ page: 2, perPage: 2 });
		expect(error).toBeNull();
		expect(data.users).toHaveLength(2);
		// Other test files create users meanwhile: the total only grows.
		expect('total' in data && data.total).toBeGreaterThanOrEqual(total);

		const badPage = await fetch(`${url}/auth/v1/admin/users?page=x`, {
			headers: { authorization: `Bearer ${SERVICE_ROLE_KEY}` }
		});
		expect(badPage.status).toBe(400);
	});

	it('answers 404 for a malformed or unknown id', async () => {
		const unknown = await admin.getUserById('3f1c7b0e-6c7e-4f8e-9a51-0c6d1b2a9f00');
		expect(unknown.error).toMatchObject({ status: 404, code: 'user_not_found' });
		const malformed = await fetch(`${url}/auth/v1/admin/users/not-a-uuid`, {
			headers: { authorization: `Bearer ${SERVICE_ROLE_KEY}` }
		});
		expect(malformed.status).toBe(404);
	});
});

describe('generate_link', () => {
	it('signup: creates the user and returns GoTrue’s link, code and hash, mailing nothing', async () => {
		const email = uniqueEmail('gl-signup');
		const { data, error } = await admin.generateLink({
			type: 'signup',
			email,
			password: 'generated pw 1',
			options: { redirectTo: 'http://localhost:3999/welcome' }
		});
		expect(error).toBeNull();
		expect(data.properties).toMatchObject({
			email_otp: expect.stringMatching(/^\d{6}$/),
			hashed_token: expect.stringMatching(/^[0-9a-f]{56}$/),
			verification_type: 'signup',
			redirect_to: 'http://localhost:3999/welcome'
		});
		const action = new URL(data.properties?.action_link ?? '');
		expect(action.origin + action.pathname).toBe(`${url}/auth/v1/verify`);
		expect(Object.fromEntries(action.searchParams)).toEqual({
			token: data.properties?.hashed_token,
			type: 'signup',
			redirect_to: 'http://localhost:3999/welcome'
		});
		expect(data.user?.email).toBe(email);
		expect(await mailsTo(url, email)).toEqual([]);

		const verified = await anonClient(url).auth.verifyOtp({
			token_hash: data.properties?.hashed_token ?? '',
			type: 'signup'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.session?.user.email_confirmed_at).toBeTruthy();
	});

	it('magiclink and recovery for a member; email_change_new for a new address', async () => {
		const member = await confirmedUser(url, 'gl-member');
		const magic = await admin.generateLink({ type: 'magiclink', email: member.email });
		const signIn = await anonClient(url).auth.verifyOtp({
			email: member.email,
			token: magic.data.properties?.email_otp ?? '',
			type: 'magiclink'
		});
		expect(signIn.data.session?.user.id).toBe(member.id);

		const recovery = await admin.generateLink({ type: 'recovery', email: member.email });
		const clicked = await fetch(recovery.data.properties?.action_link ?? '', {
			redirect: 'manual'
		});
		expect(clicked.status).toBe(303);
		expect(clicked.headers.get('location')).toMatch(/^http:\/\/localhost:3999#access_token=/);

		const newEmail = uniqueEmail('gl-new');
		const change = await admin.generateLink({
			type: 'email_change_new',
			email: member.email,
			newEmail
		});
		expect(change.error).toBeNull();
		expect(change.data.user?.new_email).toBe(newEmail);

		const unknown = await admin.generateLink({ type: 'recovery', email: uniqueEmail('gl-nobody') });
		expect(unknown.error).toMatchObject({ status: 404, code: 'user_not_found' });
		const taken = await admin.generateLink({
			type: 'signup',
			email: member.email,
			password: 'whatever pw'
		});
		expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
	});
});

describe('invitations', () => {
	it('mails an invitation whose link signs the person in to choose a password', async () => {
		const email = uniqueEmail('invitee');
		const { data, error } = await admin.inviteUserByEmail(email, {
			data: { display_name: 'Invited Person' },
			redirectTo: 'http://localhost:3999/account/password'
		});
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			invited_at: expect.any(String),
			confirmation_sent_at: expect.any(String),
			user_metadata: { display_name: 'Invited Person' }
		});
		const mail = await lastMail(url, email, 'invite');
		expect(mail.subject).toBe('You are invited to Capacity Commons');
		const link = linkParams(mail);
		expect(link).toMatchObject({ type: 'invite', next: '/account/password' });

		const client = anonClient(url);
		const verified = await client.auth.verifyOtp({ token_hash: link.token_hash, type: 'invite' });
		expect(verified.error).toBeNull();
		expect((await client.auth.updateUser({ password: 'chosen at last' })).error).toBeNull();
		const signIn = await anonClient(url).auth.signInWithPassword({
			email,
			password: 'chosen at last'
		});
		expect(signIn.error).toBeNull();

		const again = await admin.inviteUserByEmail(email);
		expect(again.error).toMatchObject({ status: 422, code: 'email_exists' });
	});
});
