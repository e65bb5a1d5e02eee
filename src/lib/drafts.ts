/**
 * Drafts that are never lost: what a person types into a form's text fields is kept in this
 * browser (localStorage) as they type, put back when the page is opened again (after a reload, a
 * crash, a failed post), and forgotten once the form has been sent and accepted. Without
 * JavaScript a refused form comes back filled in by the server instead.
 */
import type { Action } from 'svelte/action';

const PREFIX = 'draft:';

type Fields = HTMLInputElement | HTMLTextAreaElement;

const fieldsOf = (form: HTMLFormElement) =>
	[...form.querySelectorAll<Fields>('textarea[name], input[type="text"][name]')].filter(
		(field) => !field.disabled
	);

/** Keeps a form's text fields as a draft under `key` (e.g. the thread it replies to). */
export const draft: Action<HTMLFormElement, string> = (form, key) => {
	let storageKey = PREFIX + key;

	const restore = () => {
		let saved: Record<string, string>;
		try {
			saved = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Record<string, string>;
		} catch {
			return;
		}
		for (const field of fieldsOf(form)) {
			// What the server filled in (a refused post) or the person already typed comes first.
			if (!field.value && typeof saved[field.name] === 'string') {
				field.value = saved[field.name]!;
				field.dispatchEvent(new Event('input', { bubbles: true }));
			}
		}
	};

	const save = () => {
		const values = Object.fromEntries(
			fieldsOf(form)
				.filter((field) => field.value.trim())
				.map((field) => [field.name, field.value])
		);
		try {
			if (Object.keys(values).length) localStorage.setItem(storageKey, JSON.stringify(values));
			else localStorage.removeItem(storageKey);
		} catch {
			// Storage full or refused (private browsing): the form still works, without a draft.
		}
	};

	restore();
	form.addEventListener('input', save);
	return {
		update(next) {
			storageKey = PREFIX + next;
			restore();
		},
		destroy() {
			form.removeEventListener('input', save);
		}
	};
};

/** Forgets a draft (after the form was accepted). */
export function forgetDraft(key: string): void {
	try {
		localStorage.removeItem(PREFIX + key);
	} catch {
		// Nothing was kept.
	}
}
