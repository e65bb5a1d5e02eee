// First: zod's setting must be in place before any page's schema is built (see zod-config).
import '$lib/zod-config';
import type { Reroute, Transport } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';
import { ServerRendered } from '$lib/server-rendered';

export const transport: Transport = {
	ServerRendered: {
		encode: (data) => data instanceof ServerRendered && (data.sentToBrowser ? [data.value] : []),
		decode: ([value]: [unknown?]) => new ServerRendered(value, true)
	}
};

/** /fr/programmes is the page /programmes, said in French: the locale prefix is not a route. */
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
