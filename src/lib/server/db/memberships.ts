/**
 * Memberships: claims, coordinators' decisions, alumni lists and badges (invitations are
 * invitations.ts, programme look-ups programmes.ts). Every query runs as the person (withUser):
 * the policies decide, these queries shape the rows and turn refusals into messages.
 */
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/words/memberships';
import type { CohortRef } from './cohorts';
import { withUser, type Claims, type Tx } from './client';
import { refusedWith } from './errors';

export type Status = 'pending' | 'verified' | 'declined';

export type MyMembership = {
	id: string;
	programme_slug: string;
	programme_name: string;
	cohort_edition: string | null;
	role: Role;
	status: Status;
	decline_reason: string | null;
	created_at: Date;
};

export type PendingClaim = {
	id: string;
	profile_id: string;
	/** The profile's handle only where the viewer may open the profile. */
	handle: string | null;
	display_name: string;
	email: string;
	cohort_id: string | null;
	cohort_edition: string | null;
	role: Role;
	created_at: Date;
};

export type PersonInList = {
	membership_id: string;
	handle: string;
	display_name: string;
	headline: string | null;
	cohort_edition: string | null;
	role: Role;
};

export type Badge = {
	programme_slug: string;
	programme_name: string;
	cohort_edition: string | null;
	role: Role;
};

/** A refusal in people's words, tied to the form field it is about. */
export type Problem = { field: string; message: string };

/** The id of a programme's cohort by its edition (case and spacing ignored), as a claim or an
 * invitation names it. */
export async function cohortByEdition(sql: Tx, programmeId: string, edition: string) {
	const [row] = await sql<CohortRef[]>`
		select id, edition from public.cohorts
		where programme_id = ${programmeId}
		  and lower(regexp_replace(btrim(edition), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(${edition}), '\\s+', ' ', 'g'))
	`;
	return row;
}

// ── Claims ────────────────────────────────────────────────────────────────────────────────────

/** Claims a role in a programme (and cohort) for the signed-in person; it waits for a coordinator. */
export const claim = (
	user: Claims,
	input: { programme: string; cohort?: string; role: Role }
): Promise<{ id: string } | Problem> =>
	withUser(user, async (sql) => {
		const [programme] = await sql<{ id: string }[]>`
			select id from public.programmes where slug = ${input.programme}
		`;
		if (!programme) return { field: 'programme', message: m.memberships_choose_from_list() };
		const cohort = input.cohort ? await cohortByEdition(sql, programme.id, input.cohort) : null;
		if (input.cohort && !cohort) {
			return {
				field: 'cohort',
				message: m.memberships_no_such_cohort({ cohort: input.cohort })
			};
		}
		try {
			// A savepoint, so that a refusal leaves the transaction usable and we can answer.
			const [row] = await sql.savepoint(
				(sp) => sp<{ id: string }[]>`
					insert into public.memberships (profile_id, programme_id, cohort_id, role)
					values (${user.sub}, ${programme.id}, ${cohort?.id ?? null}, ${input.role})
					returning id
				`
			);
			return row!;
		} catch (error) {
			if (refusedWith(error, 'alreadyThere')) {
				return { field: 'form', message: m.memberships_already_claimed() };
			}
			throw error;
		}
	});

/** The signed-in person's memberships and claims, newest first. */
export const mine = (user: Claims) =>
	withUser(
		user,
		(sql) => sql<MyMembership[]>`
			select m.id, p.slug as programme_slug, p.name as programme_name, c.edition as cohort_edition,
			       m.role, m.status, m.decline_reason, m.created_at
			from public.memberships m
			join public.programmes p on p.id = m.programme_id
			left join public.cohorts c on c.id = m.cohort_id
			where m.profile_id = ${user.sub}
			order by m.created_at desc, m.id
		`
	);

/** Withdraws the person's own claim while it is pending (or clears a declined one). */
export const withdraw = (user: Claims, membershipId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.memberships
			where id = ${membershipId} and profile_id = ${user.sub} and status in ('pending', 'declined')
			returning id
		`;
		return rows.length === 1;
	});

export type ClaimSort = 'oldest' | 'newest' | 'name';
export type ClaimFilter = { cohortId?: string; role?: Role; sort?: ClaimSort };

/**
 * Claims waiting for the programme's coordinators, with who makes them (name, e-mail, cohort)
 * even when the profile is private: a coordinator deciding must know who it is. Only its
 * coordinators and admins read any (private.pending_claimants); oldest first unless sorted.
 */
export const pendingFor = (user: Claims, programmeId: string, filter: ClaimFilter = {}) =>
	withUser(
		user,
		(sql) => sql<PendingClaim[]>`
			select id, profile_id, display_name, email, handle, cohort_id, cohort_edition, role, created_at
			from private.pending_claimants(
				${programmeId}, ${filter.cohortId ?? null}, ${filter.role ?? null}, ${filter.sort ?? 'oldest'}
			)
		`
	);

/** Whether the person is a verified member of the programme, in any role (for "I took part"). */
export const isVerifiedIn = (user: Claims, programmeId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ yes: boolean }[]>`
			select exists (
				select 1 from public.memberships
				where profile_id = ${user.sub} and programme_id = ${programmeId} and status = 'verified'
			) as yes
		`;
		return row!.yes;
	});

/** Verifies many pending claims at once; the ids of those verified (others were decided already). */
export const verifyMany = (user: Claims, programmeId: string, membershipIds: string[]) =>
	withUser(user, async (sql) => {
		const rows = await sql<{ id: string }[]>`
			update public.memberships
			set status = 'verified', decided_by = ${user.sub}, decided_at = now(), decline_reason = null
			where id = any(${membershipIds}::uuid[]) and programme_id = ${programmeId} and status = 'pending'
			returning id
		`;
		return rows.map((r) => r.id);
	});

/** A coordinator verifies or declines a pending claim; false when there is no such claim. */
export const decide = (
	user: Claims,
	programmeId: string,
	membershipId: string,
	decision: { decision: 'verify' | 'decline'; reason?: string }
) =>
	withUser(user, async (sql) => {
		const status = decision.decision === 'verify' ? 'verified' : 'declined';
		const rows = await sql`
			update public.memberships
			set status = ${status}, decided_by = ${user.sub}, decided_at = now(),
			    decline_reason = ${status === 'declined' ? (decision.reason ?? null) : null}
			where id = ${membershipId} and programme_id = ${programmeId} and status = 'pending'
			returning id
		`;
		return rows.length === 1;
	});

// ── Alumni lists and badges ───────────────────────────────────────────────────────────────────

export type PeoplePage = {
	cohortId?: string;
	role?: Role;
	/** The last row of the previous page. */
	after?: { display_name: string; membership_id: string };
	limit?: number;
};

/**
 * Verified members of a programme, by name, one keyset page at a time. Only people whose profile
 * the viewer may see are listed: programme_people finds the page (in name order, with the
 * policies' rules), and each card is read as the viewer may see it (the headline may be hidden).
 */
export const alumniOf = (viewer: Claims, programmeId: string, page: PeoplePage = {}) =>
	withUser(viewer, async (sql) => {
		const limit = Math.min(page.limit ?? 50, 100);
		const rows = await sql<PersonInList[]>`
			select s.membership_id, pr.handle, pr.display_name, pr.headline,
			       c.edition as cohort_edition, s.role
			from private.programme_people(
				${programmeId}, ${page.cohortId ?? null}::uuid, ${page.role ?? null},
				${page.after?.display_name ?? null}, ${page.after?.membership_id ?? null}::uuid, ${limit + 1}
			) with ordinality as s (membership_id, profile_id, display_name, cohort_id, role, n)
			cross join lateral (
				select pc.handle, pc.display_name, pc.headline from private.profile_cards pc
				where pc.id = s.profile_id limit 1
			) pr
			left join public.cohorts c on c.id = s.cohort_id
			order by s.n
		`;
		return { people: rows.slice(0, limit), more: rows.length > limit };
	});

/** The verified memberships of one person, for the badges on their profile. */
export const verifiedOf = (viewer: Claims | null, profileId: string) =>
	viewer
		? withUser(
				viewer,
				(sql) => sql<Badge[]>`
					select p.slug as programme_slug, p.name as programme_name, c.edition as cohort_edition, m.role
					from public.memberships m
					join public.programmes p on p.id = m.programme_id
					left join public.cohorts c on c.id = m.cohort_id
					where m.profile_id = ${profileId} and m.status = 'verified'
					order by c.starts_on desc nulls last, p.name
				`
			)
		: // Visitors may not read memberships (their policy is for signed-in members only).
			Promise.resolve([] as Badge[]);

// ── Invitations ───────────────────────────────────────────────────────────────────────────────
