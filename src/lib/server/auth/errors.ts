/**
 * Auth's error codes in people's words. Nothing from Auth's own messages reaches a page except
 * the number of seconds to wait.
 */
import { isAuthError, isAuthWeakPasswordError } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages';
import { PASSWORD_MIN } from '$lib/schemas/auth';

export type AuthProblem = {
	field: 'email' | 'password' | 'code' | 'form';
	message: string;
	status: 400 | 429 | 503;
};

const WAIT = /(\d+)\s*second/;

export function waitMessage(seconds: number): string {
	return m.auth_wait({ seconds });
}

export function authProblem(error: unknown): AuthProblem {
	if (!isAuthError(error)) throw error;
	if (isAuthWeakPasswordError(error)) {
		const reasons = error.reasons ?? [];
		const message = reasons.includes('pwned')
			? m.auth_password_common()
			: m.auth_password_min({ min: PASSWORD_MIN });
		return { field: 'password', message, status: 400 };
	}
	const seconds = Number(WAIT.exec(error.message)?.[1] ?? 60);
	switch (error.code) {
		case 'invalid_credentials':
			return {
				field: 'form',
				message: m.auth_invalid_credentials(),
				status: 400
			};
		case 'email_not_confirmed':
			return {
				field: 'form',
				message: m.auth_unconfirmed(),
				status: 400
			};
		case 'over_request_rate_limit':
		case 'over_email_send_rate_limit':
			return { field: 'form', message: waitMessage(seconds), status: 429 };
		case 'otp_expired':
			return {
				field: 'code',
				message: m.auth_code_expired(),
				status: 400
			};
		case 'same_password':
			return {
				field: 'password',
				message: m.auth_same_password(),
				status: 400
			};
		case 'email_address_invalid':
		case 'validation_failed':
			return {
				field: 'email',
				message: m.auth_email_undeliverable(),
				status: 400
			};
		case 'email_exists':
			return {
				field: 'email',
				message: m.auth_email_exists(),
				status: 400
			};
	}
	if (
		error.status === undefined ||
		error.status >= 500 ||
		error.name === 'AuthRetryableFetchError'
	) {
		return {
			field: 'form',
			message: m.auth_unavailable(),
			status: 503
		};
	}
	return { field: 'form', message: m.auth_failed(), status: 400 };
}
