/**
 * The rules of the membership forms (claim, decide, withdraw) and the roles, shared by the server
 * actions, the pages and the tests. Invitations (schemas/invitations.ts) use the same roles.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, list } from './fields';
import { ROLES } from '$lib/words/memberships';

export const role = z.enum(ROLES, { error: () => m.memberships_role_required() });

/** An edition such as "2023" or "2021 — Autumn"; empty means the programme as a whole. */
export const edition = z
	.string()
	.trim()
	.max(80, { error: () => m.memberships_at_most({ max: 80 }) })
	.optional()
	.transform((value) => value || undefined);

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.memberships_email_required() })
	.max(255, { error: () => m.memberships_at_most({ max: 255 }) })
	.pipe(z.email({ error: () => m.memberships_email_form() }));

/** An id a form sends back; a wrong one reads as "not found". */
export const id = (notFound: () => string) => z.uuid({ error: notFound });

export const claimSchema = z.object({
	programme: z
		.string()
		.trim()
		.min(1, { error: () => m.memberships_choose_programme_required() })
		.max(80, { error: () => m.memberships_choose_from_list() }),
	cohort: edition,
	role
});

export const withdrawSchema = z.object({ membership_id: id(m.memberships_claim_not_found) });

export const decideSchema = z
	.object({
		membership_id: id(m.memberships_claim_not_found),
		decision: z.enum(['verify', 'decline'], { error: () => m.memberships_choose_decision() }),
		reason: z
			.string()
			.trim()
			.max(500, { error: () => m.memberships_at_most({ max: 500 }) })
			.optional()
			.transform((value) => value || undefined)
	})
	.refine((d) => d.decision === 'verify' || d.reason, {
		path: ['reason'],
		error: () => m.memberships_say_why()
	});

export type Claim = z.infer<typeof claimSchema>;
export type Decision = z.infer<typeof decideSchema>;

/** The claims page's filters and order, as its query string says them. */
export const claimsViewSchema = z.object({
	cohort: z
		.uuid({ error: () => m.memberships_filter_cohort_unknown() })
		.optional()
		.or(z.literal('').transform(() => undefined)),
	role: role.optional().or(z.literal('').transform(() => undefined)),
	sort: z
		.enum(['oldest', 'newest', 'name'], { error: () => m.memberships_sort_unknown() })
		.optional()
		.or(z.literal('').transform(() => undefined))
});
export type ClaimsView = z.infer<typeof claimsViewSchema>;

/** Verifying many claims: those ticked, or with "all" every claim the page showed. */
export const verifyManySchema = z
	.object({
		selected: list(id(m.memberships_claim_not_found), {
			max: 500,
			message: m.memberships_claim_not_found
		}),
		shown: list(id(m.memberships_claim_not_found), {
			max: 500,
			message: m.memberships_claim_not_found
		}),
		all: checkbox
	})
	.transform(({ selected, shown, all }) => ({ ids: all ? shown : selected }))
	.refine((d) => d.ids.length > 0, { path: ['form'], error: () => m.memberships_choose_claims() });
