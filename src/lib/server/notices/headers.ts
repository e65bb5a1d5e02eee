/**
 * The headers that make a notice's mail behave like a mailing list's (RFC 5322 threading, RFC
 * 2919 List-Id, RFC 2369 and RFC 8058 one-click unsubscribe), and the signed token of its
 * unsubscribe address. Pure: the secret and the site's host are passed in.
 *
 * Each post has one stable Message-ID, the same in every recipient's mail and in every mail about
 * it, so a mail client threads a reply under the post it answers and the whole thread under its
 * opening post (References: the opening post, then the post replied to).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FAMILIES, type Family } from '$lib/schemas/mail-settings';

/** A post's Message-ID: `<post.<uuid>@<host>>`. */
export const postMessageId = (postId: string, host: string) => `<post.${postId}@${host}>`;

export type PostThreading = {
	postId: string;
	/** The thread's opening post. */
	rootId: string;
	/** The post it answers (the opening post when it names none); null for the opening post itself. */
	parentId: string | null;
};

/** Message-ID, and for a reply In-Reply-To and References. */
export function threadingHeaders(post: PostThreading, host: string): Record<string, string> {
	const own = { 'Message-ID': postMessageId(post.postId, host) };
	if (!post.parentId || post.postId === post.rootId) return own;
	const chain = [...new Set([post.rootId, post.parentId])].map((id) => postMessageId(id, host));
	return { ...own, 'In-Reply-To': postMessageId(post.parentId, host), References: chain.join(' ') };
}

/**
 * A space's List-Id (RFC 2919): its slug under the site's host. No phrase: a space's name may be
 * in any script, and the header is sent as it is (ASCII only), never MIME-encoded.
 */
export const listId = (slug: string, host: string) => `<${slug}.spaces.${host}>`;

/** List-Unsubscribe with the one-click address, and List-Unsubscribe-Post (RFC 8058). */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
	'List-Unsubscribe': `<${url}>`,
	'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
});

const sign = (secret: string, person: string, family: Family) =>
	createHmac('sha256', secret).update(`unsubscribe\n${person}\n${family}`).digest('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The token of an unsubscribe address: who and which family, signed with the server's secret
 * (HMAC-SHA-256), so that nobody can make one for someone else. It never expires: an old mail's
 * link keeps working, as the RFC expects; all it can do is turn that family off.
 */
export const unsubscribeToken = (secret: string, person: string, family: Family) =>
	`${person}.${family}.${sign(secret, person, family)}`;

/** Who and which family a token is for, or null when it is not one we signed. */
export function readUnsubscribeToken(
	secret: string,
	token: string
): { person: string; family: Family } | null {
	const [person, family, signature, ...rest] = token.split('.');
	if (rest.length || !person || !UUID.test(person) || !signature) return null;
	if (!(FAMILIES as readonly string[]).includes(family ?? '')) return null;
	const expected = Buffer.from(sign(secret, person, family as Family));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { person, family: family as Family };
}
