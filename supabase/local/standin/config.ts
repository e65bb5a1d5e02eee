/**
 * The stand-in's Auth settings, read from supabase/config.toml — the Supabase CLI's project file,
 * which `supabase start` reads and `supabase config push` sends to a linked project — so that all
 * three behave alike. Where the file is silent, the CLI's own default applies (the CLI merges its
 * `supabase init` template under the file, so those are its values). As in the CLI, a string
 * `env(NAME)` is replaced by that environment variable (unset: as if the key were absent).
 *
 * | config.toml key                          | StandInConfig              | CLI default                  |
 * | ---------------------------------------- | -------------------------- | ---------------------------- |
 * | auth.site_url                            | siteUrl                    | "http://127.0.0.1:3000"      |
 * | auth.additional_redirect_urls            | redirectUrls               | ["https://127.0.0.1:3000"]   |
 * | auth.jwt_expiry                          | jwtExpiry (s)              | 3600                         |
 * | auth.refresh_token_reuse_interval        | refreshTokenReuseInterval  | 10                           |
 * | auth.enable_signup                       | enableSignup               | true                         |
 * | auth.minimum_password_length             | minimumPasswordLength      | 6                            |
 * | auth.email.enable_confirmations          | autoconfirm (= not it)     | false (autoconfirm on)       |
 * | auth.email.max_frequency                 | mailInterval (s)           | "1s"                         |
 * | auth.email.otp_expiry                    | otpExpiry (s)              | 3600                         |
 * | auth.rate_limit.sign_in_sign_ups         | rateLimits.signInSignUps   | 30 per 5 min per IP          |
 * | auth.rate_limit.token_refresh            | rateLimits.tokenRefresh    | 150 per 5 min per IP         |
 * | auth.rate_limit.token_verifications      | rateLimits.tokenVerifications | 30 per 5 min per IP       |
 *
 * Read only to be checked — the stand-in implements the CLI default, and says so at start when the
 * file asks for something else: auth.enable_refresh_token_rotation (true), auth.password_requirements
 * (""), auth.enable_anonymous_sign_ins (false), auth.email.enable_signup (true),
 * auth.email.double_confirm_changes (true), auth.email.secure_password_change (false),
 * auth.email.otp_length (6), auth.email.smtp.enabled (false: mail goes to the outbox).
 * Not read: the e-mail templates (the stand-in writes its own mails, with the same /auth/confirm
 * links), email_sent (the CLI lifts it without SMTP), sms, mfa, external providers, hooks.
 *
 * The runner's environment still wins over the file: AUTH_AUTOCONFIRM, and the site URL from
 * ORIGIN or HOST and PORT (supabase/local/start.ts); ports come from the environment's defaults,
 * which are the file's ([api] 54321, [db] 54322, [inbucket] smtp_port 54325).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

/** Auth as the stand-in runs it. */
export type StandInConfig = {
	/** Where clients reach the stand-in, e.g. http://127.0.0.1:54321; the JWT issuer is this + /auth/v1. */
	url: string;
	/** The app: mail links point at its /auth/confirm, and redirects default to it. */
	siteUrl: string;
	/** Other URLs (globs: `**` anything, `*` one path or host segment) that redirect_to may name. */
	redirectUrls: string[];
	/** Sign-ups are confirmed at once (GOTRUE_MAILER_AUTOCONFIRM); off means a confirmation mail. */
	autoconfirm: boolean;
	/** Access-token lifetime in seconds. */
	jwtExpiry: number;
	/** Seconds a just-rotated refresh token still works (concurrent refreshes). */
	refreshTokenReuseInterval: number;
	/** New people may sign up (off: 422 signup_disabled). */
	enableSignup: boolean;
	/** Lifetime of mailed links and codes in seconds. */
	otpExpiry: number;
	minimumPasswordLength: number;
	/** Minimum seconds between two mails of one kind to one address. */
	mailInterval: number;
	/** Requests per five minutes per IP, by GoTrue's groups; 0 turns a group off (tests, benchmarks). */
	rateLimits: { signInSignUps: number; tokenRefresh: number; tokenVerifications: number };
};

/** The project's file: supabase/config.toml. */
export const PROJECT_CONFIG = fileURLToPath(new URL('../../config.toml', import.meta.url));

/** The CLI's defaults for what the stand-in reads (its `supabase init` template). */
export const CLI_DEFAULTS: Omit<StandInConfig, 'url'> = {
	siteUrl: 'http://127.0.0.1:3000',
	redirectUrls: ['https://127.0.0.1:3000'],
	autoconfirm: true,
	jwtExpiry: 3600,
	refreshTokenReuseInterval: 10,
	enableSignup: true,
	otpExpiry: 3600,
	minimumPasswordLength: 6,
	mailInterval: 1,
	rateLimits: { signInSignUps: 30, tokenRefresh: 150, tokenVerifications: 30 }
};

/** Settings the stand-in does not implement, with the only value it behaves as. */
const FIXED: [path: string, value: unknown][] = [
	['auth.enable_refresh_token_rotation', true],
	['auth.password_requirements', ''],
	['auth.enable_anonymous_sign_ins', false],
	['auth.email.enable_signup', true],
	['auth.email.double_confirm_changes', true],
	['auth.email.secure_password_change', false],
	['auth.email.otp_length', 6],
	['auth.email.smtp.enabled', false]
];

export type AuthConfigFile = {
	settings: Omit<StandInConfig, 'url'>;
	/** One line per setting the file asks for and the stand-in does not do. */
	notes: string[];
};

type Table = Record<string, unknown>;

/** Reads the Auth settings of a config.toml (a missing file: the CLI's defaults throughout). */
export function readAuthConfig(file = PROJECT_CONFIG): AuthConfigFile {
	const root: Table = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {};
	const at = (path: string): unknown => {
		let value: unknown = root;
		for (const key of path.split('.')) {
			value = value && typeof value === 'object' ? (value as Table)[key] : undefined;
		}
		// The CLI's env() substitution, for strings.
		const name = typeof value === 'string' ? /^env\((\w+)\)$/.exec(value)?.[1] : undefined;
		return name ? process.env[name] : value;
	};
	const wrong = (path: string, what: string) =>
		new Error(`${file}: ${path} must be ${what} (see supabase/local/standin/config.ts)`);
	const number = (path: string, fallback: number): number => {
		const value = at(path);
		if (value === undefined) return fallback;
		const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
			throw wrong(path, 'a whole number');
		}
		return n;
	};
	const flag = (path: string, fallback: boolean): boolean => {
		const value = at(path);
		if (value === undefined) return fallback;
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
		throw wrong(path, 'true or false');
	};
	const string = (path: string, fallback: string): string => {
		const value = at(path);
		if (value === undefined) return fallback;
		if (typeof value !== 'string') throw wrong(path, 'a string');
		return value;
	};
	const strings = (path: string, fallback: string[]): string[] => {
		const value = at(path);
		if (value === undefined) return fallback;
		if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
			throw wrong(path, 'a list of strings');
		}
		return value;
	};
	const duration = (path: string, fallbackSeconds: number): number => {
		const value = at(path);
		if (value === undefined) return fallbackSeconds;
		const seconds = typeof value === 'string' ? goDuration(value) : undefined;
		if (seconds === undefined) throw wrong(path, 'a duration such as "60s" or "1m30s"');
		return seconds;
	};

	const d = CLI_DEFAULTS;
	const settings: Omit<StandInConfig, 'url'> = {
		siteUrl: string('auth.site_url', d.siteUrl),
		redirectUrls: strings('auth.additional_redirect_urls', d.redirectUrls),
		autoconfirm: !flag('auth.email.enable_confirmations', !d.autoconfirm),
		jwtExpiry: number('auth.jwt_expiry', d.jwtExpiry),
		refreshTokenReuseInterval: number(
			'auth.refresh_token_reuse_interval',
			d.refreshTokenReuseInterval
		),
		enableSignup: flag('auth.enable_signup', d.enableSignup),
		otpExpiry: number('auth.email.otp_expiry', d.otpExpiry),
		minimumPasswordLength: number('auth.minimum_password_length', d.minimumPasswordLength),
		mailInterval: duration('auth.email.max_frequency', d.mailInterval),
		rateLimits: {
			signInSignUps: number('auth.rate_limit.sign_in_sign_ups', d.rateLimits.signInSignUps),
			tokenRefresh: number('auth.rate_limit.token_refresh', d.rateLimits.tokenRefresh),
			tokenVerifications: number(
				'auth.rate_limit.token_verifications',
				d.rateLimits.tokenVerifications
			)
		}
	};
	const notes = FIXED.filter(([path, value]) => {
		const set = at(path);
		return set !== undefined && String(set) !== String(value);
	}).map(
		([path, value]) =>
			`${path} = ${JSON.stringify(at(path))} is not implemented by the stand-in; it behaves as ${JSON.stringify(value)}`
	);
	return { settings, notes };
}

const UNIT_SECONDS: Record<string, number> = {
	ns: 1e-9,
	us: 1e-6,
	µs: 1e-6,
	ms: 1e-3,
	s: 1,
	m: 60,
	h: 3600
};

/** Seconds in a Go duration ("1s", "1m30s", "1.5h"), or undefined when it is not one. */
export function goDuration(value: string): number | undefined {
	if (value === '0') return 0;
	const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
	if (!parts.length || parts.map((p) => p[0]).join('') !== value) return undefined;
	// The pattern has both groups in every match, and a unit of the table.
	return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit!]!, 0);
}
