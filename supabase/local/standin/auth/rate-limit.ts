/**
 * The two throttles Supabase Auth applies before it does any work: requests per IP address
 * ([auth.rate_limit] in supabase/config.toml), and a minimum interval between two mails of one
 * kind to one address ([auth.email] max_frequency). Both live in memory: the stand-in is one local
 * process.
 */
import { RetryLater } from './errors.ts';

/**
 * GoTrue's limiter groups, named by their config.toml keys: sign_in_sign_ups counts sign-ups,
 * one-time codes and magic links, recoveries, resends and PUT /user; token_refresh every POST
 * /token (password sign-ins too); token_verifications POST and GET /verify.
 */
export type LimitGroup = 'signInSignUps' | 'tokenRefresh' | 'tokenVerifications';

/** GoTrue's burst: whatever the rate, this many requests may come at once. */
const BURST = 30;
/** The rates in config.toml are per five minutes. */
const PER_SECONDS = 5 * 60;

/**
 * A token bucket per (group, IP), as GoTrue's tollbooth limiter: it holds up to 30 requests and
 * refills at the configured rate per five minutes, so 30 may come at once and then one every
 * 300/rate seconds. A rate of 0 turns the group off (the stand-in's own switch, for tests and
 * benchmarks; GoTrue would allow the burst and then nothing).
 */
export class RequestLimiter {
	readonly #perSecond: Record<LimitGroup, number>;
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	#lastSweep = Date.now();

	constructor(ratesPerFiveMinutes: Record<LimitGroup, number>) {
		this.#perSecond = {
			signInSignUps: ratesPerFiveMinutes.signInSignUps / PER_SECONDS,
			tokenRefresh: ratesPerFiveMinutes.tokenRefresh / PER_SECONDS,
			tokenVerifications: ratesPerFiveMinutes.tokenVerifications / PER_SECONDS
		};
	}

	/** Counts one request; throws 429 over_request_rate_limit when the bucket is empty. */
	hit(group: LimitGroup, ip: string, now = Date.now()): void {
		const rate = this.#perSecond[group];
		if (!rate) return;
		this.#sweep(now);
		const key = `${group} ${ip}`;
		const bucket = this.#buckets.get(key) ?? { tokens: BURST, at: now };
		bucket.tokens = Math.min(BURST, bucket.tokens + ((now - bucket.at) / 1000) * rate);
		bucket.at = now;
		this.#buckets.set(key, bucket);
		if (bucket.tokens < 1) {
			// GoTrue's words; the wait goes in Retry-After (GoTrue sends none, clients ignore it).
			const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
			throw new RetryLater('over_request_rate_limit', 'Request rate limit reached', seconds);
		}
		bucket.tokens -= 1;
	}

	/** Forgets full buckets, at most once a minute. */
	#sweep(now: number): void {
		if (now - this.#lastSweep < 60_000) return;
		this.#lastSweep = now;
		for (const [key, bucket] of this.#buckets) {
			const rate = this.#perSecond[key.split(' ')[0] as LimitGroup];
			if (bucket.tokens + ((now - bucket.at) / 1000) * rate >= BURST) this.#buckets.delete(key);
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
