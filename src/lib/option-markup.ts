/**
 * Long option lists (the directory's countries, languages and topics: some 500 options) rendered
 * to markup once on the server and sent to the page as one string. Rendering them option by option
 * on every request, and serialising them as page data, cost the directory a millisecond of its
 * server's time per page. The chosen option is marked by a substitution.
 */
export type OptionMarkup = { html: string };
/** `dir: 'auto'` marks a label that is someone's words (a programme's name), not ours. */
export type Option = { value: string; label: string; dir?: 'auto' };
export type OptionGroup = { label: string; options: Option[] };

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const option = ({ value, label, dir }: Option) =>
	`<option${dir ? ` dir="${dir}"` : ''} value="${escape(value)}">${escape(label)}</option>`;

export function optionMarkup(items: (Option | OptionGroup)[]): OptionMarkup {
	const html = items
		.map((item) =>
			'options' in item
				? `<optgroup label="${escape(item.label)}">${item.options.map(option).join('')}</optgroup>`
				: option(item)
		)
		.join('');
	return { html };
}

/** The markup with `value` chosen (each value appears once, so the first match is the one). */
export function chosen(markup: OptionMarkup, value: string | null | undefined): string {
	if (!value) return markup.html;
	const plain = ` value="${escape(value)}">`;
	return markup.html.replace(plain, () => ` value="${escape(value)}" selected>`);
}
