/**
 * The invitation mail the app sends to a person who already has an account (a person without one
 * gets Auth's invite, which also makes the account). Plain words, in the person's language: which
 * programme invites them, as what, to which cohort, who sent it, and the link to accept after
 * signing in.
 */
import type { Role } from '$lib/words/memberships';
import { m } from '$lib/paraglide/messages';
import { baseLocale, getTextDirection, localizeHref, type Locale } from '$lib/paraglide/runtime';
import type { QueuedMail } from '../db/mail-outbox';
import { html } from '../mail/html';
import { formatDay, utc } from '$lib/dates';

export type InvitationMailInput = {
	/** The site's address, e.g. https://commons.example.org (the coordinator's request's origin). */
	origin: string;
	recipient: string;
	/** The name the coordinator gave, if any. */
	name?: string | null;
	token: string;
	programme: string;
	cohort: string | null;
	role: Role;
	/** The coordinator who sent it, by their profile's name. */
	inviter: string | null;
	expiresAt: Date;
	/** The recipient's language (their profile's), English when they have none. */
	locale?: Locale | null;
};

const AS = {
	alumnus: [m.mail_invitation_as_alumnus, m.mail_invitation_as_alumnus_cohort],
	trainer: [m.mail_invitation_as_trainer, m.mail_invitation_as_trainer_cohort],
	coordinator: [m.mail_invitation_as_coordinator, m.mail_invitation_as_coordinator_cohort]
} as const;

export function invitationMail(input: InvitationMailInput): QueuedMail {
	const locale = input.locale ?? baseLocale;
	const o = { locale };
	const { programme, cohort } = input;
	const link = `${input.origin}${localizeHref(`/invitations/${encodeURIComponent(input.token)}`, o)}`;
	const [plain, ofCohort] = AS[input.role];
	const invites = cohort ? ofCohort({ programme, cohort }, o) : plain({ programme }, o);
	const sender = input.inviter
		? m.mail_invitation_sender({ inviter: input.inviter, programme }, o)
		: null;
	const how = m.mail_invitation_how({}, o);
	// The recipient's zone is not known to us: the day in UTC, in their language.
	const until = m.mail_invitation_until(
		{ date: formatDay(input.expiresAt, utc(locale), 'long') },
		o
	);
	const greeting = input.name ? m.mail_hello_name({ name: input.name }, o) : m.mail_hello({}, o);
	const separator = locale === 'zh' ? '' : ' ';

	const text = [
		greeting,
		'',
		invites,
		...(sender ? [sender] : []),
		'',
		how,
		'',
		link,
		'',
		until,
		'',
		'Capacity Commons'
	].join('\n');

	const body = html`<p>${greeting}</p>
		<p>${invites}${sender ? html`${separator}${sender}` : ''}</p>
		<p>${how}</p>
		<p><a href="${link}">${m.mail_invitation_action({}, o)}</a></p>
		<p>${until}</p>
		<p>Capacity Commons</p>`;

	return {
		kind: 'invitation',
		recipient: input.recipient,
		subject: m.mail_invitation_subject({ programme }, o),
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${body.html}\n</body></html>`
	};
}
