/**
 * How each kind of notification reads and where it leads: the one place for their wording, used by
 * /notifications and /account/memberships. A kind added by a migration reads generically here
 * until it gets its own case, so a new kind never breaks a page.
 */
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { POSTS_PER_PAGE } from '$lib/words/spaces';
import { postPath, spacePath } from '$lib/space-paths';
import { programmeAndCohort, roleLabel } from '$lib/words/memberships';
import {
	describeSuggestionNotice,
	fieldLabel,
	suggestionNoticeHref,
	type SuggestionNoticeLike
} from '$lib/words/suggestions';

export type NotificationLike = {
	kind: string;
	payload: {
		programme_slug?: string;
		programme_name?: string;
		cohort_edition?: string | null;
		role?: string;
		reason?: string | null;
		[field: string]: unknown;
	};
};

/**
 * One sentence for a notification in the language of the page that shows it, and the page it is
 * about in that language (null when there is none).
 */
export type Description = { text: string; href: string | null };

const MEMBERSHIPS = '/account/memberships';

const programmePage = (slug: unknown) =>
	typeof slug === 'string' && slug ? `/programmes/${encodeURIComponent(slug)}` : null;

const localized = (href: string | null) => (href ? localizeHref(href) : null);

/** A coordinator's page of the programme (claims, suggestions, people), or its page. */
const programmeTool = (slug: unknown, tool: 'claims' | 'suggestions' | 'people') => {
	const page = programmePage(slug);
	return page ? `${page}/${tool}` : null;
};

/** The person a coordinator's notice is about, as the trigger named them. */
const who = (payload: NotificationLike['payload']) =>
	typeof payload.person_name === 'string' && payload.person_name
		? payload.person_name
		: m.notifications_someone();

/** A notice about a track proposal: named as a co-proposer, or screened out with the reason. */
function describeTrackNotice(kind: string, payload: NotificationLike['payload']): Description {
	const title = typeof payload.proposal_title === 'string' ? payload.proposal_title : '';
	const href =
		typeof payload.cycle_slug === 'string' && typeof payload.proposal_id === 'string'
			? `/track/${encodeURIComponent(payload.cycle_slug)}/proposals/${encodeURIComponent(payload.proposal_id)}`
			: '/track';
	return {
		text:
			kind === 'track_screened_out'
				? m.track_notice_screened_out({ title, reason: payload.reason ?? '' })
				: kind === 'track_decision'
					? m.track_decisions_notice({ title })
					: kind === 'track_answer'
						? payload.answer === 'declined'
							? m.track_decisions_notice_declined({ name: who(payload), title })
							: m.track_decisions_notice_confirmed({ name: who(payload), title })
						: m.track_notice_co_proposer({ name: who(payload), title }),
		href
	};
}

/**
 * A notice about a post. Its thread's title and who wrote it are read when it is shown, under RLS
 * (src/lib/server/db/notifications.ts): without them the viewer may no longer read the space, and
 * the notice says only that.
 */
function describePostNotice(kind: string, payload: NotificationLike['payload']): Description {
	const title = typeof payload.thread_title === 'string' ? payload.thread_title : null;
	if (!title || typeof payload.space_slug !== 'string') {
		return { text: m.notifications_post_gone(), href: null };
	}
	const actor =
		typeof payload.actor_name === 'string' ? payload.actor_name : m.notifications_someone();
	const href = postPath(
		payload.space_slug,
		{ number: Number(payload.thread_number), slug: String(payload.thread_slug ?? '') },
		Number(payload.post_number) || 1,
		POSTS_PER_PAGE
	);
	const reason = typeof payload.reason === 'string' ? payload.reason : '';
	const text = {
		space_mention: () => m.notifications_space_mention({ who: actor, title }),
		space_reply: () => m.notifications_space_reply({ who: actor, title }),
		space_post: () => m.notifications_space_post({ who: actor, title }),
		post_hidden: () => m.notifications_post_hidden({ title, reason })
	}[kind as 'space_mention']();
	return { text, href };
}

/** A notice about a space (joining it); its name is read when shown, under RLS. */
function describeSpaceNotice(kind: string, payload: NotificationLike['payload']): Description {
	const space = typeof payload.space_name === 'string' ? payload.space_name : null;
	const slug = typeof payload.space_slug === 'string' ? payload.space_slug : null;
	if (!space || !slug) return { text: m.notifications_post_gone(), href: null };
	const reason = typeof payload.reason === 'string' && payload.reason ? payload.reason : null;
	switch (kind) {
		case 'space_join_requested':
			return {
				text: m.notifications_space_join_requested({ space }),
				href: `${spacePath(slug)}/members`
			};
		case 'space_join_approved':
			return { text: m.notifications_space_join_approved({ space }), href: spacePath(slug) };
		case 'space_proposed':
			return { text: m.notifications_space_proposed({ space }), href: '/spaces/proposals' };
		case 'space_proposal_approved':
			return { text: m.notifications_space_proposal_approved({ space }), href: spacePath(slug) };
		case 'space_proposal_declined':
			return {
				text: reason
					? m.notifications_space_proposal_declined_reason({ space, reason })
					: m.notifications_space_proposal_declined({ space }),
				href: '/spaces/propose'
			};
		case 'space_join_declined':
			return {
				text: reason
					? m.notifications_space_join_declined_reason({ space, reason })
					: m.notifications_space_join_declined({ space }),
				href: spacePath(slug)
			};
		default:
			return { text: m.notifications_space_added({ space }), href: spacePath(slug) };
	}
}

export function describe(notice: NotificationLike): Description {
	const { text, href } = unlocalized(notice);
	return { text, href: localized(href) };
}

function unlocalized({ kind, payload }: NotificationLike): Description {
	const programme = payload.programme_name ?? m.notifications_a_programme();
	const what = m.memberships_badge({
		role: roleLabel(payload.role ?? ''),
		programme: programmeAndCohort(programme, payload.cohort_edition)
	});
	switch (kind) {
		case 'membership_verified':
			return {
				text: m.notifications_verified({ what }),
				href: programmePage(payload.programme_slug) ?? MEMBERSHIPS
			};
		case 'membership_declined':
			return {
				text: payload.reason
					? m.notifications_declined_reason({ what, reason: payload.reason })
					: m.notifications_declined({ what }),
				href: MEMBERSHIPS
			};
		case 'invitation':
			return { text: m.notifications_invited({ what }), href: MEMBERSHIPS };
		case 'claim_received':
			return {
				text: m.notifications_claim_received({ who: who(payload), what }),
				href: programmeTool(payload.programme_slug, 'claims')
			};
		case 'suggestion_received':
			return {
				text:
					typeof payload.field === 'string'
						? m.notifications_suggestion_received_field({
								who: who(payload),
								programme,
								field: fieldLabel(payload.field).toLocaleLowerCase()
							})
						: m.notifications_suggestion_received({ who: who(payload), programme }),
				href: programmeTool(payload.programme_slug, 'suggestions')
			};
		case 'invitation_accepted':
			return {
				text: m.notifications_invitation_accepted({ who: who(payload), what }),
				href: programmeTool(payload.programme_slug, 'people')
			};
		case 'suggestion_applied':
		case 'suggestion_dismissed': {
			// Their payload (field, value_applied, reason) is written by the suggestions' trigger.
			const notice = { kind, payload } as SuggestionNoticeLike;
			return {
				text: describeSuggestionNotice(notice)!,
				href: suggestionNoticeHref(notice) ?? programmePage(payload.programme_slug)
			};
		}
		case 'event_announced':
		case 'event_updated':
		case 'event_cancelled':
		case 'event_reminder': {
			const title = typeof payload.event_title === 'string' ? payload.event_title : '';
			const words = {
				event_announced: m.events_notice_announced,
				event_updated: m.events_notice_updated,
				event_cancelled: m.events_notice_cancelled,
				event_reminder: m.events_notice_reminder
			}[kind];
			return {
				text: words({ title }),
				href:
					typeof payload.event_id === 'string' && typeof payload.event_slug === 'string'
						? `/events/${payload.event_id}-${payload.event_slug}`
						: '/events'
			};
		}
		case 'event_seat_confirmed':
			return {
				text: m.events_notice_seat_confirmed({
					title: typeof payload.event_title === 'string' ? payload.event_title : ''
				}),
				href:
					typeof payload.event_id === 'string' && typeof payload.event_slug === 'string'
						? `/events/${payload.event_id}-${payload.event_slug}`
						: '/events'
			};
		case 'space_mention':
		case 'space_reply':
		case 'space_post':
		case 'post_hidden':
			return describePostNotice(kind, payload);
		case 'space_join_requested':
		case 'space_join_approved':
		case 'space_join_declined':
		case 'space_added':
		case 'space_proposed':
		case 'space_proposal_approved':
		case 'space_proposal_declined':
			return describeSpaceNotice(kind, payload);
		case 'track_co_proposer_invited':
		case 'track_screened_out':
		case 'track_decision':
		case 'track_answer':
			return describeTrackNotice(kind, payload);
		case 'track_session_moved':
		case 'track_session_cancelled': {
			const title = typeof payload.proposal_title === 'string' ? payload.proposal_title : '';
			const cycle = typeof payload.cycle_slug === 'string' ? payload.cycle_slug : null;
			return {
				text:
					kind === 'track_session_moved'
						? m.timetable_notice_moved({ title })
						: m.timetable_notice_cancelled({ title }),
				href:
					kind === 'track_session_moved' &&
					typeof payload.event_id === 'string' &&
					typeof payload.event_slug === 'string'
						? `/events/${payload.event_id}-${payload.event_slug}`
						: cycle
							? `/track/${encodeURIComponent(cycle)}/timetable`
							: '/track'
			};
		}
		case 'track_reviewer_invited':
			return {
				text: m.track_notice_reviewer({
					name: who(payload),
					cycle: typeof payload.cycle_title === 'string' ? payload.cycle_title : ''
				}),
				href:
					typeof payload.cycle_slug === 'string'
						? `/track/${encodeURIComponent(payload.cycle_slug)}/review`
						: '/track'
			};
		default:
			return {
				text: payload.programme_name
					? m.notifications_news_about({ programme: payload.programme_name })
					: m.notifications_new(),
				href: programmePage(payload.programme_slug)
			};
	}
}
