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

const instant = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'UTC'
});

/** A moment, such as when a notification came: "2 Dec 2026, 06:13 UTC" on server and browser alike. */
export function formatInstant(at: Date | string): string {
	return `${instant.format(new Date(at))} UTC`;
}
