/** A space's and a thread's addresses, /spaces/<slug> and /spaces/<slug>/<number>-<slug>, and reading them back. */
export const spacePath = (slug: string) => `/spaces/${slug}`;

export const threadPath = (spaceSlug: string, thread: { number: number; slug: string }) =>
	`/spaces/${spaceSlug}/${thread.number}-${thread.slug}`;

/** A post's own address: its thread's page that holds it, at its anchor. */
export const postPath = (
	spaceSlug: string,
	thread: { number: number; slug: string },
	number: number,
	pageSize: number
) => {
	const after = Math.floor((number - 1) / pageSize) * pageSize;
	return `${threadPath(spaceSlug, thread)}${after > 0 ? `?after=${after}` : ''}#post-${number}`;
};

const ADDRESS = /^([1-9][0-9]{0,15})(?:-(.*))?$/;

/** The number and slug of a thread's address, or null when it is not one. */
export function parseThreadParam(param: string): { number: number; slug: string } | null {
	const match = ADDRESS.exec(param.toLowerCase());
	if (!match) return null;
	const number = Number(match[1]);
	return Number.isSafeInteger(number) ? { number, slug: match[2] ?? '' } : null;
}
