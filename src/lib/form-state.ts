/**
 * What a page needs from an action's result: the per-field messages and what the person typed
 * (never a password: the server drops those). It takes the page's own `ActionData` (or a form
 * component's slice of it): every action of ours fails with `{ errors, values }` (forms.ts), and a
 * result of another shape is a type error here rather than a cast in the page.
 */
export type FormErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

/** Any action result: a failure carries `errors` and `values`; others say what they did. */
export type ActionResult =
	| {
			errors?: FormErrors;
			values?: FormValues;
			[outcome: string]: unknown;
	  }
	| null
	| undefined;

export type FormState = {
	errors: FormErrors;
	/** What was typed, when the form came back refused; null otherwise. */
	values: FormValues | null;
	/** The value typed into a text field, or '' (for repopulating the form). */
	text: (field: string) => string;
	/** The values ticked or chosen in a many-valued field, or []. */
	list: (field: string) => string[];
};

export function formState(form: ActionResult): FormState {
	const values = form?.values ?? null;
	return {
		errors: form?.errors ?? {},
		values,
		text: (field) => {
			const value = values?.[field];
			return typeof value === 'string' ? value : '';
		},
		list: (field) => {
			const value = values?.[field];
			return value === undefined ? [] : [value].flat();
		}
	};
}
