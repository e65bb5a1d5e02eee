/**
 * Postgres errors in people's words. The one place that turns a database refusal into an HTTP
 * status and a safe message; no database text ever reaches a page.
 */
import postgres from 'postgres';
import { m } from '$lib/paraglide/messages';

export type PeopleError = {
	status: 400 | 403 | 404 | 409 | 503;
	message: string;
	/** The constraint that refused, so a form can put the message on the field it is about. */
	constraint?: string;
};

/** Each code's status and words, said in the request's language when it is met. */
const BY_CODE: Record<string, { status: PeopleError['status']; message: () => string }> = {
	// unique_violation
	'23505': { status: 409, message: m.shell_refused_exists },
	// foreign_key_violation: what it points at is gone, or something still points at it
	'23503': {
		status: 409,
		message: m.shell_refused_reference
	},
	// check_violation, not_null_violation, string_data_right_truncation, invalid_text_representation
	'23514': { status: 400, message: m.shell_refused_not_allowed_values },
	'23502': { status: 400, message: m.shell_refused_missing },
	'22001': { status: 400, message: m.shell_refused_too_long },
	'22P02': { status: 400, message: m.shell_refused_form },
	// Data exceptions only bad input can cause: a NUL character (character_not_in_repertoire), a
	// character the database's encoding lacks (untranslatable_character), a date or time that is
	// not one (invalid_datetime_format, datetime_field_overflow), a number out of range.
	'22021': { status: 400, message: m.shell_refused_character },
	'22P05': { status: 400, message: m.shell_refused_character },
	'22007': { status: 400, message: m.shell_refused_date },
	'22008': { status: 400, message: m.shell_refused_date },
	'22003': { status: 400, message: m.shell_refused_number },
	// insufficient_privilege: a grant or an RLS policy refused
	'42501': { status: 403, message: m.shell_refused_not_allowed },
	// query_canceled (statement_timeout), too_many_connections, cannot_connect_now
	'57014': { status: 503, message: m.shell_refused_too_slow },
	'53300': { status: 503, message: m.shell_refused_busy },
	'57P03': { status: 503, message: m.shell_refused_starting },
	// admin_shutdown, crash_shutdown, cannot_connect_now, connection failures: a restart or an outage
	'57P01': { status: 503, message: m.shell_refused_restarting },
	'57P02': { status: 503, message: m.shell_refused_restarting },
	'08000': { status: 503, message: m.shell_refused_unavailable },
	'08003': { status: 503, message: m.shell_refused_unavailable },
	'08006': { status: 503, message: m.shell_refused_unavailable }
};

/**
 * Errors of the connection rather than of a query (Node's and postgres.js's codes): the database
 * cannot be reached, went away, or a transaction was cut at its deadline.
 */
const UNREACHABLE = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECTION_CLOSED',
	'CONNECTION_DESTROYED',
	'CONNECTION_ENDED',
	'CONNECT_TIMEOUT'
]);

/**
 * The SQLSTATEs our own functions and triggers raise, each with exactly one meaning: a standard
 * code where one fits, class CC where none does. A data module that expects one of them asks
 * `refusedWith(error, …)` and answers with a result of its own ('gone', 'decided'…), never the
 * database's text.
 */
export const REFUSAL = {
	/** no_data_found: what was asked for is not there, or not the asker's to see. */
	notThere: 'P0002',
	/** insufficient_privilege: not the asker's to do (also what RLS and grants raise). */
	notAllowed: '42501',
	/** foreign_key_violation: what a new row points at is not there. */
	missingReference: '23503',
	/** object_not_in_prerequisite_state: no longer waiting (already decided, accepted, withdrawn or expired). */
	noLongerWaiting: '55000',
	/** invalid_parameter_value: an argument outside what the function takes (a sort, a suggestion without a value). */
	badArgument: '22023',
	/** unique_violation: one like it is there already (a second claim to the same membership). */
	alreadyThere: '23505',
	/** check_violation: a value breaks a rule of the table (a check, or a trigger's, e.g. a cohort of another programme). */
	breaksARule: '23514',
	/** exclusion_violation: overlaps one already there (a room's sessions, a cycle's slots). */
	overlaps: '23P01',
	/** program_limit_exceeded: over an allowance (invitations per day). */
	overAllowance: '54000',
	/** Ours: a suggestion with a value is accepted by applying it, not by marking it accepted. */
	applyToAccept: 'CC001',
	/** Ours: the thread is locked; only its space's moderators still post in it. */
	threadLocked: 'CC002',
	/** Ours: the thread is in slow mode and the person posted in it less than its wait ago. */
	slowMode: 'CC003',
	/** Ours: a new account's posts this hour are used up. */
	newPosterHourly: 'CC004',
	/** Ours: a new account's post has more links than it may. */
	newPosterLinks: 'CC005',
	/** Ours: the track cycle's phase does not allow this now (the call is closed, or not yet open). */
	trackPhaseClosed: 'CC101',
	/** Ours: a track assignment the database refuses (a conflict, or not a reviewer of the cycle). */
	trackNotAssignable: 'CC102',
	/** Ours: a review's score outside its criterion's scale, or on a criterion of another cycle. */
	trackScoreOutOfScale: 'CC103',
	/** Ours: a rubric criterion that has scores keeps its scale. */
	trackCriterionScored: 'CC104',
	/** Ours: a submitted review lacks a score on a criterion of its cycle. */
	trackReviewIncomplete: 'CC105',
	/** Ours: a track decision on a proposal not in review (a draft, withdrawn or screened out). */
	trackNotDecidable: 'CC111',
	/** Ours: a merge the rules refuse (into itself, another cycle, one merged or rejected, or a chain). */
	trackBadMerge: 'CC112',
	/** Ours: a track decision that was sent stays as it was. */
	trackDecisionSent: 'CC113',
	/** Ours: only a sent waitlisted track decision is raised, to accepted, once; a raised one waits. */
	trackDecisionRaised: 'CC114'
} as const;

export type Refusal = keyof typeof REFUSAL;

/** Which of `expected` refusals the error is, if it is one of ours. */
export function refusedWith<K extends Refusal>(error: unknown, ...expected: K[]): K | undefined {
	if (!(error instanceof postgres.PostgresError)) return undefined;
	return expected.find((name) => REFUSAL[name] === error.code);
}

/** The people's-words version of a database error, or undefined for anything unexpected. */
export function peopleError(error: unknown): PeopleError | undefined {
	if (error instanceof postgres.PostgresError) {
		const known = BY_CODE[error.code];
		if (!known) return undefined;
		const problem: PeopleError = { status: known.status, message: known.message() };
		return error.constraint_name ? { ...problem, constraint: error.constraint_name } : problem;
	}
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code && UNREACHABLE.has(code)) {
		return { status: 503, message: m.shell_refused_unavailable() };
	}
	return undefined;
}
