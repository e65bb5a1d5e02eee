/** Calendar dates (YYYY-MM-DD, no time of day) as people read them, the same on server and browser. */
const format = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

export function formatDate(day: string): string {
	return format.format(new Date(`${day}T00:00:00Z`));
}
