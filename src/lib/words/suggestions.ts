/**
 * How suggested edits read: a part of the page's value in words (for before/after), and the
 * sentences of the notifications that tell a member what was decided. Shared by the suggest and
 * suggestions pages and by every page that lists notifications.
 */
import { formatDate, formatNumber } from '$lib/dates';
import { COMPONENTS, FORMATS, KINDS, LEVELS, STATUSES } from '$lib/schemas/programmes';
import { SUGGESTION_FIELDS } from '$lib/schemas/suggestions';

/** "Website", or "Something else" for a suggestion about no one part. */
export const fieldLabel = (field: string | null | undefined) =>
	field ? (SUGGESTION_FIELDS[field as keyof typeof SUGGESTION_FIELDS] ?? field) : 'Something else';

const label = (labels: Record<string, string>, value: unknown) =>
	typeof value === 'string' && value ? (labels[value] ?? value) : 'Not stated';
const text = (value: unknown) =>
	value === null || value === undefined || value === '' ? 'Not stated' : String(value);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A part of the page's value in words, as a reader of the page would say it: "6 weeks, about 10
 * hours a week", "Fee: 450 USD", "From 1 Mar 2027 to 31 Mar 2027". Long text is given in full.
 */
export function describeValue(field: string | null, value: Record<string, unknown> | null): string {
	if (!value) return '';
	switch (field) {
		case 'kind':
			return label(KINDS, value.kind);
		case 'format':
			return label(FORMATS, value.format);
		case 'level':
			return label(LEVELS, value.level);
		case 'status':
			return label(STATUSES, value.status);
		case 'components': {
			const list = Array.isArray(value.components) ? (value.components as string[]) : [];
			return list.length ? list.map((c) => label(COMPONENTS, c)).join(', ') : 'None';
		}
		case 'duration': {
			const weeks = Number(value.duration_weeks) || null;
			const hours = Number(value.hours_per_week) || null;
			const parts = [
				weeks && plural(weeks, 'week', 'weeks'),
				hours && `about ${plural(hours, 'hour', 'hours')} a week`
			].filter(Boolean);
			return parts.length ? parts.join(', ') : 'Not stated';
		}
		case 'cost': {
			if (value.cost !== 'fee') return 'Free';
			return value.fee_amount === null || value.fee_amount === undefined
				? 'Fee'
				: `Fee: ${formatNumber(Number(value.fee_amount))} ${text(value.fee_currency)}`;
		}
		case 'fellowships': {
			const notes = value.fellowship_notes ? `. ${String(value.fellowship_notes)}` : '';
			return `${value.fellowships_available ? 'Available' : 'None'}${notes}`;
		}
		case 'applications': {
			const open = value.applications_open_on;
			const close = value.applications_close_on;
			return typeof open === 'string' && typeof close === 'string'
				? `From ${formatDate(open)} to ${formatDate(close)}`
				: 'No application window announced';
		}
		default:
			return Object.values(value).map(text).join(', ');
	}
}

/** Where a suggestion stands, in words: waiting, applied (a value), done (free text), dismissed. */
export function suggestionStatus(s: { status: string; proposed_value: unknown }): string {
	if (s.status === 'pending') return 'Waiting for the coordinators';
	if (s.status === 'dismissed') return 'Dismissed';
	return s.proposed_value ? 'Applied' : 'Done';
}

/** The kinds of notification about suggested edits. */
export const SUGGESTION_NOTICE_KINDS = ['suggestion_applied', 'suggestion_dismissed'] as const;
export type SuggestionNoticeKind = (typeof SUGGESTION_NOTICE_KINDS)[number];

export type SuggestionNoticeLike = {
	kind: string;
	payload: {
		programme_name?: string;
		programme_slug?: string;
		field?: string | null;
		value_applied?: boolean;
		reason?: string | null;
	};
};

export const isSuggestionNotice = (notice: { kind: string }) =>
	(SUGGESTION_NOTICE_KINDS as readonly string[]).includes(notice.kind);

/**
 * One sentence for a notification about a suggested edit ('suggestion_applied',
 * 'suggestion_dismissed'), or undefined for any other kind.
 */
export function describeSuggestionNotice({ kind, payload }: SuggestionNoticeLike) {
	const programme = payload.programme_name ?? 'a programme';
	const part = payload.field
		? `the ${fieldLabel(payload.field).toLowerCase()} of ${programme}`
		: programme;
	const reason = payload.reason ? ` Reason: ${payload.reason}` : '';
	switch (kind) {
		case 'suggestion_applied':
			return payload.value_applied
				? `Your suggested edit to ${part} was applied: the page now shows it.${reason}`
				: `Your suggested edit to ${part} was taken up by its coordinators.${reason}`;
		case 'suggestion_dismissed':
			return `Your suggested edit to ${part} was dismissed.${reason}`;
		default:
			return undefined;
	}
}

/** Where a notification about a suggested edit leads: the member's suggestions on that programme. */
export const suggestionNoticeHref = ({ payload }: SuggestionNoticeLike) =>
	payload.programme_slug ? `/programmes/${payload.programme_slug}/suggest` : undefined;
