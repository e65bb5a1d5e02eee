/**
 * Discussion spaces as pages say them: the kinds, visibilities, watch levels, reactions and report
 * reasons (as the database's checks spell them, with their labels), and the limits a form shows.
 * No zod here: pages import this, and the forms' schemas (schemas/spaces.ts) build on it on the
 * server, so a page never downloads the validation library for a label.
 */
import { m } from '$lib/paraglide/messages';

export const SPACE_KIND_LABELS = {
	programme: m.spaces_kind_programme,
	cohort: m.spaces_kind_cohort,
	topic: m.spaces_kind_topic,
	region: m.spaces_kind_region,
	working_group: m.spaces_kind_working_group
} as const;
export type SpaceKind = keyof typeof SPACE_KIND_LABELS;

export const SPACE_VISIBILITY_LABELS = {
	public: m.spaces_visibility_public,
	members: m.spaces_visibility_members,
	private: m.spaces_visibility_private
} as const;
export type SpaceVisibility = keyof typeof SPACE_VISIBILITY_LABELS;

/** Who reads what a person posts, said where they write it. */
export const AUDIENCE: Record<SpaceVisibility, () => string> = {
	public: m.spaces_audience_public,
	members: m.spaces_audience_members,
	private: m.spaces_audience_private
};

export const WATCH_LEVEL_LABELS = {
	watching: m.spaces_watch_watching,
	tracking: m.spaces_watch_tracking,
	normal: m.spaces_watch_normal,
	muted: m.spaces_watch_muted
} as const;
export type WatchLevel = keyof typeof WATCH_LEVEL_LABELS;

export const REACTION_LABELS = {
	like: m.spaces_reaction_like,
	thanks: m.spaces_reaction_thanks,
	insightful: m.spaces_reaction_insightful,
	agree: m.spaces_reaction_agree,
	question: m.spaces_reaction_question
} as const;
export type Reaction = keyof typeof REACTION_LABELS;

/** How many posts a page of a thread shows. */
export const POSTS_PER_PAGE = 20;

/** The longest post a person may write (the database's check). */
export const POST_MAX = 20_000;

export const TITLE_MIN = 3;

export const TITLE_MAX = 200;

export const REPORT_REASON_LABELS = {
	spam: m.spaces_report_spam,
	harassment: m.spaces_report_harassment,
	off_topic: m.spaces_report_off_topic,
	private_information: m.spaces_report_private_information,
	other: m.spaces_report_other
} as const;
export type ReportReason = keyof typeof REPORT_REASON_LABELS;

/** The slow modes a moderator chooses from (minutes; 0: off). */
export const SLOW_MODES = [0, 5, 15, 60, 240] as const;

/** How long a moderator suspends someone for (days). */
export const SUSPENSIONS = [1, 3, 7, 30] as const;

/** The most pages of a search (its ranked candidates, twenty to a page). */
export const SEARCH_PAGES = 10;
