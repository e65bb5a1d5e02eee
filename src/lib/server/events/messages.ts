/**
 * The job that sends what is said about events: announcements, updates, cancellation notices
 * (public.event_dispatches) and reminders a day and an hour before. Any instance may run it, as
 * many at once as there are: dispatches are claimed `for update skip locked`, and each delivery
 * is recorded once per (event, person, kind, SEQUENCE) (db/event-messages.ts). Each recipient gets
 * a notification and an e-mail through the outbox, written in their own language (profiles.locale)
 * with the time in the event's zone and in theirs, in the same transaction as the record.
 *
 * Like the mail sender, it is kicked after an organiser's change and swept every minute; the
 * rows are the truth, the timer only schedules. Links in the mail need the site's address: the
 * last one this instance was asked at; an instance that has served no request yet
 * leaves the work to one that has.
 */
import { describeEventTime } from '$lib/event-time';
import { clockFor } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { getTextDirection, localizeHref } from '$lib/paraglide/runtime';
import { localeOrBase } from '$lib/locales';
import * as messages from '../db/event-messages';
import type { Batch, MessageKind, Recipient } from '../db/event-messages';
import type { Tx } from '../db/client';
import { enqueue, type MailKind, type QueuedMail } from '../db/mail-outbox';
import { kickMail } from '../mail/sender';
import { html } from '../mail/html';

const NOTIFICATION: Record<MessageKind, string> = {
	announcement: 'event_announced',
	update: 'event_updated',
	cancellation: 'event_cancelled',
	reminder_day: 'event_reminder',
	reminder_hour: 'event_reminder'
};

const SUBJECT: Record<MessageKind, typeof m.events_mail_announced_subject> = {
	announcement: m.events_mail_announced_subject,
	update: m.events_mail_updated_subject,
	cancellation: m.events_mail_cancelled_subject,
	reminder_day: m.events_mail_reminder_day_subject,
	reminder_hour: m.events_mail_reminder_hour_subject
};

/**
 * The organisers' names, for an announcement's first line. Read as the service, which sees every
 * space: a private space's name goes only to its own members' mail, so it is left out here
 * (everyone on the list gets the same line).
 */
async function organisersOf(sql: Tx, event: string) {
	const rows = await sql<{ name: string }[]>`
		select coalesce(p.name, g.name, s.name) as name
		from public.event_organisers o
		left join public.programmes p on p.id = o.programme_id
		left join public.organisations g on g.id = o.organisation_id
		left join public.spaces s on s.id = o.space_id
		where o.event_id = ${event} and (s.id is null or s.visibility <> 'private')
		order by o.created_at, o.id
	`;
	return rows.map((r) => r.name);
}

/** One recipient's mail about an event, in their language and with their clock. */
export function eventMail(
	batch: Omit<Batch, 'recipients'>,
	recipient: Recipient,
	origin: string,
	organisers: string[]
): QueuedMail {
	const locale = localeOrBase(recipient.locale);
	const o = { locale };
	const { event, kind } = batch;
	const clock = clockFor(recipient.time_zone ?? event.time_zone, locale);
	const when = describeEventTime(event, clock);
	const link = `${origin}${localizeHref(`/events/${event.id}-${event.slug}`, o)}`;
	const settings = `${origin}${localizeHref('/account/calendar', o)}`;
	const lead =
		kind === 'announcement'
			? m.events_mail_announced({ organisers: organisers.join(', ') }, o)
			: kind === 'update'
				? m.events_mail_updated({}, o)
				: kind === 'cancellation'
					? m.events_mail_cancelled({}, o)
					: kind === 'reminder_day'
						? m.events_mail_reminder_day({}, o)
						: m.events_mail_reminder_hour({}, o);
	const where = [event.venue_name, event.venue_city].filter(Boolean).join(', ');
	const lines = [
		m.events_mail_when({ when: when.there, zone: when.zone }, o),
		...(when.forYou ? [m.events_mail_for_you({ when: when.forYou }, o)] : []),
		...(where ? [m.events_mail_where({ where }, o)] : [])
	];
	const hello = m.events_mail_hello({ name: recipient.display_name }, o);
	const text = [
		hello,
		'',
		lead,
		'',
		event.title,
		...lines,
		'',
		m.events_mail_open({}, o),
		link,
		'',
		m.events_mail_settings({}, o),
		settings,
		'',
		'Capacity Commons'
	].join('\n');
	const body = html`<p>${hello}</p>
		<p>${lead}</p>
		<p><strong dir="auto">${event.title}</strong></p>
		<p>${lines.join(' · ')}</p>
		<p><a href="${link}">${m.events_mail_open({}, o)}</a></p>
		<p><a href="${settings}">${m.events_mail_settings({}, o)}</a></p>
		<p>Capacity Commons</p>`;
	return {
		kind: NOTIFICATION[kind] as MailKind,
		recipient: recipient.email,
		subject: SUBJECT[kind]({ title: event.title }, o),
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${body.html}\n</body></html>`
	};
}

/** Writes a batch's notifications and mails (the deliveries are recorded already). */
const sender = (origin: string) => async (sql: Tx, batch: Batch) => {
	if (!batch.recipients.length) return;
	const organisers = batch.kind === 'announcement' ? await organisersOf(sql, batch.event.id) : [];
	const payload = {
		event_id: batch.event.id,
		event_slug: batch.event.slug,
		event_title: batch.event.title
	};
	for (const recipient of batch.recipients) {
		await sql`select public.notify(${recipient.profile_id}, ${NOTIFICATION[batch.kind]}, ${sql.json(payload)})`;
	}
	await enqueue(
		sql,
		batch.recipients.map((r) => eventMail(batch, r, origin, organisers))
	);
};

export type RunOutcome = { dispatches: number; reminders: number };

/** One run: every due dispatch, then the reminders due. */
export async function runEventMessages(origin: string): Promise<RunOutcome> {
	const send = sender(origin);
	let dispatches = 0;
	while (await messages.dispatchNext(send)) dispatches += 1;
	const reminders =
		(await messages.remindDue('reminder_day', send)) +
		(await messages.remindDue('reminder_hour', send));
	if (dispatches || reminders) kickMail();
	return { dispatches, reminders };
}

const SWEEP_MS = 60_000;
let origin: string | undefined;
let running: Promise<void> | undefined;
let again = false;
let sweep: NodeJS.Timeout | undefined;

/** The site's address for the links in mail: the request's (called from the server hook). */
export function rememberOrigin(url: URL): void {
	origin = url.origin;
}

/** Runs the job in the background (once more if it is under way). Never throws. */
export function kickEventMessages(): void {
	if (!origin) return;
	if (running) {
		again = true;
		return;
	}
	const at = origin;
	running = (async () => {
		do {
			again = false;
			await runEventMessages(at);
		} while (again);
	})()
		.catch((error: unknown) => console.error('[events] the message job failed', error))
		.finally(() => (running = undefined));
}

/** Starts this instance's sweep (once). */
export function startEventMessages(): void {
	if (sweep) return;
	sweep = setInterval(kickEventMessages, SWEEP_MS);
	sweep.unref();
}
