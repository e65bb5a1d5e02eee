/**
 * HTML for mail, written as a tagged template that escapes every value put into it, so no text a
 * person wrote (a programme's name, a coordinator's name) can end up as markup. A value that is
 * itself an `html` fragment goes in as it is.
 */
export type Html = { readonly html: string };

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export function html(strings: TemplateStringsArray, ...values: (string | Html)[]): Html {
	let out = strings[0]!;
	values.forEach((value, i) => {
		out += (typeof value === 'string' ? escapeHtml(value) : value.html) + strings[i + 1]!;
	});
	return { html: out };
}
