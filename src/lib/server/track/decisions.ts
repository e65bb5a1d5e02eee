/**
 * Sending the committee's decisions: each proposer (the lead and the co-proposers who accepted)
 * gets a notification and an e-mail through the outbox, in their own language (profiles.locale):
 * the decision, the proposals merged into theirs (whose proposers join their session), the
 * committee's note, the reviewers' comments to the proposers (never the
 * committee's comments, never a reviewer's name), and for an acceptance the request to confirm on
 * the proposal's page. Written in the sending's own transaction (db/track-decisions.ts `send`),
 * so a send that rolls back tells nobody and a decision is told once.
 */
import { m } from '$lib/paraglide/messages';
import { getTextDirection, localizeHref, type Locale } from '$lib/paraglide/runtime';
import { localeOrBase } from '$lib/locales';
import type { Claims, Tx } from '../db/client';
import * as decisions from '../db/track-decisions';
import type { SentDecision } from '../db/track-decisions';
import { enqueue, type QueuedMail } from '../db/mail-outbox';
import { kickMail } from '../mail/sender';
import { html } from '../mail/html';

/** The mail's first line: what the committee decided, in the recipient's language. */
function leadOf(d: SentDecision, o: { locale: Locale }) {
	const words = { title: d.title, cycle: d.cycle_title };
	switch (d.decision) {
		case 'accepted':
			return m.track_decisions_mail_accepted(words, o);
		case 'waitlisted':
			return m.track_decisions_mail_waitlisted(words, o);
		case 'rejected':
			return m.track_decisions_mail_rejected(words, o);
		case 'merged':
			return m.track_decisions_mail_merged({ ...words, target: d.merged_into_title ?? '' }, o);
	}
}

/** A title in the quotation marks of the recipient's language (as the messages quote them). */
const QUOTES: Record<Locale, [string, string]> = {
	en: ['“', '”'],
	zh: ['“', '”'],
	ar: ['«', '»'],
	fr: ['« ', ' »'],
	ru: ['«', '»'],
	es: ['«', '»']
};
const quoted = (title: string, locale: Locale) =>
	`${QUOTES[locale][0]}${title}${QUOTES[locale][1]}`;

/** One proposer's mail about a decision, in their language. */
export function decisionMail(
	decision: SentDecision,
	recipient: SentDecision['recipients'][number],
	origin: string
): QueuedMail {
	const locale = localeOrBase(recipient.locale);
	const o = { locale };
	const path = `/track/${encodeURIComponent(decision.cycle_slug)}/proposals/${encodeURIComponent(decision.proposal_id)}`;
	const link = `${origin}${localizeHref(path, o)}`;
	const hello = m.track_decisions_mail_hello({ name: recipient.display_name }, o);
	const lead = leadOf(decision, o);
	const action =
		decision.decision === 'accepted'
			? m.track_decisions_mail_confirm({}, o)
			: m.track_decisions_mail_open({}, o);
	const joined = decision.joined_by.length
		? m.track_decisions_mail_joined(
				{
					titles: new Intl.ListFormat(locale, { type: 'conjunction' }).format(
						decision.joined_by.map((t) => quoted(t, locale))
					)
				},
				o
			)
		: null;
	const noteHeading = m.track_decisions_mail_note({}, o);
	const commentsHeading = m.track_decisions_mail_comments({}, o);
	const text = [
		hello,
		'',
		lead,
		...(joined ? ['', joined] : []),
		...(decision.note ? ['', noteHeading, decision.note] : []),
		...(decision.comments.length
			? ['', commentsHeading, ...decision.comments.flatMap((c) => ['', c])]
			: []),
		'',
		action,
		link,
		'',
		'Capacity Commons'
	].join('\n');
	const body = html`<p>${hello}</p>
		<p dir="auto">${lead}</p>
		${joined ? html`<p dir="auto">${joined}</p>` : ''}
		${
			decision.note
				? html`<h2>${noteHeading}</h2>
						<p dir="auto" style="white-space: pre-line">${decision.note}</p>`
				: ''
		}
		${
			decision.comments.length
				? html`<h2>${commentsHeading}</h2>
						${{
							html: decision.comments
								.map(
									(c) =>
										html`<blockquote dir="auto" style="white-space: pre-line">${c}</blockquote>`
											.html
								)
								.join('\n')
						}}`
				: ''
		}
		<p><a href="${link}">${action}</a></p>
		<p>Capacity Commons</p>`;
	return {
		kind: 'track_decision',
		recipient: recipient.email,
		subject: m.track_decisions_mail_subject({ title: decision.title }, o),
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${body.html}\n</body></html>`
	};
}

/** Writes the notifications and mails of the decisions just sent (as the service). */
const deliver = (origin: string) => async (sql: Tx, sent: SentDecision[]) => {
	const notices = sent.flatMap((d) =>
		d.recipients.map((r) => ({
			recipient: r.profile_id,
			payload: {
				proposal_id: d.proposal_id,
				proposal_title: d.title,
				cycle_slug: d.cycle_slug,
				decision: d.decision
			}
		}))
	);
	// One statement for every notice (a cycle sends a hundred decisions or more at once).
	await sql`
		select public.notify(x.recipient, 'track_decision', x.payload)
		from jsonb_to_recordset(${sql.json(notices)}) as x(recipient uuid, payload jsonb)
	`;
	await enqueue(
		sql,
		sent.flatMap((d) => d.recipients.map((r) => decisionMail(d, r, origin)))
	);
};

/**
 * Sends a cycle's decisions not sent yet (admins), once; how many were sent. `origin` is the
 * site's address for the links (the admin's request's).
 */
export async function sendDecisions(user: Claims, cycleId: string, origin: string) {
	const count = await decisions.send(user, cycleId, deliver(origin));
	if (count) kickMail();
	return count;
}
