/**
 * The admin API's links (service_role only): POST /admin/generate_link, the link and code a mail
 * would carry but no mail, and POST /invite, which mails an invitation.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, sendJson } from '../http.ts';
import {
	object,
	readBody,
	redirectOf,
	text,
	transaction,
	validEmail,
	type Handler
} from './context.ts';
import { emailExists, invalid } from './errors.ts';
import { requireAdmin } from './guard.ts';
import { deliver, newOtp, prepareMail, storeToken, tokenHash, type TokenColumn } from './mail.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { verifyLink, type LinkType } from './redirects.ts';
import { reload } from './signup.ts';
import { emailTaken, findByEmail, insertEmailUser, mergeMetadata, userJson } from './users.ts';

const LINK_TYPES = [
	'signup',
	'invite',
	'magiclink',
	'recovery',
	'email_change_current',
	'email_change_new'
] as const;
type GenerateType = (typeof LINK_TYPES)[number];

/** Where each link type's code is kept (GoTrue's columns; magic links share recovery's). */
const COLUMN: Record<GenerateType, TokenColumn> = {
	signup: 'confirmation_token',
	invite: 'confirmation_token',
	magiclink: 'recovery_token',
	recovery: 'recovery_token',
	email_change_current: 'email_change_token_current',
	email_change_new: 'email_change_token_new'
};

/**
 * POST /admin/generate_link: the link and code a mail would carry, without the mail. GoTrue's
 * action_link points at its own GET /verify; the hashed_token works with verifyOtp.
 */
export const generateLink: Handler = async (service, request) => {
	await requireAdmin(service, request);
	const body = await readBody(request);
	const email = validEmail(text(body, 'email'));
	const asked = text(body, 'type');
	if (!LINK_TYPES.includes(asked as GenerateType)) {
		throw invalid(`Invalid email action link type requested: ${asked}`);
	}
	let type = asked as GenerateType;
	const data = object(body, 'data') ?? {};
	let password = text(body, 'password');
	const redirectTo = redirectOf(service, request) ?? service.config.siteUrl;
	const existing = await findByEmail(service.sql, email);
	if (!existing) {
		if (type === 'magiclink') {
			type = 'signup';
			password = randomUUID() + randomUUID();
		} else if (type !== 'signup' && type !== 'invite') {
			throw new HttpError(404, 'user_not_found', 'User with this email not found');
		}
	}
	if (type === 'signup' && !existing) {
		if (!password) throw invalid('Signup requires a valid password');
		assertStrongPassword(password, service.config.minimumPasswordLength);
	}
	const newEmail =
		type === 'email_change_current' || type === 'email_change_new'
			? validEmail(text(body, 'new_email'))
			: '';
	if (newEmail && (await emailTaken(service.sql, newEmail, existing?.id))) throw emailExists();
	const passwordHash = type === 'signup' && !existing ? await hashPassword(password) : '';
	const otp = newOtp();

	const { user, hash } = await transaction(service, 'saving new user', async (tx) => {
		let id = existing?.id;
		if ((type === 'signup' || type === 'invite') && existing?.email_confirmed_at) {
			throw emailExists();
		}
		if (!id) {
			id = await insertEmailUser(tx, { email, passwordHash, userMetadata: data, asSignUp: false });
		} else if (type === 'signup' && Object.keys(data).length) {
			await mergeMetadata(tx, id, 'raw_user_meta_data', data);
		}
		if (newEmail) {
			await tx`
				update auth.users set email_change = ${newEmail}, email_change_confirm_status = 0
				where id = ${id}
			`;
		}
		const address = type === 'email_change_new' ? newEmail : email;
		const hash = tokenHash(address, otp);
		await storeToken(tx, id, COLUMN[type], address, hash);
		if (type === 'invite') await tx`update auth.users set invited_at = now() where id = ${id}`;
		return { user: await reload(tx, id), hash };
	});
	const verification: LinkType =
		type === 'email_change_current' || type === 'email_change_new' ? 'email_change' : type;
	if (!existing) service.log('user created', { user_id: user.id, by: 'admin', via: type });
	sendJson(request.res, 200, {
		...userJson(user),
		action_link: verifyLink(service.config, hash, verification, redirectTo),
		email_otp: otp,
		hashed_token: hash,
		verification_type: type,
		redirect_to: redirectTo
	});
};

/** POST /invite: creates the person (or re-invites an unconfirmed one) and mails the invitation. */
export const invite: Handler = async (service, request) => {
	await requireAdmin(service, request);
	const body = await readBody(request);
	const email = validEmail(text(body, 'email'));
	const data = object(body, 'data') ?? {};
	const existing = await findByEmail(service.sql, email);
	if (existing?.email_confirmed_at) throw emailExists();
	const { user, mail } = await transaction(service, 'saving new user', async (tx) => {
		const id =
			existing?.id ??
			(await insertEmailUser(tx, { email, passwordHash: '', userMetadata: data, asSignUp: false }));
		const mail = await prepareMail(service, tx, {
			kind: 'invite',
			userId: id,
			to: email,
			pkce: false,
			redirectTo: redirectOf(service, request)
		});
		await tx`update auth.users set invited_at = now() where id = ${id}`;
		return { user: await reload(tx, id), mail };
	});
	await deliver(service, [mail]);
	service.log('user invited', { user_id: user.id });
	sendJson(request.res, 200, userJson(user));
};
