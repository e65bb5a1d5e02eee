/**
 * Reads a submitted form through a zod schema. On failure it returns what the person typed (never
 * a password) and one message per field, ready for `fail(400, form)`.
 */
import type { z } from 'zod';

export type FormErrors = Record<string, string>;
export type FormFailure = {
	ok: false;
	values: Record<string, string | string[]>;
	errors: FormErrors;
};
export type FormResult<T> =
	{ ok: true; data: T; values: Record<string, string | string[]> } | FormFailure;

/** Fields never sent back to the page. */
const SECRET = /password|token|code/i;

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
	const values = formValues(await request.formData());
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FormErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return failure(values, errors);
}

/** A failure for fields the schema passed but something later refused (e.g. Auth said no). */
export function failure(
	values: Record<string, string | string[]>,
	errors: FormErrors
): FormFailure {
	const safe = Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET.test(key)));
	return { ok: false, values: safe, errors };
}
