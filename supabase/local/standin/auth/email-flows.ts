/**
 * The mail-only entrances: POST /recover (password reset), POST /otp and /magiclink (a sign-in
 * link and code) and POST /resend. Each answers an unknown address exactly as a known one, and each
 * respects the per-address mail interval for both.
 */
import { HttpError, sendJson } from '../http.ts';
import {
	flag,
	object,
	readBody,
	redirectOf,
	text,
	transaction,
	validEmail,
	type AuthRequest,
	type AuthService,
	type Handler
} from './context.ts';
import { invalid, phoneDisabled } from './errors.ts';
import { emailChangeMails } from './account.ts';
import { deliver, GATE, prepareMail, type OutgoingMail } from './mail.ts';
import { challengeOf, startFlow, type Challenge } from './pkce.ts';
import { confirmationMail, reload } from './signup.ts';
import {
	ensureEmailIdentity,
	findByEmail,
	insertEmailUser,
	type Db,
	type UserRow
} from './users.ts';

export const recover: Handler = async (service, request) => {
	service.limiter.hit('signInSignUps', request.ip);
	const body = await readBody(request);
	const email = validEmail(text(body, 'email'));
	const challenge = challengeOf(text(body, 'code_challenge'), text(body, 'code_challenge_method'));
	const gate = `${GATE.recovery}:${email}`;
	service.mailGate.check(gate);
	const user = await findByEmail(service.sql, email);
	if (user) {
		const mail = await transaction(service, 'updating user for recovery', async (tx) => {
			if (challenge) await startFlow(tx, user.id, 'recovery', 'recovery', challenge);
			return prepareMail(service, tx, {
				kind: 'recovery',
				userId: user.id,
				to: email,
				pkce: Boolean(challenge),
				redirectTo: redirectOf(service, request)
			});
		});
		await deliver(service, [mail]);
		service.log('recovery requested', { user_id: user.id });
	} else {
		service.log('recovery requested', { user_id: null });
	}
	service.mailGate.mark(gate);
	sendJson(request.res, 200, {});
};

/**
 * POST /otp (and the legacy /magiclink): a confirmed member gets a sign-in link and code; an
 * unknown or unconfirmed address is signed up without a password (unless create_user is false)
 * and gets the confirmation mail, which signs in just the same.
 */
export const otp: Handler = async (service, request) => {
	service.limiter.hit('signInSignUps', request.ip);
	const body = await readBody(request);
	if (text(body, 'phone')) throw phoneDisabled();
	const email = validEmail(text(body, 'email'));
	const challenge = challengeOf(text(body, 'code_challenge'), text(body, 'code_challenge_method'));
	const data = object(body, 'data') ?? {};
	const createUser = flag(body, 'create_user', true);
	const user = await findByEmail(service.sql, email);
	if (!user && !createUser) {
		throw new HttpError(422, 'otp_disabled', 'Signups not allowed for otp');
	}
	const confirmed = Boolean(user?.email_confirmed_at);
	const viaConfirmation = !confirmed && !service.config.autoconfirm;
	const gate = `${viaConfirmation ? GATE.confirmation : GATE.magic_link}:${email}`;
	service.mailGate.check(gate);
	const redirectTo = redirectOf(service, request);
	const { id, mail } = await transaction(service, 'saving new user', async (tx) => {
		const id = user?.id ?? (await newPasswordlessUser(tx, email, data));
		if (user) await ensureEmailIdentity(tx, user);
		const mail = viaConfirmation
			? await confirmationMail(service, tx, id, email, { challenge, redirectTo })
			: await magicLinkMail(service, tx, id, email, challenge, redirectTo);
		return { id, mail };
	});
	service.mailGate.mark(gate);
	await deliver(service, [mail]);
	if (!user) service.log('sign-up', { user_id: id, confirmed: false, method: 'otp' });
	sendJson(request.res, 200, {});
};

/** A member who signs in with codes only; autoconfirm confirms them at the first code. */
async function newPasswordlessUser(
	db: Db,
	email: string,
	data: Record<string, unknown>
): Promise<string> {
	return insertEmailUser(db, { email, passwordHash: '', userMetadata: data, asSignUp: true });
}

async function magicLinkMail(
	service: AuthService,
	db: Db,
	userId: string,
	email: string,
	challenge: Challenge | undefined,
	redirectTo: string | undefined
): Promise<OutgoingMail> {
	if (challenge) await startFlow(db, userId, 'magiclink', 'magiclink', challenge);
	return prepareMail(service, db, {
		kind: 'magic_link',
		userId,
		to: email,
		pkce: Boolean(challenge),
		redirectTo
	});
}

/** POST /resend: the confirmation mail again, or the change-of-address mails again. */
export const resend: Handler = async (service, request) => {
	service.limiter.hit('signInSignUps', request.ip);
	const body = await readBody(request);
	const type = text(body, 'type');
	if (type === 'sms' || type === 'phone_change') throw phoneDisabled();
	if (type !== 'signup' && type !== 'email_change') {
		throw invalid('Missing one of these types: signup, email_change, sms, phone_change');
	}
	const challenge = challengeOf(text(body, 'code_challenge'), text(body, 'code_challenge_method'));
	if (text(body, 'phone')) throw phoneDisabled();
	if (!text(body, 'email')) {
		throw invalid(
			type === 'signup'
				? 'Type provided requires an email address'
				: 'Missing email address or phone number'
		);
	}
	const email = validEmail(text(body, 'email'));
	const user = await findByEmail(service.sql, email);
	const gate = type === 'signup' ? `${GATE.confirmation}:${email}` : undefined;
	if (gate) service.mailGate.check(gate);
	const due = user && (type === 'signup' ? !user.email_confirmed_at : Boolean(user.email_change));
	if (user && due) await resendFor(service, request, user, type, challenge);
	if (gate) service.mailGate.mark(gate);
	sendJson(request.res, 200, {});
};

async function resendFor(
	service: AuthService,
	request: AuthRequest,
	user: UserRow,
	type: 'signup' | 'email_change',
	challenge: Challenge | undefined
): Promise<void> {
	const redirectTo = redirectOf(service, request);
	const emailGate = `${GATE.email_change_new}:${user.id}`;
	if (type === 'email_change') service.mailGate.check(emailGate);
	const mails = await transaction(service, 'updating user', async (tx) => {
		if (type === 'signup') {
			return [
				await confirmationMail(service, tx, user.id, user.email ?? '', { challenge, redirectTo })
			];
		}
		if (challenge) await startFlow(tx, user.id, 'email_change', 'email_change', challenge);
		const fresh = await reload(tx, user.id);
		return emailChangeMails(service, tx, fresh, fresh.email_change, {
			pkce: Boolean(challenge),
			redirectTo
		});
	});
	if (type === 'email_change') service.mailGate.mark(emailGate);
	await deliver(service, mails);
}
