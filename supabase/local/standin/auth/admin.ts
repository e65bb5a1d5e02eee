/**
 * The admin API's users (service_role only): list, create, read, update, delete. As in GoTrue,
 * creation does not check password strength (an update does).
 */
import { randomUUID } from 'node:crypto';
import { HttpError, sendJson } from '../http.ts';
import {
	flag,
	object,
	optionalText,
	readBody,
	text,
	transaction,
	validEmail,
	type AuthRequest,
	type AuthService,
	type Handler
} from './context.ts';
import { emailExists, invalid } from './errors.ts';
import { requireAdmin } from './guard.ts';
import { assertStrongPassword, hashPassword, MAX_PASSWORD_BYTES } from './passwords.ts';
import { endSessions } from './sessions.ts';
import { reload } from './signup.ts';
import {
	confirmEmail,
	emailTaken,
	findById,
	insertEmailUser,
	listPage,
	mergeMetadata,
	userJson,
	type Db,
	type UserRow
} from './users.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GoTrue's ban_duration: "none", or a Go duration such as "24h" or "1h30m". */
function banUntil(duration: string): Date | null | undefined {
	if (!duration) return undefined;
	if (duration === 'none') return null;
	const units: Record<string, number> = {
		ns: 1e-6,
		us: 1e-3,
		µs: 1e-3,
		ms: 1,
		s: 1e3,
		m: 6e4,
		h: 3.6e6
	};
	const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
	if (!parts.length || parts.map((p) => p[0]).join('') !== duration) {
		throw invalid(`invalid format for ban duration: time: invalid duration "${duration}"`);
	}
	// The pattern has both groups in every match, and a unit of the table.
	const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit!]!, 0);
	return new Date(Date.now() + ms);
}

/** A bcrypt hash given by the admin (argon2 and scrypt are out of scope). */
function givenHash(hash: string): string {
	if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) {
		throw invalid('Password hash must be a bcrypt hash');
	}
	return hash;
}

function maxLength(password: string): void {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
		throw invalid(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
	}
}

async function setBan(db: Db, userId: string, until: Date | null | undefined): Promise<void> {
	if (until === undefined) return;
	await db`update auth.users set banned_until = ${until}, updated_at = now() where id = ${userId}`;
	if (until) await endSessions(db, userId, undefined, 'global');
}

export const listUsers: Handler = async (service, request) => {
	await requireAdmin(service, request);
	const query = request.url.searchParams;
	const number = (name: string, fallback: number) => {
		const value = query.get(name) ?? '';
		if (!value) return fallback;
		if (!/^\d+$/.test(value) || Number(value) < 1) {
			throw invalid(
				`Bad Pagination Parameters: strconv.ParseUint: parsing "${value}": invalid syntax`
			);
		}
		return Number(value);
	};
	const page = number('page', 1);
	const perPage = number('per_page', 50);
	const rows = await listPage(service.sql, perPage, (page - 1) * perPage);
	const [{ count } = { count: 0 }] = await service.sql<{ count: number }[]>`
		select count(*)::int as count from auth.users
		where coalesce(aud, 'authenticated') = 'authenticated'
	`;
	const lastPage = Math.ceil(count / perPage);
	// auth-js reads the page number after the first "=" of each link: page must come first.
	const link = (n: number, rel: string) => {
		const params = new URLSearchParams(query);
		params.set('page', String(n));
		const sorted = [...params.keys()]
			.sort()
			.map((key) => `${key}=${encodeURIComponent(params.get(key) ?? '')}`);
		return `</admin/users?${sorted.join('&')}>; rel="${rel}"`;
	};
	const links = [...(lastPage > page ? [link(page + 1, 'next')] : []), link(lastPage, 'last')];
	sendJson(
		request.res,
		200,
		{ users: rows.map(userJson), aud: 'authenticated' },
		{ Link: links.join(', '), 'X-Total-Count': String(count) }
	);
};

type AdminFields = {
	email: string;
	password: string | null | undefined;
	passwordHash: string;
	emailConfirm: boolean;
	userMetadata: Record<string, unknown> | undefined;
	appMetadata: Record<string, unknown> | undefined;
	role: string;
	ban: Date | null | undefined;
};

async function adminFields(request: AuthRequest): Promise<AdminFields & { id: string }> {
	const body = await readBody(request);
	if (text(body, 'phone')) {
		throw new HttpError(400, 'phone_provider_disabled', 'Phone logins are disabled');
	}
	return {
		id: text(body, 'id'),
		email: text(body, 'email') ? validEmail(text(body, 'email')) : '',
		password: optionalText(body, 'password'),
		passwordHash: text(body, 'password_hash'),
		emailConfirm: flag(body, 'email_confirm', false),
		userMetadata: object(body, 'user_metadata'),
		appMetadata: object(body, 'app_metadata'),
		role: text(body, 'role'),
		ban: banUntil(text(body, 'ban_duration'))
	};
}

export const createUser: Handler = async (service, request) => {
	await requireAdmin(service, request);
	const fields = await adminFields(request);
	if (!fields.email) {
		throw invalid('Cannot create a user without either an email or phone');
	}
	if (await emailTaken(service.sql, fields.email)) throw emailExists();
	if (fields.password && fields.passwordHash) {
		throw invalid('Only a password or a password hash should be provided');
	}
	if (fields.id && !UUID.test(fields.id)) throw invalid('ID must conform to the uuid v4 format');
	if (fields.password) maxLength(fields.password);
	const passwordHash = fields.passwordHash
		? givenHash(fields.passwordHash)
		: await hashPassword(fields.password || randomUUID() + randomUUID());
	const user = await transaction(service, 'creating new user', async (tx) => {
		const id = await insertEmailUser(tx, {
			id: fields.id || undefined,
			email: fields.email,
			passwordHash,
			userMetadata: fields.userMetadata ?? {},
			asSignUp: false,
			appMetadata: fields.appMetadata,
			role: fields.role || undefined
		});
		if (fields.emailConfirm) await confirmEmail(tx, id);
		await setBan(tx, id, fields.ban);
		return reload(tx, id);
	});
	service.log('user created', { user_id: user.id, by: 'admin' });
	sendJson(request.res, 200, userJson(user));
};

async function userFromPath(service: AuthService, id: string): Promise<UserRow> {
	if (!UUID.test(id)) throw new HttpError(404, 'validation_failed', 'user_id must be an UUID');
	const user = await findById(service.sql, id);
	if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
	return user;
}

export function getUserById(id: string): Handler {
	return async (service, request) => {
		await requireAdmin(service, request);
		sendJson(request.res, 200, userJson(await userFromPath(service, id)));
	};
}

export function updateUserById(id: string): Handler {
	return async (service, request) => {
		await requireAdmin(service, request);
		const user = await userFromPath(service, id);
		const fields = await adminFields(request);
		if (fields.password) {
			assertStrongPassword(fields.password, service.config.minimumPasswordLength);
		}
		const passwordHash = fields.password ? await hashPassword(fields.password) : undefined;
		if (
			fields.email &&
			fields.email !== user.email &&
			(await emailTaken(service.sql, fields.email, id))
		) {
			throw emailExists();
		}
		const updated = await transaction(service, 'updating user', async (tx) => {
			if (fields.role) await tx`update auth.users set role = ${fields.role} where id = ${id}`;
			if (fields.emailConfirm) await confirmEmail(tx, id);
			if (passwordHash) {
				await tx`
					update auth.users
					set encrypted_password = ${passwordHash}, recovery_token = '', confirmation_token = '',
						updated_at = now()
					where id = ${id}
				`;
				await endSessions(tx, id, undefined, 'global');
			}
			if (fields.email && fields.email !== user.email) {
				await tx`update auth.users set email = ${fields.email}, updated_at = now() where id = ${id}`;
				await tx`
					update auth.identities
					set identity_data = identity_data || jsonb_build_object(
							'email', ${fields.email}::text, 'email_verified', ${fields.emailConfirm}::boolean),
						updated_at = now()
					where user_id = ${id} and provider = 'email'
				`;
			}
			if (fields.appMetadata) await mergeMetadata(tx, id, 'raw_app_meta_data', fields.appMetadata);
			if (fields.userMetadata) {
				await mergeMetadata(tx, id, 'raw_user_meta_data', fields.userMetadata);
			}
			await setBan(tx, id, fields.ban);
			return reload(tx, id);
		});
		if (passwordHash) service.log('password changed', { user_id: id, by: 'admin' });
		sendJson(request.res, 200, userJson(updated));
	};
}

export function deleteUserById(id: string): Handler {
	return async (service, request) => {
		await requireAdmin(service, request);
		const user = await userFromPath(service, id);
		const body = await readBody(request);
		const soft = flag(body, 'should_soft_delete', false);
		await transaction(service, 'deleting user', async (tx) => {
			if (!soft) {
				// Foreign keys from the app's tables must cascade, as on Supabase, or this fails.
				await tx`delete from auth.users where id = ${id}`;
				return;
			}
			if (user.deleted_at) return;
			await tx`
				update auth.users
				set email = encode(sha256(convert_to(coalesce(email, '') || id::text, 'utf8')), 'hex'),
					phone = null, encrypted_password = '', confirmation_token = '', recovery_token = '',
					email_change = '', email_change_token_current = '', email_change_token_new = '',
					raw_user_meta_data = '{}', deleted_at = now(), updated_at = now()
				where id = ${id}
			`;
			await tx`delete from auth.identities where user_id = ${id}`;
			await tx`delete from auth.one_time_tokens where user_id = ${id}`;
			await endSessions(tx, id, undefined, 'global');
		});
		service.log('user deleted', { user_id: id, soft });
		sendJson(request.res, 200, {});
	};
}
