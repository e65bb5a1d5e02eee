import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';

describe('renderMarkdown', () => {
	it('renders the Markdown people write', () => {
		expect(renderMarkdown('**Bold** and _em_\n\n- one\n- two')).toBe(
			'<p><strong>Bold</strong> and <em>em</em></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n'
		);
	});

	it('never lets HTML, scripts or event handlers through', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script><img src=x onerror=alert(1)> <b onclick=x>hi</b>'
		);
		// Shown as the text it is, never as elements.
		expect(html).not.toMatch(/<(script|img|b)\b/);
		expect(html).toContain('&lt;script&gt;');
	});

	it('drops javascript: and data: links but keeps https ones, marked as user content', () => {
		expect(renderMarkdown('[x](javascript:alert(1)) [y](data:text/html,hi)')).not.toContain('href');
		expect(renderMarkdown('[site](https://example.org)')).toBe(
			'<p><a href="https://example.org" rel="nofollow ugc noopener noreferrer">site</a></p>\n'
		);
	});

	it('starts headings below the page’s own', () => {
		expect(renderMarkdown('# Title\n## Sub')).toBe('<h3>Title</h3>\n<h4>Sub</h4>\n');
	});
});
