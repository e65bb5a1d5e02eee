/**
 * Publishing the track's timetable, and the mail it sends: the proposers and member speakers of a
 * session that moved (a new time or room) or left the timetable each get an e-mail through the
 * outbox, besides the notice the database writes, in their own language (profiles.locale), with
 * the new start in the venue's time and in their own (profiles.time_zone). Written in the
 * publication's own transaction (db/track-timetable.ts `publish`), so a publication that rolls
 * back mails nobody, and one that changes nothing mails nobody either.
 */
import { describeEventTime } from '$lib/event-time';
import { clockFor } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { getTextDirection, localizeHref } from '$lib/paraglide/runtime';
import { localeOrBase } from '$lib/locales';
import type { Claims, Tx } from '../db/client';
import { enqueue, type QueuedMail } from '../db/mail-outbox';
import * as timetable from '../db/track-timetable';
import type { ToldSession } from '../db/track-timetable';
import { html } from '../mail/html';
import { kickMail } from '../mail/sender';

/** One person's mail about a moved or cancelled session, in their language and with their clock. */
export function sessionMail(
	session: ToldSession,
	recipient: ToldSession['recipients'][number],
	origin: string
): QueuedMail {
	const locale = localeOrBase(recipient.locale);
	const o = { locale };
	const words = { title: session.title, cycle: session.cycle_title };
	const hello = m.timetable_mail_hello({ name: recipient.display_name }, o);
	const timetableLink = `${origin}${localizeHref(`/track/${encodeURIComponent(session.cycle_slug)}/timetable`, o)}`;
	const eventLink = `${origin}${localizeHref(`/events/${session.event_id}-${session.event_slug}`, o)}`;
	const moved = session.change === 'moved';
	const lead = moved ? m.timetable_mail_moved(words, o) : m.timetable_mail_cancelled(words, o);
	const lines: string[] = [];
	if (moved) {
		const clock = clockFor(recipient.time_zone ?? session.time_zone, locale);
		const when = describeEventTime(
			{
				time_zone: session.time_zone,
				all_day: false,
				starts_at: session.starts_at,
				ends_at: session.ends_at,
				starts_on: null,
				ends_on: null
			},
			clock
		);
		lines.push(m.timetable_mail_when({ when: when.there, zone: when.zone }, o));
		if (when.forYou) {
			lines.push(m.timetable_mail_for_you({ when: when.forYou, zone: clock.timeZone }, o));
		}
		if (session.room_name) {
			lines.push(
				session.room_kind === 'online'
					? m.timetable_mail_room_online({ room: session.room_name }, o)
					: m.timetable_mail_room({ room: session.room_name }, o)
			);
		}
	}
	const why = m.timetable_mail_why({}, o);
	const text = [
		hello,
		'',
		lead,
		...(lines.length ? ['', ...lines] : []),
		'',
		...(moved ? [m.timetable_mail_open_event({}, o), eventLink, ''] : []),
		m.timetable_mail_open_timetable({}, o),
		timetableLink,
		'',
		why,
		'',
		'Capacity Commons'
	].join('\n');
	const body = html`<p>${hello}</p>
		<p dir="auto">${lead}</p>
		${lines.length ? html`<p>${{ html: lines.map((l) => html`${l}`.html).join('<br>\n') }}</p>` : ''}
		${moved ? html`<p>${m.timetable_mail_open_event({}, o)} <a href="${eventLink}" dir="auto">${session.title}</a></p>` : ''}
		<p><a href="${timetableLink}">${m.timetable_mail_open_timetable({}, o)}</a></p>
		<p>${why}</p>
		<p>Capacity Commons</p>`;
	return {
		kind: moved ? 'track_session_moved' : 'track_session_cancelled',
		recipient: recipient.email,
		subject: moved
			? m.timetable_mail_moved_subject({ title: session.title }, o)
			: m.timetable_mail_cancelled_subject({ title: session.title }, o),
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${body.html}\n</body></html>`
	};
}

/** Writes the mails of the sessions a publication told about (as the service). */
const deliver = (origin: string) => async (sql: Tx, told: ToldSession[]) => {
	await enqueue(
		sql,
		told.flatMap((s) => s.recipients.map((r) => sessionMail(s, r, origin)))
	);
};

/**
 * Publishes a saved version of a cycle's timetable (admins) and mails the people of its moved and
 * cancelled sessions. `origin` is the site's address for the links (the admin's request's).
 */
export async function publishTimetable(
	user: Claims,
	cycleId: string,
	versionId: string,
	origin: string
) {
	const done = await timetable.publish(user, cycleId, versionId, deliver(origin));
	if (typeof done === 'object' && done.told) kickMail();
	return done;
}
