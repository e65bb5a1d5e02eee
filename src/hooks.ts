// First: zod's setting must be in place before any page's schema is built (see zod-config).
import '$lib/zod-config';
import type { Transport } from '@sveltejs/kit';
import { ServerRendered } from '$lib/server-rendered';

export const transport: Transport = {
	ServerRendered: {
		encode: (data) => data instanceof ServerRendered && (data.sentToBrowser ? [data.value] : []),
		decode: ([value]: [unknown?]) => new ServerRendered(value, true)
	}
};
