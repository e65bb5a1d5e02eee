/** Code run as a request to a page in one language (/fr/…) runs it: with that locale in force. */
import type { Locale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';

export async function inLocale<T>(locale: Locale, fn: () => T | Promise<T>): Promise<T> {
	let result: T | undefined;
	const url = `http://localhost/${locale === 'en' ? '' : `${locale}/`}`;
	await paraglideMiddleware(new Request(url), async () => {
		result = await fn();
		return new Response();
	});
	return result as T;
}
