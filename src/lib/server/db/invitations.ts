/**
 * Invitations: a programme's coordinators invite people by e-mail or a roster (CSV), within a
 * day's allowance; the invitee accepts with the link's token. This module writes the rows and
 * queues the app's own mail in the same transaction; reading rosters and composing the mail are
 * the invitations' own (src/lib/server/invitations/). RLS decides who may invite and see what.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '$lib/words/memberships';
import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/dates';
import { invitationMail } from '../invitations/mail';
import { readRoster, rosterKey, type RosterProblem, type RosterRow } from '../invitations/roster';
import { asServiceWithin, withUser, withViewer, type Claims, type Tx } from './client';
import { refusedWith } from './errors';
import * as mailOutbox from './mail-outbox';
import type { CohortRef } from './cohorts';
import { cohortByEdition, type Badge, type Problem } from './memberships';

export type Invitation = {
	id: string;
	email: string;
	name: string | null;
	cohort_edition: string | null;
	role: Role;
	expires_at: Date;
	created_at: Date;
};

export type InvitationToMe = Badge & { id: string; expires_at: Date };

export type InvitationPreview = Badge & {
	name: string | null;
	status: 'pending' | 'accepted' | 'revoked';
	expired: boolean;
};

/** A fresh invitation token: 256 random bits; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type NewInvitation = {
	email: string;
	name?: string;
	role: Role;
	cohort_id: string | null;
};

export type SentInvitation = NewInvitation & {
	id: string;
	token: string;
	/**
	 * How the invitee hears of it: 'queued', they have an account and the app's mail to them was
	 * queued with the invitation; 'auth', they have none and Auth's invite (which makes the
	 * account) is for the caller to send once committed (mailInvitations).
	 */
	mail: 'queued' | 'auth';
};

type InsertedInvitation = Omit<SentInvitation, 'mail'> & { expires_at: Date };

async function insertInvitations(
	sql: Tx,
	user: Claims,
	programmeId: string,
	invitations: NewInvitation[]
): Promise<InsertedInvitation[]> {
	if (invitations.length === 0) return [];
	const withTokens = invitations.map((i) => ({ ...i, token: newToken() }));
	// One statement: every row goes in, or none does.
	const rows = await sql<{ id: string; token_hash: string; expires_at: Date }[]>`
		insert into public.membership_invitations ${sql(
			withTokens.map((i) => ({
				programme_id: programmeId,
				cohort_id: i.cohort_id,
				role: i.role,
				email: i.email,
				name: i.name ?? null,
				token_hash: tokenHash(i.token),
				invited_by: user.sub
			})),
			'programme_id',
			'cohort_id',
			'role',
			'email',
			'name',
			'token_hash',
			'invited_by'
		)}
		returning id, token_hash, expires_at
	`;
	const byHash = new Map(rows.map((r) => [r.token_hash, r]));
	return withTokens.map((i) => {
		const row = byHash.get(tokenHash(i.token))!;
		return { ...i, id: row.id, expires_at: row.expires_at };
	});
}

/**
 * Queues the app's invitation mail to each invitee who already has an account, in the
 * invitations' own transaction (a rolled-back invitation mails nothing). The others are left to
 * Auth's invite, which makes their account as it mails them.
 */
async function queueInvitationMails(
	sql: Tx,
	user: Claims,
	programmeId: string,
	inserted: InsertedInvitation[],
	editions: Map<string, string>,
	origin: string
): Promise<SentInvitation[]> {
	if (inserted.length === 0) return [];
	// As the person: the programme's name and their own name, to say who invites.
	const [about] = await sql<{ programme: string; inviter: string | null }[]>`
		select p.name as programme,
		       (select pr.display_name from public.profiles pr where pr.id = ${user.sub}) as inviter
		from public.programmes p
		where p.id = ${programmeId}
	`;
	return asServiceWithin(sql, async (sql) => {
		// As the service: coordinators may not read auth.users (who has an account), and the outbox
		// is service-only; the invitations were just written under their policies.
		const accounts = await sql<{ email: string; locale: Locale | null }[]>`
			select u.email, p.locale from auth.users u
			left join public.profiles p on p.id = u.id
			where u.email = any (${inserted.map((i) => i.email)}) and u.is_sso_user = false
		`;
		// Each in the language of the person it goes to.
		const have = new Map(accounts.map((a) => [a.email.toLowerCase(), a.locale]));
		const mails = inserted
			.filter((i) => have.has(i.email))
			.map((i) =>
				invitationMail({
					origin,
					recipient: i.email,
					name: i.name,
					token: i.token,
					programme: about!.programme,
					cohort: i.cohort_id ? (editions.get(i.cohort_id) ?? null) : null,
					role: i.role,
					inviter: about!.inviter,
					expiresAt: i.expires_at,
					locale: have.get(i.email)
				})
			);
		await mailOutbox.enqueue(sql, mails);
		return inserted.map(({ expires_at: _, ...i }) => ({
			...i,
			mail: have.has(i.email) ? ('queued' as const) : ('auth' as const)
		}));
	});
}

/** A coordinator's invitations to a programme in the last 24 hours, against the day's allowance. */
export type Allowance = {
	per_day: number;
	sent: number;
	remaining: number;
	/** When `wanted` more would fit; null when they never fit in one go. */
	fits_at: Date | null;
};

/** Refused before anything was written or sent: over the day's allowance. */
export type OverAllowance = { limited: true; message: string };

/** "5 minutes", "3 hours": how long until `at`, rounded up, in no one's time zone. */
function wait(at: Date, now: Date): string {
	const minutes = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));
	return minutes < 60
		? formatDuration(minutes, 'minute')
		: formatDuration(Math.ceil(minutes / 60), 'hour');
}

/**
 * What a coordinator is told when `wanted` invitations do not fit in the day's allowance: how many
 * may still be sent, and when all of them could be.
 */
export function allowanceMessage(wanted: number, allowance: Allowance, now = new Date()): string {
	const { per_day: perDay, remaining, fits_at } = allowance;
	const left =
		remaining === 0
			? m.memberships_allowance_none({ perDay })
			: m.memberships_allowance_left({ remaining, perDay });
	if (wanted === 1) {
		return m.memberships_allowance_next({ left, wait: wait(fits_at ?? now, now) });
	}
	if (fits_at === null) {
		return m.memberships_allowance_split({ wanted, left, lines: remaining || perDay });
	}
	return remaining
		? m.memberships_allowance_later_or_now({
				wanted,
				left,
				wait: wait(fits_at, now),
				lines: remaining
			})
		: m.memberships_allowance_later({ wanted, left, wait: wait(fits_at, now) });
}

/**
 * Whether `wanted` more invitations fit in the coordinator's allowance for the programme. It
 * holds a lock on that allowance until the transaction ends, so a second request at once waits
 * and counts these too; the database's trigger refuses whatever would go past it.
 */
async function overAllowance(
	sql: Tx,
	programmeId: string,
	wanted: number
): Promise<OverAllowance | null> {
	if (wanted === 0) return null;
	const [allowance] = await sql<Allowance[]>`
		select per_day, sent, remaining, fits_at
		from private.invitation_allowance(${programmeId}, ${wanted})
	`;
	if (!allowance || wanted <= allowance.remaining) return null;
	return { limited: true, message: allowanceMessage(wanted, allowance) };
}

/** Keys (rosterKey) of who is already invited to or claims a membership of the programme. */
async function takenKeys(sql: Tx, programmeId: string, emails: string[]): Promise<Set<string>> {
	const invited = await sql<{ email: string; role: string; cohort_id: string | null }[]>`
		select email, role, cohort_id from public.membership_invitations
		where programme_id = ${programmeId} and status = 'pending' and email = any (${emails})
	`;
	const members = await sql<{ email: string; role: string; cohort_id: string | null }[]>`
		select email, role, cohort_id from private.members_among(${programmeId}, ${emails})
	`;
	return new Set([...invited, ...members].map((r) => rosterKey(r.email, r.role, r.cohort_id)));
}

/**
 * A coordinator invites one person; a problem when they are already invited or a member. The
 * mail's link starts with `origin` (the site's address).
 */
export const invite = (
	user: Claims,
	programmeId: string,
	input: { email: string; name?: string; role: Role; cohort?: string },
	origin: string
): Promise<SentInvitation | Problem | OverAllowance> =>
	withUser(user, async (sql) => {
		const cohort = input.cohort ? await cohortByEdition(sql, programmeId, input.cohort) : null;
		if (input.cohort && !cohort) {
			return { field: 'cohort', message: m.memberships_no_such_cohort({ cohort: input.cohort }) };
		}
		const invitation = { ...input, cohort_id: cohort?.id ?? null };
		const taken = await takenKeys(sql, programmeId, [input.email]);
		if (taken.has(rosterKey(input.email, input.role, invitation.cohort_id))) {
			return {
				field: 'email',
				message: m.memberships_already_invited()
			};
		}
		const over = await overAllowance(sql, programmeId, 1);
		if (over) return over;
		const inserted = await insertInvitations(sql, user, programmeId, [invitation]);
		const editions = new Map(cohort ? [[cohort.id, cohort.edition]] : []);
		const [sent] = await queueInvitationMails(sql, user, programmeId, inserted, editions, origin);
		return sent!;
	});

export type RosterImport = {
	invited: (SentInvitation & { line: number })[];
	problems: RosterProblem[];
};

/**
 * Imports a cohort roster: every bad row is reported by line, the good ones are invited in one
 * transaction (all of them and their mails, or none if the database refuses any). A roster with
 * more invitations than the day's allowance leaves is refused whole, before anything is written.
 */
export const importRoster = (
	user: Claims,
	programmeId: string,
	file: Uint8Array,
	origin: string
): Promise<RosterImport | OverAllowance> =>
	withUser(user, async (sql) => {
		const cohorts = await sql<CohortRef[]>`
			select id, edition from public.cohorts where programme_id = ${programmeId}
		`;
		const first = readRoster(file, { cohorts });
		const emails = [...new Set(first.rows.map((r) => r.email))];
		const taken = await takenKeys(sql, programmeId, emails);
		const { rows, problems } = taken.size ? readRoster(file, { cohorts, taken }) : first;
		const over = await overAllowance(sql, programmeId, rows.length);
		if (over) return over;
		const inserted = await insertInvitations(sql, user, programmeId, rows.map(toInvitation));
		const editions = new Map(cohorts.map((c) => [c.id, c.edition]));
		const sent = await queueInvitationMails(sql, user, programmeId, inserted, editions, origin);
		return { invited: sent.map((s, i) => ({ ...s, line: rows[i]!.line })), problems };
	});

const toInvitation = (row: RosterRow): NewInvitation => ({
	email: row.email,
	name: row.name,
	role: row.role,
	cohort_id: row.cohort_id
});

/** The programme's open invitations, newest first (coordinators only, by policy). */
export const of = (user: Claims, programmeId: string) =>
	withUser(
		user,
		(sql) => sql<Invitation[]>`
			select i.id, i.email, i.name, c.edition as cohort_edition, i.role, i.expires_at, i.created_at
			from public.membership_invitations i
			left join public.cohorts c on c.id = i.cohort_id
			where i.programme_id = ${programmeId} and i.status = 'pending'
			order by i.created_at desc, i.id
			limit 500
		`
	);

/** A coordinator withdraws an open invitation; false when there is none to withdraw. */
export const revoke = (user: Claims, programmeId: string, invitationId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.membership_invitations set status = 'revoked'
			where id = ${invitationId} and programme_id = ${programmeId} and status = 'pending'
			returning id
		`;
		return rows.length === 1;
	});

/** Open invitations to the signed-in person's own address (the invitee's policy). */
export const toMe = (user: Claims) =>
	withUser(
		user,
		(sql) => sql<InvitationToMe[]>`
			select i.id, p.slug as programme_slug, p.name as programme_name, c.edition as cohort_edition,
			       i.role, i.expires_at
			from public.membership_invitations i
			join public.programmes p on p.id = i.programme_id
			left join public.cohorts c on c.id = i.cohort_id
			where i.status = 'pending' and i.email = private.my_email() and i.expires_at > now()
			order by i.created_at desc, i.id
		`
	);

/** What an invitation link is for, to whoever holds it. */
export const preview = (viewer: Claims | null, token: string) =>
	withViewer(viewer, async (sql) => {
		const [row] = await sql<InvitationPreview[]>`
			select programme_slug, programme_name, cohort_edition, role, name, status, expired
			from private.invitation_preview(${token})
		`;
		return row;
	});

/** Accepts an invitation by its token or id; the message says why when it cannot. */
export const accept = (
	user: Claims,
	by: { token: string } | { id: string }
): Promise<{ membership_id: string } | { message: string }> =>
	withUser(user, async (sql) => {
		try {
			// A savepoint, so that a refusal leaves the transaction usable and we can answer.
			const [row] = await sql.savepoint((sp) =>
				'token' in by
					? sp<{ membership_id: string }[]>`
							select private.accept_invitation(${by.token}) as membership_id
						`
					: sp<{ membership_id: string }[]>`
							select private.accept_invitation_by_id(${by.id}) as membership_id
						`
			);
			return row!;
		} catch (error) {
			// accept_invitation says which in words of its own (never database internals).
			if (refusedWith(error, 'noLongerWaiting', 'notThere', 'notAllowed')) {
				return { message: (error as Error).message };
			}
			throw error;
		}
	});
