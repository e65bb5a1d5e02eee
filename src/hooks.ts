import type { Transport } from '@sveltejs/kit';
import { ServerRendered } from '$lib/server-rendered';

export const transport: Transport = {
	ServerRendered: {
		encode: (data) => data instanceof ServerRendered && (data.sentToBrowser ? [data.value] : []),
		decode: ([value]: [unknown?]) => new ServerRendered(value, true)
	}
};
