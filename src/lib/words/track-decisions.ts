/**
 * The committee's decisions as pages say them: the four decisions, the proposers' two answers,
 * and the filter of the decisions page. No zod here: pages import this, and the forms' schema
 * (schemas/track-decisions.ts) builds on it on the server.
 */
import { m } from '$lib/paraglide/messages';

export const DECISION_LABELS = {
	accepted: m.track_decisions_accepted,
	waitlisted: m.track_decisions_waitlisted,
	rejected: m.track_decisions_rejected,
	merged: m.track_decisions_merged
} as const;
export type Decision = keyof typeof DECISION_LABELS;
export const DECISIONS = Object.keys(DECISION_LABELS) as Decision[];

export const ANSWER_LABELS = {
	confirmed: m.track_decisions_answer_confirmed,
	declined: m.track_decisions_answer_declined
} as const;
export type DecisionAnswer = keyof typeof ANSWER_LABELS;

/** What the decisions page may show: one decision, the undecided, or the accepted not yet confirmed. */
export const SHOW_LABELS = {
	...DECISION_LABELS,
	undecided: m.track_decisions_undecided,
	unconfirmed: m.track_decisions_unconfirmed
} as const;
export type DecisionShow = keyof typeof SHOW_LABELS;

/** The longest committee note. */
export const NOTE_MAX = 5000;
