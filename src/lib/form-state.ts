/**
 * What a page needs from an action's result: the per-field messages and what the person typed
 * (never a password: the server drops those).
 */
export type FormState = {
	errors: Record<string, string>;
	/** The value typed into a text field, or '' (for repopulating the form). */
	text: (field: string) => string;
};

export function formState(form: unknown): FormState {
	const result = (form ?? {}) as {
		errors?: Record<string, string>;
		values?: Record<string, unknown>;
	};
	const values = result.values ?? {};
	return {
		errors: result.errors ?? {},
		text: (field) => {
			const value = values[field];
			return typeof value === 'string' ? value : '';
		}
	};
}
