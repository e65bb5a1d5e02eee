/**
 * Data for a page that is not hydrated (`csr = false`). SvelteKit still serialises every page's
 * load data into the HTML's hydration script, and with csr off then leaves the script out: on the
 * directory that cost a third of a millisecond and much garbage per page, for nothing. Wrapped in
 * ServerRendered, the data serialises as an empty placeholder in the HTML (see the transport in
 * hooks.ts), and the server-side render reads it as it is.
 *
 * The browser's router still renders such a page itself when a hydrated page navigates to it, so
 * for those data requests (`isDataRequest`) the data is sent whole.
 */
export class ServerRendered<T> {
	constructor(
		readonly value: T,
		readonly sentToBrowser: boolean
	) {}
}

export const serverRendered = <T>(value: T, event: { isDataRequest: boolean }) =>
	new ServerRendered(value, event.isDataRequest);
