/**
 * Using a mailed code: POST /verify (verifyOtp, with the link's token_hash or the address and the
 * 6-digit code) and GET /verify (GoTrue's own link: a 303 back to the app with the session in the
 * fragment, or with ?code= for a PKCE flow). Codes expire after config.otpExpiry and work once.
 */
import { HttpError, sendJson } from '../http.ts';
import {
	readBody,
	text,
	transaction,
	validEmail,
	type AuthRequest,
	type AuthService,
	type Handler
} from './context.ts';
import { emailExists, invalid, otpExpired, phoneDisabled, userBanned } from './errors.ts';
import { SENT_AT, tokenHash, type TokenColumn } from './mail.ts';
import { issueAuthCode } from './pkce.ts';
import { requestedRedirect, type LinkType } from './redirects.ts';
import { startSession, type SessionJson } from './sessions.ts';
import { reload } from './signup.ts';
import { confirmEmail, emailTaken, findById, type Db, type UserRow } from './users.ts';

const COLUMNS: Record<LinkType, TokenColumn[]> = {
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	magiclink: ['recovery_token'],
	recovery: ['recovery_token'],
	email_change: ['email_change_token_current', 'email_change_token_new'],
	// GoTrue's "email" type: the confirmation code, else the magic-link one.
	email: ['confirmation_token', 'recovery_token']
};

/** The flow-state method a PKCE link of each type started with. */
const FLOW_METHOD: Partial<Record<LinkType, string>> = {
	signup: 'email/signup',
	invite: 'invite',
	magiclink: 'magiclink',
	recovery: 'recovery',
	email_change: 'email_change'
};

const HALFWAY =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

function linkType(type: string): LinkType {
	if (type === 'sms' || type === 'phone_change') throw phoneDisabled();
	if (!(type in COLUMNS)) throw invalid('Unsupported verification type');
	return type as LinkType;
}

type Proof = { type: LinkType } & ({ tokenHash: string } | { email: string; code: string });

type Verified =
	| { halfway: true }
	| { halfway: false; user: UserRow; type: LinkType; session?: SessionJson; authCode?: string };

/**
 * Finds the code, checks it is fresh and still the user's current one, and uses it up. Links and
 * codes get GoTrue's two different messages.
 */
async function useCode(
	service: AuthService,
	tx: Db,
	proof: Proof
): Promise<UserRow & { column: TokenColumn }> {
	const viaLink = 'tokenHash' in proof;
	const hashes = viaLink
		? [proof.tokenHash]
		: [tokenHash(proof.email, proof.code), `pkce_${tokenHash(proof.email, proof.code)}`];
	const expiry = service.config.otpExpiry;
	const [token] = await tx<
		{ user_id: string; token_type: TokenColumn; token_hash: string; stale: boolean }[]
	>`
		select user_id, token_type, token_hash,
			created_at < now() - make_interval(secs => ${expiry}) as stale
		from auth.one_time_tokens
		where token_hash in ${tx(hashes)}
			and token_type::text in ${tx(COLUMNS[proof.type])}
			${viaLink ? tx`` : tx`and relates_to = ${proof.email}`}
		order by created_at desc
		limit 1
		for update
	`;
	if (!token || token.stale) throw otpExpired(viaLink);
	const user = await findById(tx, token.user_id, true);
	if (!user) throw otpExpired(viaLink);
	if (user.banned) throw userBanned(403);
	const [dated] = await tx<{ fresh: boolean }[]>`
		select coalesce(${tx(SENT_AT[token.token_type])} > now() - make_interval(secs => ${expiry}), false)
			as fresh
		from auth.users where id = ${user.id}
	`;
	if (!dated?.fresh || user[token.token_type] !== token.token_hash) throw otpExpired(viaLink);
	return { ...user, column: token.token_type };
}

async function verify(
	service: AuthService,
	request: AuthRequest,
	proof: Proof,
	outcome: 'session' | 'authCode'
): Promise<Verified> {
	return transaction(service, 'verifying a one-time code', async (tx): Promise<Verified> => {
		const user = await useCode(service, tx, proof);
		const type: LinkType =
			proof.type === 'email'
				? user.column === 'confirmation_token'
					? 'signup'
					: 'magiclink'
				: proof.type;
		if (type === 'signup' || type === 'invite') {
			await confirmEmail(tx, user.id);
		} else if (type === 'recovery' || type === 'magiclink') {
			await tx`update auth.users set recovery_token = '', updated_at = now() where id = ${user.id}`;
			await tx`delete from auth.one_time_tokens where user_id = ${user.id}`;
			if (!user.email_confirmed_at) await confirmEmail(tx, user.id);
		} else if (type === 'email_change') {
			const done = await changeEmail(service, tx, user);
			if (!done) return { halfway: true };
		}
		const updated = await reload(tx, user.id);
		if (outcome === 'authCode') {
			const method = FLOW_METHOD[type] ?? type;
			try {
				return {
					halfway: false,
					user: updated,
					type,
					authCode: await issueAuthCode(tx, user.id, method)
				};
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
				throw new HttpError(
					400,
					'flow_state_not_found',
					`No associated flow state found. ${error.message}`
				);
			}
		}
		const session = await startSession(service, tx, updated, 'otp', request);
		return { halfway: false, user: updated, type, session };
	});
}

/**
 * A change of address: with GoTrue's secure e-mail change both the current and the new address
 * confirm; the first confirmation only says so. Returns whether the address has changed.
 */
async function changeEmail(
	service: AuthService,
	tx: Db,
	user: UserRow & { column: TokenColumn }
): Promise<boolean> {
	if (!user.email_change) throw otpExpired(true);
	if (!service.config.autoconfirm && user.email && user.email_change_confirm_status === 0) {
		await tx`
			update auth.users set ${tx(user.column)} = '', email_change_confirm_status = 1, updated_at = now()
			where id = ${user.id}
		`;
		await tx`delete from auth.one_time_tokens where user_id = ${user.id} and token_type = ${user.column}`;
		return false;
	}
	if (await emailTaken(tx, user.email_change, user.id)) throw emailExists();
	await tx`
		update auth.users
		set email = email_change, email_change = '', email_change_token_current = '',
			email_change_token_new = '', email_change_confirm_status = 0, updated_at = now()
		where id = ${user.id}
	`;
	await tx`delete from auth.one_time_tokens where user_id = ${user.id}`;
	if (!user.email_confirmed_at) await confirmEmail(tx, user.id);
	await tx`
		update auth.identities
		set identity_data = identity_data
				|| jsonb_build_object('email', ${user.email_change}::text, 'email_verified', true),
			updated_at = now()
		where user_id = ${user.id} and provider = 'email'
	`;
	service.log('e-mail changed', { user_id: user.id });
	return true;
}

function proofOf(body: Record<string, unknown>): Proof {
	const type = text(body, 'type');
	const code = text(body, 'token');
	const hash = text(body, 'token_hash');
	const email = text(body, 'email');
	const phone = text(body, 'phone');
	if (!type) throw invalid('Verify requires a verification type');
	if ((!code && !hash) || (code && hash)) {
		throw invalid('Verify requires either a token or a token hash');
	}
	if (hash) {
		if (email || phone || text(body, 'redirect_to')) {
			throw invalid('Only the token_hash and type should be provided');
		}
		return { type: linkType(type), tokenHash: hash };
	}
	if (phone && !email) throw phoneDisabled();
	if (!email || phone) {
		throw invalid('Only an email address or phone number should be provided on verify');
	}
	return { type: linkType(type), email: validEmail(email), code };
}

export const verifyPost: Handler = async (service, request) => {
	service.limiter.hit('tokenVerifications', request.ip);
	const proof = proofOf(await readBody(request));
	const result = await verify(service, request, proof, 'session');
	if (result.halfway) {
		return sendJson(request.res, 200, { msg: HALFWAY, code: '200' });
	}
	service.log('sign-in', { user_id: result.user.id, method: `otp (${result.type})` });
	sendJson(request.res, 200, result.session);
};

/** Go's url.Values.Encode: sorted keys, form encoding. */
function encode(values: Record<string, string>): string {
	return new URLSearchParams(
		Object.keys(values)
			.sort()
			.map((key) => [key, values[key] ?? ''])
	).toString();
}

const OAUTH_ERRORS: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

function redirect(request: AuthRequest, location: string): void {
	request.res.writeHead(303, { Location: location }).end();
}

export const verifyGet: Handler = async (service, request) => {
	service.limiter.hit('tokenVerifications', request.ip);
	const query = request.url.searchParams;
	const type = query.get('type') ?? '';
	const token = query.get('token') ?? '';
	if (!type) throw invalid('Verify requires a verification type');
	if (!token) throw invalid('Verify requires a token or a token hash');
	const target =
		requestedRedirect(service.config, query.get('redirect_to') ?? undefined) ??
		service.config.siteUrl;
	const pkce = token.startsWith('pkce_');
	const proof: Proof = { type: linkType(type), tokenHash: token };
	if (pkce && !FLOW_METHOD[proof.type]) {
		throw invalid(`unsupported authentication method "${type}"`);
	}

	let result: Verified;
	try {
		result = await verify(service, request, proof, pkce ? 'authCode' : 'session');
	} catch (error) {
		if (!(error instanceof HttpError) || error.status >= 500) throw error;
		const url = new URL(target);
		const details: Record<string, string> = {
			error_code: error.code,
			error_description: error.message
		};
		const oauth = OAUTH_ERRORS[error.status];
		if (oauth) details.error = oauth;
		if (pkce) for (const [key, value] of Object.entries(details)) url.searchParams.set(key, value);
		url.hash = encode({ ...details, sb: '' });
		return redirect(request, url.toString());
	}

	if (result.halfway) {
		const url = new URL(target);
		if (pkce) url.searchParams.set('message', HALFWAY);
		url.hash = encode({ message: HALFWAY, sb: '' });
		return redirect(request, url.toString());
	}
	service.log('sign-in', { user_id: result.user.id, method: `link (${result.type})` });
	if (result.authCode) {
		const url = new URL(target);
		url.searchParams.set('code', result.authCode);
		return redirect(request, url.toString());
	}
	const session = result.session as SessionJson;
	const fragment = encode({
		access_token: session.access_token,
		expires_at: String(session.expires_at),
		expires_in: String(session.expires_in),
		refresh_token: session.refresh_token,
		sb: '',
		token_type: 'bearer',
		type: result.type
	});
	redirect(request, `${target}#${fragment}`);
};
