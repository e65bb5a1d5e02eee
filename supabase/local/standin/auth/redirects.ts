/**
 * Where Auth may send people: `redirect_to` is honoured only on the site or on an allowed URL (a
 * glob where `**` matches anything and `*` one path or host segment), else the site URL is used —
 * so a mail link can never be turned into a redirect to someone else's page.
 */
import type { StandInConfig } from '../server.ts';

/** The link types the app's /auth/confirm page accepts (verifyOtp's token_hash types). */
export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change' | 'email';

function globToRegExp(pattern: string): RegExp {
	const source = pattern
		.split(/(\*\*|\*|\?)/)
		.map((part) => {
			if (part === '**') return '.*';
			if (part === '*') return '[^/.]*';
			if (part === '?') return '[^/.]';
			return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
		})
		.join('');
	return new RegExp(`^${source}$`);
}

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** Whether `url` is on the site (any path) or matches an allowed redirect URL. */
export function isAllowedRedirect(config: StandInConfig, url: string): boolean {
	const target = parse(url);
	if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return false;
	if (target.origin === parse(config.siteUrl)?.origin) return true;
	return config.redirectUrls.some((pattern) => globToRegExp(pattern).test(url));
}

/** The validated redirect, or undefined when none (or a refused one) was asked for. */
export function requestedRedirect(
	config: StandInConfig,
	url: string | undefined
): string | undefined {
	return url && isAllowedRedirect(config, url) ? url : undefined;
}

/**
 * A mail's link: to the app, not to Auth (@supabase/ssr's token_hash pattern), e.g.
 * `http://localhost:3000/auth/confirm?token_hash=pkce_3f…&type=signup&next=%2Fevents%2F42`.
 * `next` carries the path of a requested redirect on the site; the app checks it again.
 */
export function appLink(
	config: StandInConfig,
	tokenHash: string,
	type: LinkType,
	redirectTo: string | undefined,
	/** The account's language's prefix ('fr'), or '' for English: the page opens in it. */
	prefix = ''
): string {
	const link = new URL(prefix ? `/${prefix}/auth/confirm` : '/auth/confirm', config.siteUrl);
	link.searchParams.set('token_hash', tokenHash);
	link.searchParams.set('type', type);
	const target = redirectTo ? parse(redirectTo) : undefined;
	if (target && target.origin === link.origin) {
		link.searchParams.set('next', target.pathname + target.search + target.hash);
	}
	return link.toString();
}

/** GoTrue's own link (GET /verify), as admin.generateLink's action_link returns it. */
export function verifyLink(
	config: StandInConfig,
	token: string,
	type: LinkType,
	redirectTo: string
): string {
	// As GoTrue: the redirect is left as it is unless it would break the query string.
	const redirect = /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo) : redirectTo;
	return `${config.url}/auth/v1/verify?token=${encodeURIComponent(token)}&type=${type}&redirect_to=${redirect}`;
}
