import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as profiles from '$lib/server/db/profiles';
import type { RequestHandler } from './$types';

/** "Download my data": everything about the signed-in person, as one JSON file. */
export const GET: RequestHandler = async () => {
	const user = requireUser();
	const data = await profiles.exportMine(user);
	const account = { id: user.sub, email: user.email ?? null };
	const day = new Date().toISOString().slice(0, 10);
	return json(
		{ exported_at: new Date().toISOString(), account, ...data },
		{
			headers: {
				'content-disposition': `attachment; filename="capacity-commons-${day}.json"`,
				'cache-control': 'private, no-store'
			}
		}
	);
};
