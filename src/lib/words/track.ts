/**
 * The track as pages say it: proposal formats and statuses, the cycle's phases, how a speaker
 * takes part, a reviewer's answer, a rubric's largest scale, and the limits a form shows. No zod
 * here: pages import this, and the forms' schemas (schemas/track*.ts) build on it on the server.
 */
import { m } from '$lib/paraglide/messages';

export const FORMAT_LABELS = {
	workshop: m.track_format_workshop,
	roundtable: m.track_format_roundtable,
	'lightning-talk': m.track_format_lightning_talk,
	'open-forum': m.track_format_open_forum,
	training: m.track_format_training
} as const;

export const STATUS_LABELS = {
	draft: m.track_status_draft,
	submitted: m.track_status_submitted,
	withdrawn: m.track_status_withdrawn,
	screened_out: m.track_status_screened_out,
	accepted: m.track_status_accepted,
	waitlisted: m.track_status_waitlisted,
	rejected: m.track_status_rejected,
	merged: m.track_status_merged
} as const;

export const PHASE_LABELS = {
	call: m.track_phase_call,
	screening: m.track_phase_screening,
	review: m.track_phase_review,
	decisions: m.track_phase_decisions,
	timetable: m.track_phase_timetable
} as const;

export const ATTENDANCE_LABELS = {
	onsite: m.track_attendance_onsite,
	online: m.track_attendance_online
} as const;

/** The languages a session may be held in, on the form: the six of the UN. */
export const SESSION_LANGUAGES = ['en', 'ar', 'zh', 'fr', 'ru', 'es'] as const;

/** Speaker rows on the form (the no-JavaScript page shows this many, filled or empty). */
export const SPEAKER_ROWS = 6;

export const MAX_CO_PROPOSERS = 3;

export const REVIEWER_STATUS_LABELS = {
	invited: m.track_reviewer_status_invited,
	accepted: m.track_reviewer_status_accepted,
	declined: m.track_reviewer_status_declined
} as const;

/** The most points a rubric's scale has (0 to 10). */
export const MAX_SCALE_POINTS = 11;
