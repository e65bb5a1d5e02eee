/**
 * Discussion spaces' forms, checked on the server: a new thread, a reply, an edit, a reaction, a
 * watch level, a report, a moderator's decisions, a search, and a thread page's position in its
 * query string. Their choices and limits are words/spaces.ts's.
 */
import { z } from 'zod';
import { say } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import { firstProblem, fromList, LANGUAGE_CODE, optionalText, searchWords } from './fields';
import {
	WATCH_LEVEL_LABELS,
	REACTION_LABELS,
	POST_MAX,
	TITLE_MIN,
	TITLE_MAX,
	REPORT_REASON_LABELS,
	SLOW_MODES,
	SPACE_VISIBILITY_LABELS,
	SUSPENSIONS,
	SEARCH_PAGES
} from '$lib/words/spaces';

const body = z
	.string({ error: () => m.spaces_body_required() })
	.trim()
	.min(1, { error: () => m.spaces_body_required() })
	.max(POST_MAX, { error: () => m.spaces_body_too_long({ max: POST_MAX }) });

const language = z
	.string()
	.regex(LANGUAGE_CODE, { error: () => say(m.spaces_language_required) })
	.optional();

export const newThreadSchema = z.object({
	title: z
		.string({ error: () => m.spaces_title_length({ min: TITLE_MIN, max: TITLE_MAX }) })
		.trim()
		.min(TITLE_MIN, { error: () => m.spaces_title_length({ min: TITLE_MIN, max: TITLE_MAX }) })
		.max(TITLE_MAX, { error: () => m.spaces_title_length({ min: TITLE_MIN, max: TITLE_MAX }) }),
	body,
	text_language: language
});
export type NewThread = z.infer<typeof newThreadSchema>;

/** A post's number in its thread, as a form or a link says it. */
const postNumber = z.coerce
	.number({ error: () => m.spaces_post_number() })
	.int({ error: () => m.spaces_post_number() })
	.min(1, { error: () => m.spaces_post_number() })
	.max(2_000_000_000, { error: () => m.spaces_post_number() });

export const replySchema = z.object({
	body,
	reply_to: z.preprocess((v) => (v === '' ? undefined : v), postNumber.optional())
});
export type Reply = z.infer<typeof replySchema>;

export const editPostSchema = z.object({
	post: z.uuid({ error: () => m.spaces_post_gone() }),
	body
});

export const postSchema = z.object({ post: z.uuid({ error: () => m.spaces_post_gone() }) });

export const reactionSchema = z.object({
	post: z.uuid({ error: () => m.spaces_post_gone() }),
	reaction: fromList(REACTION_LABELS)
});

export const watchSchema = z.object({ watch_level: fromList(WATCH_LEVEL_LABELS) });

/** Where a thread page starts: after a post number (the next page), or before one (the previous). */
export const threadPageSchema = z.object({
	after: postNumber.optional(),
	before: postNumber.optional()
});

export const reportSchema = z.object({
	post: z.uuid({ error: () => m.spaces_post_gone() }),
	reason: fromList(REPORT_REASON_LABELS, m.spaces_report_choose),
	note: optionalText(500)
});

export const hideSchema = z.object({
	post: z.uuid({ error: () => m.spaces_post_gone() }),
	reason: z
		.string({ error: () => m.spaces_hide_reason_required() })
		.trim()
		.min(3, { error: () => m.spaces_hide_reason_required() })
		.max(500, { error: () => m.forms_at_most({ max: 500 }) })
});

export const slowModeSchema = z.object({
	minutes: z.coerce
		.number()
		.refine((v) => (SLOW_MODES as readonly number[]).includes(v), {
			error: () => m.forms_not_a_choice()
		})
		.transform((v) => (v === 0 ? null : v))
});

export const moveSchema = z.object({ space: z.uuid({ error: () => m.spaces_choose_space() }) });

export const askToJoinSchema = z.object({ message: optionalText(500) });

export const decideRequestSchema = z.object({
	request: z.uuid({ error: () => m.spaces_request_gone() }),
	reason: optionalText(500)
});

export const memberSchema = z.object({ person: z.uuid({ error: () => m.spaces_member_gone() }) });

export const suspendSchema = memberSchema.extend({
	days: z.coerce.number().refine((v) => (SUSPENSIONS as readonly number[]).includes(v), {
		error: () => m.forms_not_a_choice()
	}),
	reason: z
		.string({ error: () => m.spaces_hide_reason_required() })
		.trim()
		.min(3, { error: () => m.spaces_hide_reason_required() })
		.max(500, { error: () => m.forms_at_most({ max: 500 }) })
});

export const addMemberSchema = z.object({
	handle: z
		.string({ error: () => m.spaces_handle_required() })
		.trim()
		.transform((v) => v.replace(/^@/, '').toLowerCase())
		.pipe(
			z
				.string()
				.regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, { error: () => m.spaces_handle_required() })
		)
});

/** A search in the spaces as its address says it: words, a space to search in, a page. */
export const spaceSearchSchema = z.object({
	q: searchWords,
	in: z
		.string()
		.max(80, { error: () => m.spaces_search_no_such_space() })
		.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: () => m.spaces_search_no_such_space() })
		.optional(),
	page: z.coerce
		.number({ error: () => m.spaces_search_page_invalid({ max: SEARCH_PAGES }) })
		.int({ error: () => m.spaces_search_page_invalid({ max: SEARCH_PAGES }) })
		.min(1, { error: () => m.spaces_search_page_invalid({ max: SEARCH_PAGES }) })
		.max(SEARCH_PAGES, { error: () => m.spaces_search_page_invalid({ max: SEARCH_PAGES }) })
		.default(1)
});
export type SpaceSearch = z.infer<typeof spaceSearchSchema>;

export const parseSpaceSearch = (params: URLSearchParams) =>
	firstProblem(spaceSearchSchema, {
		q: params.get('q') ?? undefined,
		in: params.get('in') || undefined,
		page: params.get('page') || undefined
	});

/** A working group as a member proposes it; an admin decides. */
export const proposalSchema = z.object({
	name: z
		.string({ error: () => m.spaces_proposal_name_length({ min: 3, max: 120 }) })
		.trim()
		.min(3, { error: () => m.spaces_proposal_name_length({ min: 3, max: 120 }) })
		.max(120, { error: () => m.spaces_proposal_name_length({ min: 3, max: 120 }) }),
	description: z
		.string({ error: () => m.spaces_proposal_description_length({ min: 20, max: 4000 }) })
		.trim()
		.min(20, { error: () => m.spaces_proposal_description_length({ min: 20, max: 4000 }) })
		.max(4000, { error: () => m.spaces_proposal_description_length({ min: 20, max: 4000 }) }),
	visibility: z.enum(['members', 'private'], { error: () => m.spaces_proposal_visibility() }),
	text_language: language
});
export type Proposal = z.infer<typeof proposalSchema>;

/** An admin's decision on a proposed working group (a reason when declining). */
export const proposalDecisionSchema = z.object({
	space: z.uuid({ error: () => m.spaces_proposal_gone() }),
	reason: optionalText(500, () => m.spaces_proposal_reason_length({ max: 500 }))
});

/** What a writer typed after "@", for the suggestions: two letters at least, a name at most. */
export const mentionWordsSchema = z.string().trim().min(2).max(60);

/** A coordinator's new cohort space: which cohort, and who reads it. */
export const cohortSpaceSchema = z.object({
	cohort: z.uuid({ error: () => m.spaces_cohort_choose() }),
	visibility: fromList(SPACE_VISIBILITY_LABELS)
});
