/**
 * Auth's error codes in people's words. Nothing from Auth's own messages reaches a page except
 * the number of seconds to wait.
 */
import { isAuthError, isAuthWeakPasswordError } from '@supabase/supabase-js';

export type AuthProblem = {
	field: 'email' | 'password' | 'code' | 'form';
	message: string;
	status: 400 | 429 | 503;
};

const WAIT = /(\d+)\s*second/;

export function waitMessage(seconds: number): string {
	return `Too many attempts. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export function authProblem(error: unknown): AuthProblem {
	if (!isAuthError(error)) throw error;
	if (isAuthWeakPasswordError(error)) {
		const reasons = error.reasons ?? [];
		const message = reasons.includes('pwned')
			? 'This password is one of the most common ones; choose one that is harder to guess.'
			: 'Use at least 8 characters.';
		return { field: 'password', message, status: 400 };
	}
	const seconds = Number(WAIT.exec(error.message)?.[1] ?? 60);
	switch (error.code) {
		case 'invalid_credentials':
			return {
				field: 'form',
				message: 'That e-mail address and password do not match.',
				status: 400
			};
		case 'email_not_confirmed':
			return {
				field: 'form',
				message:
					'Please confirm your e-mail address first: open the link we sent you, or ask for a new one below.',
				status: 400
			};
		case 'over_request_rate_limit':
		case 'over_email_send_rate_limit':
			return { field: 'form', message: waitMessage(seconds), status: 429 };
		case 'otp_expired':
			return {
				field: 'code',
				message: 'That code has expired or was already used. Ask for a new one.',
				status: 400
			};
		case 'same_password':
			return {
				field: 'password',
				message: 'Choose a password different from your current one.',
				status: 400
			};
		case 'email_address_invalid':
		case 'validation_failed':
			return {
				field: 'email',
				message: 'That e-mail address cannot receive mail from us.',
				status: 400
			};
		case 'email_exists':
			return {
				field: 'email',
				message: 'Another account already uses that e-mail address.',
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
			message: 'The sign-in service is not answering. Please try again in a moment.',
			status: 503
		};
	}
	return { field: 'form', message: 'That did not work. Please try again.', status: 400 };
}
