/**
 * The invitation mail the app sends to a person who already has an account (a person without one
 * gets Auth's invite, which also makes the account). Plain words: which programme invites them,
 * as what, to which cohort, who sent it, and the link to accept after signing in.
 */
import type { Role } from '$lib/schemas/memberships';
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
};

const AS: Record<Role, string> = {
	alumnus: 'an alumnus or alumna',
	trainer: 'a trainer',
	coordinator: 'a coordinator'
};

// The recipient's zone is not known to us: the day in UTC.
const day = (date: Date) => formatDay(date, utc(), 'long');

export function invitationMail(input: InvitationMailInput): QueuedMail {
	const link = `${input.origin}/invitations/${encodeURIComponent(input.token)}`;
	const as = `as ${AS[input.role]}${input.cohort ? ` of its ${input.cohort} cohort` : ''}`;
	const invites = `${input.programme} invites you to join it on Capacity Commons ${as}.`;
	const sender = input.inviter
		? `${input.inviter}, a coordinator of ${input.programme}, sent this invitation.`
		: null;
	const how = 'You already have an account with this address: sign in and accept the invitation.';
	const until = `The invitation is open until ${day(input.expiresAt)}. If you do not want to join, ignore this mail.`;
	const greeting = input.name ? `Hello ${input.name},` : 'Hello,';

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
		<p>${invites}${sender ? html` ${sender}` : ''}</p>
		<p>${how}</p>
		<p><a href="${link}">See the invitation and accept it</a></p>
		<p>${until}</p>
		<p>Capacity Commons</p>`;

	return {
		kind: 'invitation',
		recipient: input.recipient,
		subject: `${input.programme} invites you to join it on Capacity Commons`,
		text,
		html: `<!doctype html>\n<html><body>\n${body.html}\n</body></html>`
	};
}
