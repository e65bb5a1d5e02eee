/**
 * Supabase Auth (GoTrue) HTTP API, the subset the official clients use: e-mail and password,
 * one-time codes and links, PKCE, sessions with rotating refresh tokens, and the admin API.
 * Phone, OAuth providers, SSO, MFA and passkeys are out of scope and say so in GoTrue's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendJson } from '../http.ts';
import type { StandInContext } from '../server.ts';
import { getUser, logout, reauthenticate, updateUser } from './account.ts';
import { createUser, deleteUserById, getUserById, listUsers, updateUserById } from './admin.ts';
import { generateLink, invite } from './admin-links.ts';
import { clientIp, type AuthRequest, type AuthService, type Handler } from './context.ts';
import { otp, recover, resend } from './email-flows.ts';
import { RetryLater } from './errors.ts';
import { preparePasswords } from './passwords.ts';
import { MailGate, RequestLimiter } from './rate-limit.ts';
import { signup } from './signup.ts';
import { token } from './token.ts';
import { verifyGet, verifyPost } from './verify.ts';

export type Auth = {
	/** Handles a request whose path is below /auth/v1 (e.g. "/token"). */
	handle: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
};

const health: Handler = async (_service, request) => {
	sendJson(request.res, 200, {
		version: 'v2-standin',
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API'
	});
};

const settings: Handler = async (service, request) => {
	const external = Object.fromEntries(
		[
			'anonymous_users',
			'apple',
			'azure',
			'bitbucket',
			'discord',
			'facebook',
			'snapchat',
			'figma',
			'fly',
			'github',
			'gitlab',
			'google',
			'keycloak',
			'kakao',
			'linkedin',
			'linkedin_oidc',
			'notion',
			'spotify',
			'slack',
			'slack_oidc',
			'workos',
			'twitch',
			'twitter',
			'email',
			'phone',
			'zoom'
		].map((provider) => [provider, provider === 'email'])
	);
	sendJson(request.res, 200, {
		external,
		disable_signup: !service.config.enableSignup,
		mailer_autoconfirm: service.config.autoconfirm,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false,
		saml_private_key_next_configured: false,
		passkeys_enabled: false
	});
};

/** The public half of the signing key, keys in GoTrue's (alphabetical) order. */
const jwks: Handler = async (service, request) => {
	const { alg, crv, kid, kty, x, y } = service.tokens.publicJwk;
	sendJson(
		request.res,
		200,
		{ keys: [{ alg, crv, ext: true, key_ops: ['verify'], kid, kty, use: 'sig', x, y }] },
		{ 'Cache-Control': 'public, max-age=600' }
	);
};

const unsupportedProvider: Handler = async (_service, request) => {
	const provider = request.url.searchParams.get('provider') ?? '';
	throw new HttpError(
		400,
		'validation_failed',
		`Unsupported provider: provider ${provider || '(none)'} is not enabled in the local stand-in`
	);
};

/** Paths of features the stand-in does not have: a clear refusal rather than a bare 404. */
const OUT_OF_SCOPE: [RegExp, HttpError][] = [
	[
		/^\/(admin\/users\/[^/]+\/)?factors(\/|$)/,
		new HttpError(422, 'mfa_totp_enroll_not_enabled', 'MFA is not available in the local stand-in')
	],
	[
		/^\/(admin\/users\/[^/]+\/)?passkeys(\/|$)/,
		new HttpError(422, 'passkey_disabled', 'Passkeys are not available in the local stand-in')
	],
	[
		/^\/(admin\/)?sso(\/|$)/,
		new HttpError(404, 'sso_provider_not_found', 'SSO is not available in the local stand-in')
	],
	[
		/^\/user\/identities(\/|$)/,
		new HttpError(
			404,
			'manual_linking_disabled',
			'Identity linking is not available in the local stand-in'
		)
	],
	[
		/^\/(admin\/)?(oauth|custom-providers|callback)(\/|$)/,
		new HttpError(404, 'feature_disabled', 'OAuth is not available in the local stand-in')
	]
];

/** A route's handler gets its pattern's groups (none for a fixed path). */
type Route = { method: string; path: string | RegExp; handler: (match: string[]) => Handler };

const fixed = (method: string, path: string, handler: Handler): Route => ({
	method,
	path,
	handler: () => handler
});

const ROUTES: Route[] = [
	fixed('GET', '/health', health),
	fixed('GET', '/settings', settings),
	fixed('GET', '/.well-known/jwks.json', jwks),
	fixed('GET', '/authorize', unsupportedProvider),
	fixed('POST', '/signup', signup),
	fixed('POST', '/token', token),
	fixed('GET', '/user', getUser),
	fixed('PUT', '/user', updateUser),
	fixed('POST', '/logout', logout),
	fixed('GET', '/reauthenticate', reauthenticate),
	fixed('POST', '/recover', recover),
	fixed('POST', '/otp', otp),
	fixed('POST', '/magiclink', otp),
	fixed('POST', '/resend', resend),
	fixed('GET', '/verify', verifyGet),
	fixed('POST', '/verify', verifyPost),
	fixed('POST', '/invite', invite),
	fixed('GET', '/admin/users', listUsers),
	fixed('POST', '/admin/users', createUser),
	fixed('POST', '/admin/generate_link', generateLink),
	// Each pattern below has its one group in every match.
	{ method: 'GET', path: /^\/admin\/users\/([^/]+)$/, handler: ([id]) => getUserById(id!) },
	{ method: 'PUT', path: /^\/admin\/users\/([^/]+)$/, handler: ([id]) => updateUserById(id!) },
	{ method: 'DELETE', path: /^\/admin\/users\/([^/]+)$/, handler: ([id]) => deleteUserById(id!) }
];

function findHandler(method: string, path: string): Handler {
	let pathKnown = false;
	for (const route of ROUTES) {
		const match =
			typeof route.path === 'string'
				? route.path === path && []
				: route.path.exec(path)?.slice(1).map(decodeURIComponent);
		if (!match) continue;
		pathKnown = true;
		if (route.method === method) return route.handler(match);
	}
	for (const [pattern, error] of OUT_OF_SCOPE) {
		if (pattern.test(path)) throw error;
	}
	if (pathKnown) throw new HttpError(405, 'method_not_allowed', 'Method not allowed');
	throw new HttpError(404, 'not_found', 'Not found');
}

export function createAuth(context: StandInContext): Auth {
	const { config } = context;
	void preparePasswords();
	const service: AuthService = {
		config,
		sql: context.sql,
		outbox: context.outbox,
		log: context.log,
		tokens: context.tokens,
		limiter: new RequestLimiter(config.rateLimits),
		mailGate: new MailGate(config.mailInterval)
	};
	return {
		handle: async (req, res, path) => {
			const request: AuthRequest = {
				req,
				res,
				url: new URL(req.url ?? '/', 'http://stand-in'),
				ip: clientIp(req),
				userAgent: req.headers['user-agent'] ?? ''
			};
			const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
			try {
				await findHandler(req.method ?? 'GET', normalised)(service, request);
			} catch (error) {
				// The server answers errors; a 429 also says when to come back.
				if (error instanceof RetryLater) res.setHeader('Retry-After', String(error.retryAfter));
				throw error;
			}
		}
	};
}
