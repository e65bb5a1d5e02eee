/**
 * auth.users rows and GoTrue's User JSON. Rows that seeds inserted by hand are read leniently, as
 * the brief for the stand-in asks: NULL token columns count as '', a NULL instance_id as the nil
 * uuid, a NULL aud or role as 'authenticated' (GoTrue itself fails or skips such rows).
 */
import { randomUUID } from 'node:crypto';
import type { ISql, JSONValue, PendingQuery, Row } from 'postgres';

export type Db = ISql;

/** A jsonb parameter (postgres.js serialises it; a JSON string with ::jsonb would be a scalar). */
export const json = (db: Db, value: unknown) => db.json(value as JSONValue);

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export type IdentityRow = {
	identity_id: string;
	id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string | null;
	updated_at: string | null;
	email: string | null;
};

export type UserRow = {
	id: string;
	aud: string;
	role: string;
	email: string | null;
	encrypted_password: string;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	phone: string | null;
	phone_confirmed_at: Date | null;
	confirmed_at: Date | null;
	confirmation_token: string;
	confirmation_sent_at: Date | null;
	recovery_token: string;
	recovery_sent_at: Date | null;
	email_change: string;
	email_change_token_new: string;
	email_change_token_current: string;
	email_change_sent_at: Date | null;
	email_change_confirm_status: number;
	phone_change: string;
	phone_change_sent_at: Date | null;
	reauthentication_token: string;
	reauthentication_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown>;
	raw_user_meta_data: Record<string, unknown>;
	created_at: Date | null;
	updated_at: Date | null;
	banned_until: Date | null;
	/** banned_until lies in the future. */
	banned: boolean;
	deleted_at: Date | null;
	is_anonymous: boolean;
	identities: IdentityRow[];
};

/** The select list for UserRow, identities included (one round trip per user). */
function userColumns(db: Db): PendingQuery<Row[]> {
	return db`
		u.id,
		coalesce(u.aud, 'authenticated') as aud,
		coalesce(nullif(u.role, ''), 'authenticated') as role,
		u.email,
		coalesce(u.encrypted_password, '') as encrypted_password,
		u.email_confirmed_at, u.invited_at, u.phone, u.phone_confirmed_at, u.confirmed_at,
		coalesce(u.confirmation_token, '') as confirmation_token, u.confirmation_sent_at,
		coalesce(u.recovery_token, '') as recovery_token, u.recovery_sent_at,
		coalesce(u.email_change, '') as email_change,
		coalesce(u.email_change_token_new, '') as email_change_token_new,
		coalesce(u.email_change_token_current, '') as email_change_token_current,
		u.email_change_sent_at,
		coalesce(u.email_change_confirm_status, 0) as email_change_confirm_status,
		coalesce(u.phone_change, '') as phone_change, u.phone_change_sent_at,
		coalesce(u.reauthentication_token, '') as reauthentication_token, u.reauthentication_sent_at,
		u.last_sign_in_at,
		coalesce(u.raw_app_meta_data, '{}') as raw_app_meta_data,
		coalesce(u.raw_user_meta_data, '{}') as raw_user_meta_data,
		u.created_at, u.updated_at, u.banned_until,
		coalesce(u.banned_until > now(), false) as banned,
		u.deleted_at, u.is_anonymous,
		coalesce((
			select json_agg(json_build_object(
				'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id,
				'identity_data', i.identity_data, 'provider', i.provider,
				'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
				'updated_at', i.updated_at, 'email', i.email
			) order by i.created_at, i.id)
			from auth.identities i
			where i.user_id = u.id
		), '[]') as identities
	`;
}

/** GoTrue's lookup for sign-in and mail flows: case-insensitive, normal (non-SSO) users only. */
export async function findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
	const [user] = await db<UserRow[]>`
		select ${userColumns(db)}
		from auth.users u
		where lower(u.email) = ${email.toLowerCase()}
			and coalesce(u.instance_id, ${NIL_UUID}::uuid) = ${NIL_UUID}::uuid
			and coalesce(u.aud, 'authenticated') = 'authenticated'
			and not u.is_sso_user
		order by u.created_at
		limit 1
	`;
	return user;
}

/** `lock` takes the row for the rest of the transaction (one-time codes, refreshes). */
export async function findById(db: Db, id: string, lock = false): Promise<UserRow | undefined> {
	const [user] = lock
		? await db<
				UserRow[]
			>`select ${userColumns(db)} from auth.users u where u.id = ${id} for update of u`
		: await db<UserRow[]>`select ${userColumns(db)} from auth.users u where u.id = ${id}`;
	return user;
}

/** One page of the admin list, newest first (page numbers, as GoTrue's API has them). */
export async function listPage(db: Db, limit: number, offset: number): Promise<UserRow[]> {
	return db<UserRow[]>`
		select ${userColumns(db)}
		from auth.users u
		where coalesce(u.aud, 'authenticated') = 'authenticated'
		order by u.created_at desc, u.id desc
		limit ${limit} offset ${offset}
	`;
}

export async function emailTaken(db: Db, email: string, exceptId?: string): Promise<boolean> {
	const [row] = await db`
		select 1 as taken from auth.users
		where lower(email) = ${email.toLowerCase()} and id is distinct from ${exceptId ?? null}::uuid
		limit 1
	`;
	return Boolean(row);
}

export type NewEmailUser = {
	id?: string;
	email: string;
	/** '' for none (invited people, codes-only sign-ups). */
	passwordHash: string;
	userMetadata: Record<string, unknown>;
	/**
	 * Sign-up copies the identity's claims (sub, email, email_verified, phone_verified) and the
	 * sign-up data into user_metadata; admin creation and invitations keep the given metadata.
	 */
	asSignUp: boolean;
	appMetadata?: Record<string, unknown>;
	role?: string;
};

/**
 * Inserts the user and its e-mail identity in GoTrue's order, inside the caller's transaction, so
 * that app triggers on auth.users (handle_new_user) run within it and see what GoTrue's would see:
 * role '' and the request's data only at INSERT time.
 */
export async function insertEmailUser(db: Db, user: NewEmailUser): Promise<string> {
	const id = user.id ?? randomUUID();
	const app = { provider: 'email', providers: ['email'] };
	await db`
		insert into auth.users (
			instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
			created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
			email_change, email_change_token_current, reauthentication_token, phone_change,
			phone_change_token, is_sso_user, is_anonymous
		) values (
			${NIL_UUID}, ${id}, 'authenticated', '', ${user.email}, ${user.passwordHash},
			${json(db, app)}, ${json(db, user.userMetadata)},
			now(), now(), '', '', '', '', '', '', '', '', false, false
		)
	`;
	await db`update auth.users set role = ${user.role ?? 'authenticated'} where id = ${id}`;
	const claims = { sub: id, email: user.email, email_verified: false, phone_verified: false };
	const identityData = user.asSignUp ? { ...user.userMetadata, ...claims } : claims;
	await db`
		insert into auth.identities (
			provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at
		) values (${id}, ${id}, ${json(db, identityData)}, 'email', now(), now(), now())
	`;
	if (user.asSignUp) await mergeMetadata(db, id, 'raw_user_meta_data', identityData);
	if (user.appMetadata) await mergeMetadata(db, id, 'raw_app_meta_data', user.appMetadata);
	return id;
}

/** Gives a user row found without one (e.g. a seed's) its e-mail identity. */
export async function ensureEmailIdentity(db: Db, user: UserRow): Promise<void> {
	if (!user.email || user.identities.some((i) => i.provider === 'email')) return;
	const claims = { sub: user.id, email: user.email, email_verified: false, phone_verified: false };
	await db`
		insert into auth.identities (
			provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at
		) values (${user.id}, ${user.id}, ${json(db, claims)}, 'email', now(), now(), now())
		on conflict (provider_id, provider) do nothing
	`;
}

/** GoTrue's metadata update: top-level keys merged, a key set to null removed. */
export async function mergeMetadata(
	db: Db,
	userId: string,
	column: 'raw_user_meta_data' | 'raw_app_meta_data',
	patch: Record<string, unknown>
): Promise<void> {
	const removed = Object.keys(patch).filter((key) => patch[key] === null);
	const kept = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
	await db`
		update auth.users
		set ${db(column)} = (coalesce(${db(column)}, '{}') || ${json(db, kept)})
				- ${removed}::text[],
			updated_at = now()
		where id = ${userId}
	`;
}

/** Marks the address confirmed (user, metadata and identity) and retires every pending code. */
export async function confirmEmail(db: Db, userId: string): Promise<void> {
	await db`
		update auth.users
		set email_confirmed_at = now(), confirmation_token = '',
			raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || '{"email_verified": true}',
			updated_at = now()
		where id = ${userId}
	`;
	await db`
		update auth.identities
		set identity_data = identity_data || '{"email_verified": true}', updated_at = now()
		where user_id = ${userId} and provider = 'email'
	`;
	await db`delete from auth.one_time_tokens where user_id = ${userId}`;
}

const iso = (value: Date | string | null | undefined) =>
	value === null || value === undefined ? undefined : new Date(value).toISOString();

/** Go's `omitempty` for timestamps: the key only when set. */
function when(key: string, value: Date | string | null | undefined): Record<string, string> {
	const text = iso(value);
	return text === undefined ? {} : { [key]: text };
}

function identityJson(identity: IdentityRow): Record<string, unknown> {
	return {
		identity_id: identity.identity_id,
		id: identity.id,
		user_id: identity.user_id,
		identity_data: identity.identity_data,
		provider: identity.provider,
		...when('last_sign_in_at', identity.last_sign_in_at),
		created_at: iso(identity.created_at) ?? null,
		updated_at: iso(identity.updated_at) ?? null,
		...(identity.email ? { email: identity.email } : {})
	};
}

/** GoTrue's User JSON (models.User): no hashes, no tokens; unset times left out. */
export function userJson(user: UserRow): Record<string, unknown> {
	return {
		id: user.id,
		aud: user.aud,
		role: user.role,
		email: user.email ?? '',
		...when('email_confirmed_at', user.email_confirmed_at),
		...when('invited_at', user.invited_at),
		phone: user.phone ?? '',
		...when('phone_confirmed_at', user.phone_confirmed_at),
		...when('confirmation_sent_at', user.confirmation_sent_at),
		...when('confirmed_at', user.confirmed_at),
		...when('recovery_sent_at', user.recovery_sent_at),
		...(user.email_change ? { new_email: user.email_change } : {}),
		...when('email_change_sent_at', user.email_change_sent_at),
		...(user.phone_change ? { new_phone: user.phone_change } : {}),
		...when('phone_change_sent_at', user.phone_change_sent_at),
		...when('reauthentication_sent_at', user.reauthentication_sent_at),
		...when('last_sign_in_at', user.last_sign_in_at),
		app_metadata: user.raw_app_meta_data,
		user_metadata: user.raw_user_meta_data,
		identities: user.identities.map(identityJson),
		created_at: iso(user.created_at) ?? null,
		updated_at: iso(user.updated_at) ?? null,
		...when('banned_until', user.banned_until),
		...when('deleted_at', user.deleted_at),
		is_anonymous: user.is_anonymous
	};
}
