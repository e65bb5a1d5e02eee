import { describe, expect, it } from 'vitest';
import { chosen, optionMarkup } from '$lib/option-markup';

describe('option markup', () => {
	const markup = optionMarkup([
		{ value: 'CI', label: "Côte d'Ivoire" },
		{ label: 'Security & <trust>', options: [{ value: 'a"b', label: 'Quotes "here"' }] }
	]);

	it('escapes values and labels where it is built', () => {
		expect(markup.html).toBe(
			'<option value="CI">Côte d&#39;Ivoire</option>' +
				'<optgroup label="Security &amp; &lt;trust&gt;">' +
				'<option value="a&quot;b">Quotes &quot;here&quot;</option></optgroup>'
		);
	});

	it('marks the chosen option, and only an option that exists', () => {
		expect(chosen(markup, 'a"b')).toContain('<option value="a&quot;b" selected>');
		expect(chosen(markup, 'CI')).toContain('<option value="CI" selected>');
		expect(chosen(markup, '"><script>')).toBe(markup.html);
		expect(chosen(markup, '$&')).toBe(markup.html);
		expect(chosen(markup, undefined)).toBe(markup.html);
	});
});
