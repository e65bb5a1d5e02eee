/**
 * PKCE flow states (auth.flow_state). @supabase/ssr always uses PKCE: sign-up, magic links,
 * recovery and e-mail changes send a code challenge; a link click (GET /verify) then yields an auth
 * code that only the holder of the verifier can exchange for a session within five minutes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { HttpError } from '../http.ts';
import { invalid } from './errors.ts';
import type { Db } from './users.ts';

const FLOW_STATE_EXPIRY_SECONDS = 300;

export type Challenge = { challenge: string; method: 's256' | 'plain' };

/** GoTrue's checks on code_challenge / code_challenge_method; undefined for the implicit flow. */
export function challengeOf(challenge: string, method: string): Challenge | undefined {
	if (!challenge && !method) return undefined;
	if (!challenge || !method) {
		throw invalid('PKCE flow requires code_challenge_method and code_challenge');
	}
	if (challenge.length < 43 || challenge.length > 128) {
		throw invalid('code challenge has to be between 43 and 128 characters');
	}
	if (!/^[a-zA-Z0-9._~-]+$/.test(challenge)) {
		throw invalid(
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
	}
	const normalised = method.toLowerCase();
	if (normalised !== 's256' && normalised !== 'plain') {
		throw invalid(`unsupported code_challenge method "${method}"`);
	}
	return { challenge, method: normalised };
}

/** Remembers a PKCE flow for a user and sign-in method (e.g. email/signup, recovery). */
export async function startFlow(
	db: Db,
	userId: string,
	method: string,
	providerType: string,
	challenge: Challenge
): Promise<void> {
	await db`
		insert into auth.flow_state (
			id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
			authentication_method, created_at, updated_at
		) values (
			${randomUUID()}, ${userId}, ${randomUUID()}, ${challenge.method}, ${challenge.challenge},
			${providerType}, ${method}, now(), now()
		)
	`;
}

/** After a PKCE link is verified: the newest flow of that user and method gets its code issued. */
export async function issueAuthCode(db: Db, userId: string, method: string): Promise<string> {
	const [flow] = await db<{ auth_code: string }[]>`
		update auth.flow_state
		set auth_code_issued_at = now(), updated_at = now()
		where id = (
			select id from auth.flow_state
			where user_id = ${userId} and authentication_method = ${method}
				and code_challenge is not null and code_challenge <> ''
			order by created_at desc
			limit 1
		)
		returning auth_code
	`;
	if (!flow) {
		throw new HttpError(422, 'flow_state_not_found', 'No valid flow state found for user.');
	}
	return flow.auth_code;
}

type FlowRow = {
	id: string;
	user_id: string | null;
	code_challenge: string;
	code_challenge_method: 's256' | 'plain';
	authentication_method: string;
	expired: boolean;
	issued: boolean;
};

/**
 * The pkce grant's checks; on success the flow is deleted (single use) and the user id and the
 * method that started it are returned.
 */
export async function redeemAuthCode(
	db: Db,
	authCode: string,
	verifier: string
): Promise<{ userId: string; method: string }> {
	const [flow] = await db<FlowRow[]>`
		select id, user_id, code_challenge, code_challenge_method, authentication_method,
			auth_code_issued_at is not null as issued,
			case when authentication_method = 'magiclink' and auth_code_issued_at is not null
				then auth_code_issued_at else created_at end
				< now() - make_interval(secs => ${FLOW_STATE_EXPIRY_SECONDS}) as expired
		from auth.flow_state
		where auth_code = ${authCode}
		for update
	`;
	// An auth code is only good once its link has been verified (GoTrue does not check this).
	if (!flow?.user_id || !flow.issued) {
		throw new HttpError(
			404,
			'flow_state_not_found',
			'invalid flow state, no valid flow state found'
		);
	}
	if (flow.expired) {
		throw new HttpError(422, 'flow_state_expired', 'invalid flow state, flow state has expired');
	}
	const expected =
		flow.code_challenge_method === 's256'
			? createHash('sha256').update(verifier).digest('base64url')
			: verifier;
	if (expected !== flow.code_challenge) {
		throw new HttpError(
			400,
			'bad_code_verifier',
			'code challenge does not match previously saved code verifier'
		);
	}
	await db`delete from auth.flow_state where id = ${flow.id}`;
	return { userId: flow.user_id, method: flow.authentication_method };
}
