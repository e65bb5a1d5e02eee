/**
 * The one-click unsubscribe a mail client sends (RFC 8058): a POST, without a session or a
 * cookie, whose body is `List-Unsubscribe=One-Click`. SvelteKit's own origin check would refuse
 * it (it comes from the mail provider, not from our pages), so that check is ours
 * (src/lib/server/http/same-origin.ts) and lets exactly this address through: the signed token
 * is the authority, and all it can do is turn one family of mail off. A visit (GET) is the
 * confirmation page beside this, which never unsubscribes: mail scanners follow links.
 * A browser's form (Accept: text/html) goes to that page's action instead.
 */
import { error, text } from '@sveltejs/kit';
import { unsubscribe } from '$lib/server/notices/unsubscribe';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params }) => {
	const body = await request.formData().catch(() => undefined);
	if (body?.get('List-Unsubscribe') !== 'One-Click') {
		error(400, 'List-Unsubscribe=One-Click expected');
	}
	if (!(await unsubscribe(params.token))) error(404, 'Not found');
	return text('Unsubscribed', { headers: { 'cache-control': 'no-store' } });
};
