/**
 * The platform admins' tools: who holds a platform role, granting and withdrawing one, naming and
 * removing a programme's coordinators, and the audit log of those changes. Each change is a
 * private.admin_* function that refuses anyone who is not an admin now (42501) and audits itself
 * (supabase/migrations/20261210000100_platform_admin_tools.sql); the log is read under RLS.
 */
import { z } from 'zod';
import { cursorCodec } from '$lib/server/cursor';
import { withUser, type Claims } from './client';

export type PlatformRole = 'admin' | 'moderator';

export type RoleHolder = {
	id: string;
	display_name: string | null;
	email: string;
	role: PlatformRole;
};

/** Everyone who holds a platform role, admins first. */
export const roleHolders = (user: Claims) =>
	withUser(
		user,
		(sql) => sql<RoleHolder[]>`
			select id, display_name, email, role from private.admin_role_holders()
		`
	);

export type RoleChange = 'granted' | 'withdrawn' | 'unchanged' | 'no_person' | 'last_admin';

/** Gives the person with this e-mail a platform role, or takes theirs away (null). */
export const setRole = (user: Claims, email: string, role: PlatformRole | null) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ result: RoleChange }[]>`
			select private.admin_set_platform_role(${email}, ${role}) as result
		`;
		return row!.result;
	});

export type Coordinator = {
	membership_id: string;
	profile_id: string;
	display_name: string | null;
	email: string;
	since: Date;
};

/** A programme's verified coordinators, with their e-mail. */
export const coordinators = (user: Claims, programmeId: string) =>
	withUser(
		user,
		(sql) => sql<Coordinator[]>`
			select membership_id, profile_id, display_name, email, since
			from private.admin_coordinators(${programmeId})
		`
	);

export type Naming = 'named' | 'already' | 'no_person';

/** Makes the person with this e-mail a verified coordinator of the programme. */
export const nameCoordinator = (user: Claims, programmeId: string, email: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ result: Naming }[]>`
			select private.admin_name_coordinator(${programmeId}, ${email}) as result
		`;
		return row!.result;
	});

/** Removes a coordinator (their coordinator membership); false when there was none. */
export const removeCoordinator = (user: Claims, membershipId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ removed: boolean }[]>`
			select private.admin_remove_coordinator(${membershipId}) as removed
		`;
		return row!.removed;
	});

export type AuditEntry = {
	id: string;
	at: Date;
	actor_name: string | null;
	action: 'role_granted' | 'role_withdrawn' | 'coordinator_named' | 'coordinator_removed';
	subject_name: string | null;
	subject_email: string | null;
	role: PlatformRole | null;
	programme_name: string | null;
};

/**
 * Where a page of the log ended: the last entry's time as Postgres writes it (to the microsecond;
 * a JavaScript date would round it to the millisecond and skip or repeat entries) and its id.
 */
export const auditCursor = cursorCodec(
	z.object({
		at: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/),
		id: z.uuid()
	})
);
export type AuditCursor = { at: string; id: string };

const AUDIT_PAGE = 50;

/** The audit log, newest first, a page at a time (RLS: admins only; others read nothing). */
export const audit = (user: Claims, after?: AuditCursor) =>
	withUser(user, async (sql) => {
		const rows = await sql<(AuditEntry & { at_text: string })[]>`
			select id, at, at::text as at_text, actor_name, action, subject_name, subject_email, role, programme_name
			from public.admin_audit
			${after ? sql`where (at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
			order by at desc, id desc
			limit ${AUDIT_PAGE + 1}
		`;
		const more = rows.length > AUDIT_PAGE;
		const entries = rows.slice(0, AUDIT_PAGE);
		const last = entries.at(-1);
		return {
			entries,
			next: more && last ? { at: last.at_text, id: last.id } : null
		};
	});

/** Programmes whose name or slug holds the words, for finding the one to give coordinators. */
export const findProgrammes = (user: Claims, words: string) =>
	withUser(
		user,
		(sql) => sql<{ id: string; slug: string; name: string }[]>`
			select id, slug, name from public.programmes
			where ${words ? sql`name ilike ${'%' + words.replace(/[\\%_]/g, '\\$&') + '%'} or slug ilike ${'%' + words.replace(/[\\%_]/g, '\\$&') + '%'}` : sql`true`}
			order by name, id
			limit 50
		`
	);
