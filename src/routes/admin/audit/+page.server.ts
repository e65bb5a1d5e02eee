import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as admin from '$lib/server/db/admin';
import { requireAdmin } from '$lib/server/auth/admin';
import { searchParams } from '$lib/server/forms';
import { pageLink } from '$lib/schemas/fields';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = await requireAdmin(m.admin_only);
	const link = pageLink.safeParse(searchParams(url).get('after') ?? undefined);
	if (!link.success) error(400, m.forms_page_link());
	const after = link.data ? admin.auditCursor.decode(link.data) : undefined;
	if (link.data && !after) error(400, m.forms_page_link());
	const page = await admin.audit(user, after);
	return {
		entries: page.entries,
		next: page.next ? admin.auditCursor.encode(page.next) : null
	};
};
