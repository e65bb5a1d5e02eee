/**
 * POST /signup: e-mail and password. With confirmations on, the answer is the new user and a
 * confirmation mail; with autoconfirm, a session. An address that already has a confirmed account
 * gets an answer shaped like a new one (GoTrue's obfuscated user, identities empty) and no mail,
 * so sign-up never tells a stranger who is a member.
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
	type AuthRequest,
	type AuthService,
	type Handler
} from './context.ts';
import { invalid } from './errors.ts';
import { deliver, prepareMail, type OutgoingMail } from './mail.ts';
import { assertStrongPassword, hashPassword, passwordMatches } from './passwords.ts';
import { challengeOf, startFlow, type Challenge } from './pkce.ts';
import { startSession, type SessionJson } from './sessions.ts';
import {
	confirmEmail,
	ensureEmailIdentity,
	findByEmail,
	findById,
	insertEmailUser,
	userJson,
	type Db,
	type UserRow
} from './users.ts';

export const signup: Handler = async (service, request) => {
	service.limiter.hit('signInSignUps', request.ip);
	const body = await readBody(request);
	const email = text(body, 'email');
	const phone = text(body, 'phone');
	const password = text(body, 'password');
	if (!service.config.enableSignup) {
		throw new HttpError(422, 'signup_disabled', 'Signups not allowed for this instance');
	}
	if (!email && !phone) {
		throw new HttpError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	}
	if (!password) throw invalid('Signup requires a valid password');
	assertStrongPassword(password, service.config.minimumPasswordLength);
	if (email && phone) {
		throw invalid('Only an email address or phone number should be provided on signup.');
	}
	if (phone) throw new HttpError(400, 'phone_provider_disabled', 'Phone signups are disabled');
	const challenge = challengeOf(text(body, 'code_challenge'), text(body, 'code_challenge_method'));
	const answer = await signUp(service, request, {
		email: validEmail(email),
		password,
		data: object(body, 'data') ?? {},
		challenge
	});
	sendJson(request.res, 200, answer);
};

type SignUp = {
	email: string;
	password: string;
	data: Record<string, unknown>;
	challenge: Challenge | undefined;
};

async function signUp(
	service: AuthService,
	request: AuthRequest,
	params: SignUp
): Promise<SessionJson | Record<string, unknown>> {
	const { config, mailGate } = service;
	const redirectTo = redirectOf(service, request);
	// Hashed whatever happens next, so that known and unknown addresses take as long.
	const passwordHash = await hashPassword(params.password);
	const existing = await findByEmail(service.sql, params.email);

	if (existing?.email_confirmed_at) {
		if (config.autoconfirm) {
			throw new HttpError(422, 'user_already_exists', 'User already registered');
		}
		// GoTrue sends nothing here, so no mail interval applies (a 429 would also tell the person
		// signing up that the address has an account).
		service.log('sign-up of a registered address', { user_id: existing.id });
		return obfuscatedUser(params.email, params.data);
	}

	if (existing && config.autoconfirm) {
		// GoTrue would confirm and sign in whoever signs up again with an unconfirmed (e.g. invited)
		// address; here only its own password does.
		if (!(await passwordMatches(params.password, existing.encrypted_password))) {
			throw new HttpError(422, 'user_already_exists', 'User already registered');
		}
		return transaction(service, 'updating user', async (tx) => {
			await ensureEmailIdentity(tx, existing);
			await confirmEmail(tx, existing.id);
			return startSession(service, tx, await reload(tx, existing.id), 'password', request);
		});
	}

	if (config.autoconfirm) {
		const session = await transaction(service, 'saving new user', async (tx) => {
			const id = await insertEmailUser(tx, {
				email: params.email,
				passwordHash,
				userMetadata: params.data,
				asSignUp: true
			});
			await confirmEmail(tx, id);
			return startSession(service, tx, await reload(tx, id), 'password', request);
		});
		service.log('sign-up', { user_id: session.user.id, confirmed: true });
		return session;
	}

	const gate = `confirmation:${params.email}`;
	mailGate.check(gate);
	const { user, mail } = await transaction(service, 'saving new user', async (tx) => {
		const id =
			existing?.id ??
			(await insertEmailUser(tx, {
				email: params.email,
				passwordHash,
				userMetadata: params.data,
				asSignUp: true
			}));
		if (existing) await ensureEmailIdentity(tx, existing);
		const confirmation = await confirmationMail(service, tx, id, params.email, {
			challenge: params.challenge,
			redirectTo
		});
		return { user: await reload(tx, id), mail: confirmation };
	});
	mailGate.mark(gate);
	await deliver(service, [mail]);
	service.log('sign-up', { user_id: user.id, confirmed: false });
	return userJson(user);
}

/** The confirmation code for a new (or not yet confirmed) account, with its PKCE flow. */
export async function confirmationMail(
	service: AuthService,
	db: Db,
	userId: string,
	email: string,
	options: { challenge: Challenge | undefined; redirectTo: string | undefined }
): Promise<OutgoingMail> {
	if (options.challenge) await startFlow(db, userId, 'email/signup', 'email', options.challenge);
	return prepareMail(service, db, {
		kind: 'confirmation',
		userId,
		to: email,
		pkce: Boolean(options.challenge),
		redirectTo: options.redirectTo
	});
}

export async function reload(db: Db, id: string): Promise<UserRow> {
	const user = await findById(db, id);
	if (!user) throw new Error(`user ${id} vanished inside its transaction`);
	return user;
}

/**
 * What a new sign-up would have answered, for an address that is already a member's: a fresh id,
 * no identities (GoTrue's documented tell), nothing else that differs.
 */
function obfuscatedUser(email: string, data: Record<string, unknown>): Record<string, unknown> {
	const id = randomUUID();
	const now = new Date().toISOString();
	return {
		id,
		aud: 'authenticated',
		role: 'authenticated',
		email,
		phone: '',
		confirmation_sent_at: now,
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: { ...data, sub: id, email, email_verified: false, phone_verified: false },
		identities: [],
		created_at: now,
		updated_at: now,
		is_anonymous: false
	};
}
