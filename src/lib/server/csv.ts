/**
 * CSV as spreadsheets read it (RFC 4180): every cell quoted, quotes doubled, and a leading
 * = + - @ (or tab, CR) set off with an apostrophe so that a spreadsheet never runs a person's
 * words as a formula; a BOM so that names in Arabic or Chinese open as UTF-8; CRLF lines.
 */
export const cell = (value: string | number | boolean | null | undefined) => {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return `"${safe.replace(/"/g, '""')}"`;
};

/** The lines (a header first) as one CSV document. */
export const csvOf = (lines: (string | number | boolean | null | undefined)[][]) =>
	'\uFEFF' + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
