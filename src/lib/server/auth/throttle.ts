/**
 * Who may try to sign in how often. Per IP: 10 attempts a minute (the 11th is refused with the
 * wait). Per account and IP: 20 attempts in 15 minutes, which slows a patient guesser further.
 * Keying the account limit by IP too means an attacker elsewhere can never lock the owner out:
 * a fresh address always gets its own attempts.
 */
import * as rateLimits from '../db/rate-limits';

const perIp = (ip: string) => ({ key: `sign-in:ip:${ip}`, max: 10, windowSeconds: 60 });
const perAccount = (email: string, ip: string) => ({
	key: `sign-in:account:${email}:${ip}`,
	max: 20,
	windowSeconds: 15 * 60
});
/** Mails (magic links, resets, sign-ups) per IP: enough for a person, too few for abuse. */
const mailsPerIp = (ip: string) => ({ key: `mail:ip:${ip}`, max: 10, windowSeconds: 10 * 60 });

/** Seconds to wait before this sign-in attempt may go ahead (0 = go). */
export async function signInWait(email: string, ip: string): Promise<number> {
	const [ipWait, accountWait] = await Promise.all([
		rateLimits.hit(perIp(ip)),
		// Only counted, not yet a failure; a success clears it below.
		rateLimits.hit(perAccount(email, ip))
	]);
	return Math.max(ipWait, accountWait);
}

export function signInSucceeded(email: string, ip: string): Promise<void> {
	return rateLimits.clear(perAccount(email, ip).key);
}

export function mailWait(ip: string): Promise<number> {
	return rateLimits.hit(mailsPerIp(ip));
}
