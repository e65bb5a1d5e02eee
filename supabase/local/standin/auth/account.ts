/**
 * The signed-in person's own account: GET and PUT /user, POST /logout, GET /reauthenticate.
 */
import { HttpError, sendEmpty, sendJson } from '../http.ts';
import {
	object,
	optionalText,
	readBody,
	redirectOf,
	text,
	transaction,
	validEmail,
	type AuthService,
	type Handler
} from './context.ts';
import { emailExists, phoneDisabled } from './errors.ts';
import { GATE, deliver, prepareMail, tokenHash, type OutgoingMail } from './mail.ts';
import { assertStrongPassword, hashPassword, passwordMatches } from './passwords.ts';
import { challengeOf, startFlow } from './pkce.ts';
import { requireUser } from './guard.ts';
import { endSessions, type LogoutScope } from './sessions.ts';
import { reload } from './signup.ts';
import { emailTaken, mergeMetadata, userJson, type Db, type UserRow } from './users.ts';

export const getUser: Handler = async (service, request) => {
	const { user, claims } = await requireUser(service, request);
	if (claims.aud !== 'authenticated') {
		throw new HttpError(400, 'validation_failed', "Token audience doesn't match request audience");
	}
	sendJson(request.res, 200, userJson(user));
};

/**
 * PUT /user: metadata (merged; null deletes a key), a new password (other sessions end), a new
 * e-mail address (confirmed from both the new and the current address, as GoTrue's default
 * double_confirm_changes asks).
 */
export const updateUser: Handler = async (service, request) => {
	const { user, sessionId } = await requireUser(service, request);
	// As GoTrue: after the token check, counted with sign-ups and mails.
	service.limiter.hit('signInSignUps', request.ip);
	const body = await readBody(request);
	const email = text(body, 'email') ? validEmail(text(body, 'email')) : '';
	const password = optionalText(body, 'password');
	const nonce = text(body, 'nonce');
	const data = object(body, 'data');
	if (text(body, 'phone')) throw phoneDisabled();
	if (password) assertStrongPassword(password, service.config.minimumPasswordLength);
	if (object(body, 'app_metadata')) {
		throw new HttpError(403, 'not_admin', 'Updating app_metadata requires admin privileges');
	}
	const changingEmail = Boolean(email) && email !== user.email?.toLowerCase();
	if (changingEmail && (await emailTaken(service.sql, email, user.id))) throw emailExists();
	if (password && nonce) await checkNonce(service.sql, user, nonce, service.config.otpExpiry);
	if (password && (await passwordMatches(password, user.encrypted_password))) {
		throw new HttpError(
			422,
			'same_password',
			'New password should be different from the old password.'
		);
	}
	const passwordHash = password ? await hashPassword(password) : undefined;
	const challenge = challengeOf(text(body, 'code_challenge'), text(body, 'code_challenge_method'));
	const gate = `${GATE.email_change_new}:${user.id}`;
	if (changingEmail) service.mailGate.check(gate);

	const { updated, mails } = await transaction(service, 'updating user', async (tx) => {
		if (passwordHash !== undefined) await setPassword(tx, user.id, passwordHash, sessionId);
		if (data) await mergeMetadata(tx, user.id, 'raw_user_meta_data', data);
		const mails = changingEmail
			? await emailChangeMails(service, tx, user, email, {
					pkce: Boolean(challenge),
					redirectTo: redirectOf(service, request)
				})
			: [];
		if (changingEmail && challenge) {
			await startFlow(tx, user.id, 'email_change', 'email_change', challenge);
		}
		return { updated: await reload(tx, user.id), mails };
	});
	if (changingEmail) service.mailGate.mark(gate);
	await deliver(service, mails);
	if (passwordHash !== undefined) service.log('password changed', { user_id: user.id });
	if (changingEmail) service.log('e-mail change requested', { user_id: user.id });
	sendJson(request.res, 200, userJson(updated));
};

/** A new password: pending codes are void, and every other session ends. */
async function setPassword(
	db: Db,
	userId: string,
	passwordHash: string,
	keepSessionId: string | undefined
): Promise<void> {
	await db`
		update auth.users
		set encrypted_password = ${passwordHash}, confirmation_token = '', confirmation_sent_at = null,
			recovery_token = '', recovery_sent_at = null, email_change_token_current = '',
			email_change_token_new = '', email_change_sent_at = null, reauthentication_token = '',
			reauthentication_sent_at = null, updated_at = now()
		where id = ${userId}
	`;
	await db`delete from auth.one_time_tokens where user_id = ${userId}`;
	await endSessions(db, userId, keepSessionId, keepSessionId ? 'others' : 'global');
}

/** The two codes of a change of address: one to the new address, one to the current one. */
export async function emailChangeMails(
	service: AuthService,
	db: Db,
	user: UserRow,
	newEmail: string,
	options: { pkce: boolean; redirectTo: string | undefined }
): Promise<OutgoingMail[]> {
	await db`
		update auth.users set email_change = ${newEmail}, email_change_confirm_status = 0
		where id = ${user.id}
	`;
	const toNew = await prepareMail(service, db, {
		kind: 'email_change_new',
		userId: user.id,
		to: newEmail,
		...options
	});
	if (!user.email) return [toNew];
	const toCurrent = await prepareMail(service, db, {
		kind: 'email_change_current',
		userId: user.id,
		to: user.email,
		newEmail,
		...options
	});
	return [toNew, toCurrent];
}

/**
 * The reauthentication code (GET /reauthenticate) sent as `nonce` with a new password. GoTrue
 * checks it only when configured to require one; here a nonce that is sent is always checked.
 * setPassword then retires it.
 */
async function checkNonce(db: Db, user: UserRow, nonce: string, expiry: number): Promise<void> {
	const [row] = await db<{ fresh: boolean }[]>`
		select coalesce(reauthentication_sent_at > now() - make_interval(secs => ${expiry}), false)
			as fresh
		from auth.users where id = ${user.id}
	`;
	const expected = user.reauthentication_token;
	if (!expected || !row?.fresh || expected !== tokenHash(user.email ?? '', nonce)) {
		throw new HttpError(422, 'reauthentication_not_valid', 'Nonce has expired or is invalid');
	}
}

export const reauthenticate: Handler = async (service, request) => {
	const { user } = await requireUser(service, request);
	if (!user.email) {
		throw new HttpError(
			400,
			'validation_failed',
			'Reauthentication requires the user to have an email or a phone number'
		);
	}
	if (!user.email_confirmed_at) {
		throw new HttpError(422, 'email_not_confirmed', 'Please verify your email first.');
	}
	const gate = `${GATE.reauthentication}:${user.id}`;
	service.mailGate.check(gate);
	const mail = await transaction(service, 'updating user', (tx) =>
		prepareMail(service, tx, {
			kind: 'reauthentication',
			userId: user.id,
			to: user.email ?? '',
			pkce: false,
			redirectTo: undefined
		})
	);
	service.mailGate.mark(gate);
	await deliver(service, [mail]);
	sendJson(request.res, 200, {});
};

export const logout: Handler = async (service, request) => {
	const { user, sessionId } = await requireUser(service, request);
	const asked = request.url.searchParams.get('scope') ?? '';
	const scope: LogoutScope | undefined =
		asked === '' || asked === 'global'
			? 'global'
			: asked === 'local' || asked === 'others'
				? asked
				: undefined;
	if (!scope) throw new HttpError(400, 'validation_failed', `Unsupported logout scope "${asked}"`);
	await endSessions(service.sql, user.id, sessionId, scope);
	service.log('logout', { user_id: user.id, scope });
	sendEmpty(request.res, 204);
};
