/**
 * POST /token: the password, refresh_token and pkce grants. A wrong password and an unknown
 * address get the same answer after the same bcrypt work. Every grant counts towards the per-IP
 * token_refresh limit, as in GoTrue.
 */
import { HttpError, sendJson } from '../http.ts';
import { readBody, text, transaction, type Handler } from './context.ts';
import { invalid, invalidCredentials, userBanned } from './errors.ts';
import { passwordMatches, passwordWeakness } from './passwords.ts';
import { redeemAuthCode } from './pkce.ts';
import { refreshSession, startSession } from './sessions.ts';
import { findByEmail, findById } from './users.ts';

export const token: Handler = async (service, request) => {
	// GoTrue counts every grant against token_refresh (password sign-ins too).
	service.limiter.hit('tokenRefresh', request.ip);
	const grant = request.url.searchParams.get('grant_type');
	if (grant === 'password') return passwordGrant(service, request);
	if (grant === 'refresh_token') return refreshGrant(service, request);
	if (grant === 'pkce') return pkceGrant(service, request);
	throw new HttpError(400, 'invalid_credentials', 'unsupported_grant_type');
};

const passwordGrant: Handler = async (service, request) => {
	const body = await readBody(request);
	const email = text(body, 'email');
	const phone = text(body, 'phone');
	const password = text(body, 'password');
	if (email && phone) {
		throw invalid('Only an email address or phone number should be provided on login.');
	}
	if (phone) throw new HttpError(422, 'phone_provider_disabled', 'Phone logins are disabled');
	if (!email) throw invalid('missing email or phone');

	const user = await findByEmail(service.sql, email);
	// Always one bcrypt comparison (against a dummy hash when there is no user or no password).
	const matches = await passwordMatches(password, user?.encrypted_password);
	if (!user || !matches) {
		service.log('sign-in failed', { reason: 'invalid_credentials', ip: request.ip });
		throw invalidCredentials();
	}
	if (user.banned) {
		service.log('sign-in failed', { reason: 'user_banned', user_id: user.id });
		throw userBanned(400);
	}
	if (!user.email_confirmed_at) {
		service.log('sign-in failed', { reason: 'email_not_confirmed', user_id: user.id });
		throw new HttpError(400, 'email_not_confirmed', 'Email not confirmed');
	}
	// A correct password that no longer meets the policy still signs in, with a warning. (It is at
	// most 72 bytes: passwordMatches refuses longer ones.)
	const weakness = passwordWeakness(password, service.config.minimumPasswordLength);
	const session = await startSession(service, service.sql, user, 'password', request);
	service.log('sign-in', { user_id: user.id, method: 'password' });
	sendJson(request.res, 200, { ...session, weak_password: weakness });
};

const refreshGrant: Handler = async (service, request) => {
	const body = await readBody(request);
	const refreshToken = text(body, 'refresh_token');
	if (!refreshToken) {
		// GoTrue answers this one in OAuth's shape, not its own.
		return sendJson(request.res, 400, {
			error: 'invalid_request',
			error_description: 'refresh_token required'
		});
	}
	sendJson(request.res, 200, await refreshSession(service, refreshToken));
};

const pkceGrant: Handler = async (service, request) => {
	const body = await readBody(request);
	const authCode = text(body, 'auth_code');
	const verifier = text(body, 'code_verifier');
	if (!authCode || !verifier) {
		throw invalid('invalid request: both auth code and code verifier should be non-empty');
	}
	const session = await transaction(service, 'exchanging the auth code', async (tx) => {
		const flow = await redeemAuthCode(tx, authCode, verifier);
		const user = await findById(tx, flow.userId);
		if (!user) {
			throw new HttpError(
				404,
				'flow_state_not_found',
				'invalid flow state, no valid flow state found'
			);
		}
		if (user.banned) throw userBanned(400);
		return startSession(service, tx, user, flow.method, request);
	});
	service.log('sign-in', { user_id: session.user.id, method: 'pkce' });
	sendJson(request.res, 200, session);
};
