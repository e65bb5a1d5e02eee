/**
 * The boundary where a request's input enters the app: a submitted form read through a zod
 * schema, and a page's query string. On failure a form returns what the person typed (never a
 * password) and one message per field, ready for `fail(400, form)`. Text with a NUL character is
 * refused here, once for every form and link: Postgres cannot store it and refuses the statement.
 */
import { error } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { peopleError } from './db/errors';
import type { FormErrors, FormValues } from '$lib/form-state';
import { m } from '$lib/paraglide/messages';
import { hasNul, NUL_MESSAGE } from '$lib/schemas/fields';

export type { FormErrors, FormValues };
export type FormFailure = { ok: false; values: FormValues; errors: FormErrors };
export type FormResult<T> = { ok: true; data: T; values: FormValues } | FormFailure;

/**
 * Fields never sent back to the page: exactly the secrets our forms ask for (passwords, the
 * sign-in code, tokens). A pattern once matched `country_code` too, and a refused save lost the
 * country.
 */
const SECRETS = new Set([
	'password',
	'current_password',
	'new_password',
	'code',
	'token',
	'token_hash'
]);

export function formValues(data: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 ? all : (all[0] ?? '');
	}
	return values;
}

export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<FormResult<z.infer<S>>> {
	// A body that does not parse (a cut-off or hand-made multipart) is the sender's mistake.
	const data = await request.formData().catch(() => undefined);
	if (!data) return failure({}, { form: m.forms_not_whole() });
	const values = formValues(data);
	const errors: FormErrors = {};
	for (const [field, value] of Object.entries(values)) {
		if ([value].flat().some(hasNul) || hasNul(field)) errors[field] = NUL_MESSAGE();
	}
	const result = schema.safeParse(values);
	if (result.success && Object.keys(errors).length === 0) {
		return { ok: true, data: result.data, values };
	}
	for (const issue of result.error?.issues ?? []) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return failure(values, errors);
}

/**
 * The page's query string, for a load to read its search words, filters and cursors from; a NUL
 * character in any of them is a 400 with a message (a hand-edited or mangled link), never a 500.
 */
export function searchParams(url: URL): URLSearchParams {
	for (const [key, value] of url.searchParams) {
		if (hasNul(key) || hasNul(value)) {
			error(400, m.forms_link_nul());
		}
	}
	return url.searchParams;
}

/** A failure for fields the schema passed but something later refused (e.g. Auth said no). */
export function failure(
	values: Record<string, string | string[]>,
	errors: FormErrors
): FormFailure {
	const safe = Object.fromEntries(Object.entries(values).filter(([key]) => !SECRETS.has(key)));
	return { ok: false, values: safe, errors };
}

/** What a constraint's refusal means on a form: the field it is about and what to say. */
export type ConstraintMessages = Record<string, { field: string; message: string }>;

/**
 * The one way a database refusal becomes a form's failure: people's words (db/errors.ts), on the
 * field the refusing constraint is about when `constraints` names it, keeping what was typed.
 * Anything unexpected is rethrown (handleError logs it).
 */
export function refused(
	err: unknown,
	values: Record<string, string | string[]>,
	constraints: ConstraintMessages = {}
) {
	const problem = peopleError(err);
	if (!problem) throw err;
	const known = problem.constraint ? constraints[problem.constraint] : undefined;
	const errors = known ? { [known.field]: known.message } : { form: problem.message };
	return fail(problem.status, failure(values, errors));
}
