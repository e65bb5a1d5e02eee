/**
 * Passwords as GoTrue keeps them: bcrypt, cost 10, `$2a$` (so pgcrypto's crypt() can check them
 * too), and any bcrypt hash a seed wrote with pgcrypto (`$2a$06$…`) verifies. bcrypt runs on libuv's
 * thread pool, never on the event loop.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { HttpError } from '../http.ts';
import { invalid } from './errors.ts';

const COST = 10;
/** bcrypt reads only the first 72 bytes; GoTrue refuses longer passwords rather than cut them. */
export const MAX_PASSWORD_BYTES = 72;

export async function hashPassword(password: string): Promise<string> {
	return bcrypt.hash(password, await bcrypt.genSalt(COST, 'a'));
}

let dummyHash: Promise<string> | undefined;

/** The hash compared against when there is no real one; made at start, so no sign-in is quicker. */
export function preparePasswords(): Promise<string> {
	return (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
}

/**
 * Whether `password` matches `hash`. Without a hash (unknown person, or an account with no password)
 * it still spends one bcrypt comparison, so that the answer takes as long either way.
 */
export async function passwordMatches(
	password: string,
	hash: string | undefined
): Promise<boolean> {
	const usable = hash && /^\$2[aby]\$\d\d\$/.test(hash) ? hash.replace(/^\$2y\$/, '$2b$') : '';
	const matches: boolean = await bcrypt.compare(password, usable || (await preparePasswords()));
	return Boolean(usable) && matches && Buffer.byteLength(password) <= MAX_PASSWORD_BYTES;
}

export type WeakPassword = { message: string; reasons: string[] };

/** GoTrue's strength rule without character classes or HIBP: long enough, at most 72 bytes. */
export function passwordWeakness(password: string, minimumLength: number): WeakPassword | null {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
		throw invalid(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
	}
	// Bytes, as GoTrue counts (Go's len).
	if (Buffer.byteLength(password) >= minimumLength) return null;
	return {
		message: `Password should be at least ${minimumLength} characters.`,
		reasons: ['length']
	};
}

/** As passwordWeakness, but a weak password is 422 weak_password with its reasons. */
export function assertStrongPassword(password: string, minimumLength: number): void {
	const weakness = passwordWeakness(password, minimumLength);
	if (weakness) {
		throw new HttpError(422, 'weak_password', weakness.message, {
			weak_password: { reasons: weakness.reasons }
		});
	}
}
