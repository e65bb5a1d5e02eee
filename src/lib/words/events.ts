/**
 * Events as pages say them: kinds, formats, audiences, statuses, how a series repeats, which
 * occurrences a change reaches, the answers to an invitation, who may organise, and the limits a
 * form shows. No zod here: pages import this, and the forms' schemas (schemas/events.ts) build on
 * it on the server.
 */
import type { Repeat } from '$lib/event-series';
import { m } from '$lib/paraglide/messages';

export const EVENT_KIND_LABELS = {
	webinar: m.events_kind_webinar,
	workshop: m.events_kind_workshop,
	consultation: m.events_kind_consultation,
	'nri-meeting': m.events_kind_nri_meeting,
	school: m.events_kind_school,
	'igf-session': m.events_kind_igf_session,
	deadline: m.events_kind_deadline,
	other: m.events_kind_other
} as const;
export type EventKind = keyof typeof EVENT_KIND_LABELS;

export const EVENT_FORMAT_LABELS = {
	online: m.events_format_online,
	'in-person': m.events_format_in_person,
	hybrid: m.events_format_hybrid
} as const;
export type EventFormat = keyof typeof EVENT_FORMAT_LABELS;

export const EVENT_VISIBILITY_LABELS = {
	public: m.events_visibility_public,
	members: m.events_visibility_members,
	programmes: m.events_visibility_programmes
} as const;

export const EVENT_STATUS_LABELS = {
	scheduled: m.events_status_scheduled,
	moved: m.events_status_moved,
	cancelled: m.events_status_cancelled
} as const;

export const REPEAT_LABELS = {
	weekly: m.events_repeat_weekly,
	fortnightly: m.events_repeat_fortnightly,
	'monthly-date': m.events_repeat_monthly_date,
	'monthly-weekday': m.events_repeat_monthly_weekday
} as const satisfies Record<Repeat, () => string>;

/** Which dates of a series a change is for. */
export const SCOPE_LABELS = {
	this: m.events_scope_this,
	following: m.events_scope_following,
	all: m.events_scope_all
} as const;
export type ChangeScope = keyof typeof SCOPE_LABELS;

export const RSVP_LABELS = {
	going: m.events_rsvp_going,
	interested: m.events_rsvp_interested,
	'not-going': m.events_rsvp_not_going
} as const;
export type RsvpAnswer = keyof typeof RSVP_LABELS;

/** The longest note an attendee may leave the organisers (accessibility needs, say). */
export const NOTE_MAX = 280;

/** The most languages, topics or target groups an event is filed under (the table's check). */
export const MAX_FACETS = 12;

/** Who may organise an event: programmes, organisations and spaces. */
export const ORGANISER_KINDS = ['programme', 'organisation', 'space'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];

/** How far a series may go (its own module: the series' expansion says the same). */
export { MAX_OCCURRENCES, MAX_YEARS } from '$lib/event-bounds';
