/**
 * GoTrue's errors that more than one endpoint answers with, word for word: auth-js and apps match
 * on the codes, and people see the messages.
 */
import { HttpError } from '../http.ts';

/** A 429 that also says, in a Retry-After header, when to come back. */
export class RetryLater extends HttpError {
	readonly retryAfter: number;

	constructor(code: string, message: string, retryAfter: number) {
		super(429, code, message);
		this.retryAfter = retryAfter;
	}
}

export const invalid = (message: string) => new HttpError(400, 'validation_failed', message);

export const invalidCredentials = () =>
	new HttpError(400, 'invalid_credentials', 'Invalid login credentials');

export const emailExists = () =>
	new HttpError(422, 'email_exists', 'A user with this email address has already been registered');

export const otpExpired = (viaLink: boolean) =>
	new HttpError(
		403,
		'otp_expired',
		viaLink ? 'Email link is invalid or has expired' : 'Token has expired or is invalid'
	);

export const userBanned = (status: 400 | 403) =>
	new HttpError(status, 'user_banned', 'User is banned');

export const phoneDisabled = () =>
	new HttpError(400, 'phone_provider_disabled', 'Unsupported phone provider');

/** A failed write, e.g. an app trigger on auth.users raising: 500 and no half-made user. */
export const databaseError = (message: string) => new HttpError(500, 'unexpected_failure', message);
