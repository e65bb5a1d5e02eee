/**
 * The headers of notice mail: one stable Message-ID per post, replies threaded under the post
 * they answer and the thread's opening post, List-Id, the one-click unsubscribe of RFC 8058, a
 * token nobody can forge or alter, the sender's mapping onto nodemailer, and the cross-site form
 * check that lets only the one-click address through.
 */
import { describe, expect, it } from 'vitest';
import {
	listId,
	postMessageId,
	readUnsubscribeToken,
	threadingHeaders,
	unsubscribeHeaders,
	unsubscribeToken
} from '$lib/server/notices/headers';
import { envelopeHeaders } from '$lib/server/mail/sender';
import { crossSiteForm } from '$lib/server/http/same-origin';

const ROOT = '11111111-1111-4111-8111-111111111111';
const PARENT = '22222222-2222-4222-8222-222222222222';
const POST = '33333333-3333-4333-8333-333333333333';
const PERSON = '44444444-4444-4444-8444-444444444444';
const SECRET = 'a-secret-of-enough-length';

describe('threading', () => {
	it('gives a post one Message-ID, the same whoever it is mailed to', () => {
		expect(postMessageId(POST, 'commons.example.org')).toBe(`<post.${POST}@commons.example.org>`);
	});

	it.each([
		[
			'the opening post',
			{ postId: ROOT, rootId: ROOT, parentId: null },
			{ 'Message-ID': `<post.${ROOT}@h.test>` }
		],
		[
			'a reply to the thread',
			{ postId: POST, rootId: ROOT, parentId: ROOT },
			{
				'Message-ID': `<post.${POST}@h.test>`,
				'In-Reply-To': `<post.${ROOT}@h.test>`,
				References: `<post.${ROOT}@h.test>`
			}
		],
		[
			'a reply to a reply',
			{ postId: POST, rootId: ROOT, parentId: PARENT },
			{
				'Message-ID': `<post.${POST}@h.test>`,
				'In-Reply-To': `<post.${PARENT}@h.test>`,
				References: `<post.${ROOT}@h.test> <post.${PARENT}@h.test>`
			}
		]
	])('%s', (_, post, expected) => {
		expect(threadingHeaders(post, 'h.test')).toEqual(expected);
	});

	it('names the list of a space by its slug', () => {
		expect(listId('data-protection', 'h.test')).toBe('<data-protection.spaces.h.test>');
	});
});

describe('one-click unsubscribe', () => {
	it('has the headers of RFC 8058', () => {
		expect(unsubscribeHeaders('https://h.test/unsubscribe/t')).toEqual({
			'List-Unsubscribe': '<https://h.test/unsubscribe/t>',
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		});
	});

	it('reads back a token it signed', () => {
		const token = unsubscribeToken(SECRET, PERSON, 'watching');
		expect(token).toMatch(/^[0-9a-f-]{36}\.watching\.[A-Za-z0-9_-]{43}$/);
		expect(readUnsubscribeToken(SECRET, token)).toEqual({ person: PERSON, family: 'watching' });
	});

	const good = unsubscribeToken(SECRET, PERSON, 'mentions');
	const [, , signature] = good.split('.');
	it.each([
		['another secret', readUnsubscribeToken('another-secret-of-length', good)],
		['another person', readUnsubscribeToken(SECRET, `${ROOT}.mentions.${signature}`)],
		['another family', readUnsubscribeToken(SECRET, `${PERSON}.coordination.${signature}`)],
		['an unknown family', readUnsubscribeToken(SECRET, `${PERSON}.everything.${signature}`)],
		['a cut signature', readUnsubscribeToken(SECRET, good.slice(0, -1))],
		['no signature', readUnsubscribeToken(SECRET, `${PERSON}.mentions.`)],
		['extra parts', readUnsubscribeToken(SECRET, `${good}.x`)],
		['not a person', readUnsubscribeToken(SECRET, `me.mentions.${signature}`)],
		['nothing', readUnsubscribeToken(SECRET, '')]
	])('refuses a token with %s', (_, read) => {
		expect(read).toBeNull();
	});
});

describe("the sender's envelope", () => {
	it('puts the threading headers where nodemailer takes them, the rest as headers', () => {
		expect(
			envelopeHeaders({
				'Message-ID': '<a@h>',
				'In-Reply-To': '<b@h>',
				References: '<b@h>',
				'List-Unsubscribe': '<https://h/u>'
			})
		).toEqual({
			messageId: '<a@h>',
			inReplyTo: '<b@h>',
			references: '<b@h>',
			headers: { 'List-Unsubscribe': { prepared: true, value: '<https://h/u>' } }
		});
		expect(envelopeHeaders()).toEqual({ headers: {} });
	});
});

describe('the cross-site form check', () => {
	const post = (path: string, origin: string | null, type = 'application/x-www-form-urlencoded') =>
		crossSiteForm(
			new Request(`https://h.test${path}`, {
				method: 'POST',
				headers: { 'content-type': type, ...(origin ? { origin } : {}) }
			}),
			new URL(`https://h.test${path}`)
		);

	it.each([
		['a form from elsewhere', '/account/profile', 'https://evil.test', true],
		['a form without an origin', '/account/profile', null, true],
		['a multipart form from elsewhere', '/spaces/x', 'https://evil.test', true],
		['our own form', '/account/profile', 'https://h.test', false],
		['the one-click unsubscribe', '/unsubscribe/abc.mentions.sig', null, false],
		['the one-click unsubscribe in French', '/fr/unsubscribe/abc.mentions.sig', null, false],
		['a page below it', '/unsubscribe/abc/more', null, true]
	])('%s', (_, path, origin, refused) => {
		expect(post(path, origin)).toBe(refused);
	});

	it('lets JSON and reads through', () => {
		expect(post('/account/profile', 'https://evil.test', 'application/json')).toBe(false);
	});
});
