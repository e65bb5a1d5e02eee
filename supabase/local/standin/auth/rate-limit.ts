/**
 * The two throttles Supabase Auth applies before it does any work: requests per IP address per
 * window (sign-in, sign-up, recovery, one-time codes), and a minimum interval between two mails of
 * one kind to one address. Both live in memory: the stand-in is one local process.
 */
import { RetryLater } from './errors.ts';

/** config.rateLimits' groups, and `verify` (codes tried), which has signIn's budget of its own. */
export type LimitGroup = 'signIn' | 'signUp' | 'recover' | 'otp' | 'verify';

/**
 * A sliding window per (group, IP): the n+1th request within `windowSeconds` is refused until the
 * oldest one leaves the window.
 */
export class RequestLimiter {
	readonly #limits: Record<LimitGroup, number>;
	readonly #windowMs: number;
	readonly #hits = new Map<string, number[]>();
	#lastSweep = Date.now();

	constructor(limits: Record<LimitGroup, number>, windowSeconds: number) {
		this.#limits = limits;
		this.#windowMs = windowSeconds * 1000;
	}

	/** Counts one request; throws 429 over_request_rate_limit when the group's budget is spent. */
	hit(group: LimitGroup, ip: string, now = Date.now()): void {
		const limit = this.#limits[group];
		if (!limit) return;
		this.#sweep(now);
		const key = `${group} ${ip}`;
		const recent = (this.#hits.get(key) ?? []).filter((at) => at > now - this.#windowMs);
		if (recent.length >= limit) {
			this.#hits.set(key, recent);
			const seconds = Math.max(1, Math.ceil((recent[0] + this.#windowMs - now) / 1000));
			throw new RetryLater(
				'over_request_rate_limit',
				`Request rate limit reached: please try again in ${seconds} seconds.`,
				seconds
			);
		}
		recent.push(now);
		this.#hits.set(key, recent);
	}

	/** Forgets addresses whose window has passed, at most once a window. */
	#sweep(now: number): void {
		if (now - this.#lastSweep < this.#windowMs) return;
		this.#lastSweep = now;
		for (const [key, times] of this.#hits) {
			if (times.every((at) => at <= now - this.#windowMs)) this.#hits.delete(key);
		}
	}
}

/**
 * GoTrue's per-user mail frequency (SMTP max_frequency). Keyed by purpose and address — also for
 * addresses without an account, so that a refusal never tells a stranger who is a member.
 */
export class MailGate {
	readonly #intervalMs: number;
	readonly #sent = new Map<string, number>();

	constructor(intervalSeconds: number) {
		this.#intervalMs = intervalSeconds * 1000;
	}

	/** Throws 429 over_email_send_rate_limit when the last mail for `key` is too recent. */
	check(key: string, now = Date.now()): void {
		const last = this.#sent.get(key);
		if (last === undefined || last + this.#intervalMs <= now) return;
		const seconds = Math.max(1, Math.ceil((last + this.#intervalMs - now) / 1000));
		throw new RetryLater(
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${seconds} seconds.`,
			seconds
		);
	}

	/** Records a mail (or the pretence of one) for `key`. */
	mark(key: string, now = Date.now()): void {
		if (!this.#intervalMs) return;
		this.#sent.set(key, now);
		if (this.#sent.size > 10_000) {
			for (const [k, at] of this.#sent) if (at + this.#intervalMs <= now) this.#sent.delete(k);
		}
	}
}
