/**
 * Markdown that people write (bios, programme descriptions, posts) turned into HTML that is safe
 * to put on a page. markdown-it never passes raw HTML through; sanitize-html then keeps only an
 * allowlist of tags and URL schemes, so a bug or a plugin in the renderer cannot open a hole.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false });

const policy: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'hr',
		'strong',
		'em',
		's',
		'code',
		'pre',
		'blockquote',
		'ul',
		'ol',
		'li',
		'a',
		'h3',
		'h4',
		'h5',
		'h6',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: { a: ['href', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
	allowedSchemes: ['https', 'http', 'mailto'],
	allowProtocolRelative: false,
	transformTags: {
		// The page has its own h1 and h2: a heading in someone's text starts below them.
		h1: 'h3',
		h2: 'h4',
		// Links people post are theirs, not ours: no ranking credit, no window.opener.
		a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer' })
	}
};

/** Safe HTML for a person's Markdown. */
export function renderMarkdown(source: string): string {
	return sanitizeHtml(renderer.render(source), policy);
}
