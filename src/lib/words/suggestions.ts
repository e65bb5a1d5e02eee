/**
 * How suggested edits read: the parts of a programme's page a suggestion may be about, a part of the page's value in words (for before/after), and the
 * sentences of the notifications that tell a member what was decided. Shared by the suggest and
 * suggestions pages and by every page that lists notifications.
 */
import { formatDate, formatNumber } from '$lib/dates';
import { COMPONENTS, FORMATS, KINDS, LEVELS, STATUSES } from '$lib/words/programmes';
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

/** "Website", or "Something else" for a suggestion about no one part. */
export const fieldLabel = (field: string | null | undefined) =>
	field
		? (SUGGESTION_FIELDS[field as keyof typeof SUGGESTION_FIELDS] ?? field)
		: m.curation_something_else();

const label = (labels: Record<string, string>, value: unknown) =>
	typeof value === 'string' && value ? (labels[value] ?? value) : m.programmes_field_not_stated();
const text = (value: unknown) =>
	value === null || value === undefined || value === ''
		? m.programmes_field_not_stated()
		: String(value);

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
			return list.length
				? list.map((c) => label(COMPONENTS, c)).join(', ')
				: m.curation_components_none();
		}
		case 'duration': {
			const weeks = Number(value.duration_weeks) || null;
			const hours = Number(value.hours_per_week) || null;
			const w = weeks ? m.programmes_duration_weeks({ weeks }) : null;
			const h = hours ? m.curation_value_hours({ hours }) : null;
			if (w && h) return m.programmes_duration_both({ weeks: w, hours: h });
			return w || h || m.programmes_field_not_stated();
		}
		case 'cost': {
			if (value.cost !== 'fee') return m.programmes_cost_free();
			return value.fee_amount === null || value.fee_amount === undefined
				? m.programmes_fee()
				: m.programmes_fee_amount({
						amount: formatNumber(Number(value.fee_amount)),
						currency: text(value.fee_currency)
					});
		}
		case 'fellowships': {
			const stands = value.fellowships_available
				? m.programmes_fellowships_available()
				: m.programmes_fellowships_none();
			const notes = value.fellowship_notes
				? m.programmes_fellowship_notes({ notes: String(value.fellowship_notes) })
				: '';
			return `${stands}${notes}`;
		}
		case 'applications': {
			const open = value.applications_open_on;
			const close = value.applications_close_on;
			return typeof open === 'string' && typeof close === 'string'
				? m.programmes_applications_window({ from: formatDate(open), to: formatDate(close) })
				: m.programmes_no_application_window();
		}
		default:
			return Object.values(value).map(text).join(', ');
	}
}

/** Where a suggestion stands, in words: waiting, applied (a value), done (free text), dismissed. */
export function suggestionStatus(s: { status: string; proposed_value: unknown }): string {
	if (s.status === 'pending') return m.curation_status_pending();
	if (s.status === 'dismissed') return m.curation_status_dismissed();
	return s.proposed_value ? m.curation_status_applied() : m.curation_status_done();
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
	const programme = payload.programme_name ?? m.curation_a_programme();
	const part = payload.field ? fieldLabel(payload.field).toLowerCase() : null;
	const said = (
		withPart: (i: { part: string; programme: string }) => string,
		without: (i: { programme: string }) => string
	) => (part ? withPart({ part, programme }) : without({ programme }));
	let sentence: string;
	switch (kind) {
		case 'suggestion_applied':
			sentence = payload.value_applied
				? said(m.curation_notice_applied_part, m.curation_notice_applied)
				: said(m.curation_notice_taken_up_part, m.curation_notice_taken_up);
			break;
		case 'suggestion_dismissed':
			sentence = said(m.curation_notice_dismissed_part, m.curation_notice_dismissed);
			break;
		default:
			return undefined;
	}
	// The reason is a sentence of its own, after the notice's.
	return payload.reason
		? `${sentence} ${m.curation_notice_reason({ reason: payload.reason })}`
		: sentence;
}

/** Where a notification about a suggested edit leads: the member's suggestions on that programme. */
export const suggestionNoticeHref = ({ payload }: SuggestionNoticeLike) =>
	payload.programme_slug ? `/programmes/${payload.programme_slug}/suggest` : undefined;

/** The parts of a programme's page a member can suggest an edit to, in the order the form offers them. */
export const SUGGESTION_FIELDS = labelled({
	name: m.programmes_field_name,
	summary: m.programmes_field_summary,
	description: m.programmes_field_description,
	website: m.programmes_field_website,
	kind: m.programmes_field_kind,
	format: m.programmes_field_format,
	level: m.programmes_field_level,
	status: m.programmes_field_status,
	components: m.programmes_field_components,
	duration: m.programmes_duration,
	cost: m.programmes_field_cost,
	fellowships: m.programmes_fellowships,
	applications: m.curation_part_applications,
	topics: m.programmes_topics,
	'target-groups': m.programmes_target_groups,
	languages: m.programmes_languages,
	scope: m.curation_part_scope,
	cohorts: m.programmes_cohorts
});

export type SuggestionField = keyof typeof SUGGESTION_FIELDS;

/**
 * The parts a suggestion carries a new value for, and the editor's fields (programmes' columns)
 * each one sets; public.suggestion_columns in the database says the same (a db test checks).
 * The other parts (topics, cohorts…) take free text and are marked done by hand.
 */
export const SUGGESTION_VALUE_COLUMNS = {
	name: ['name'],
	summary: ['summary'],
	description: ['description'],
	website: ['website'],
	kind: ['kind'],
	format: ['format'],
	level: ['level'],
	status: ['status'],
	components: ['components'],
	duration: ['duration_weeks', 'hours_per_week'],
	cost: ['cost', 'fee_amount', 'fee_currency'],
	fellowships: ['fellowships_available', 'fellowship_notes'],
	applications: ['applications_open_on', 'applications_close_on']
} as const satisfies Partial<Record<SuggestionField, readonly string[]>>;

export type ValueField = keyof typeof SUGGESTION_VALUE_COLUMNS;

/** Whether a suggested value leaves its part of the page empty (every column blank or none). */
export const empties = (value: Record<string, unknown>) =>
	Object.values(value).every(
		(v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)
	);

/** Whether a suggestion about this part of the page carries a value (else it is free text). */
export const takesValue = (field: string | null | undefined): field is ValueField =>
	!!field && Object.hasOwn(SUGGESTION_VALUE_COLUMNS, field);
