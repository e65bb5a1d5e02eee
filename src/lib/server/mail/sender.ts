/**
 * Sends the app's own mail from public.mail_outbox through SMTP (nodemailer, SMTP_URL): a real
 * provider on a Supabase project, the stand-in's SMTP sink with the embedded default.
 *
 * Every server instance runs a sender: kicked right after something queues mail, and a sweep
 * every minute picks up what is due (a retry, or what another instance left). The rows are the
 * truth; this module only schedules. Nothing here keeps a process alive: the sweep's timer is
 * unref'd and each run closes its SMTP connections when the outbox is empty.
 */
import { createTransport } from 'nodemailer';
import * as outbox from '../db/mail-outbox';
import { mailEnv } from '../env';

/** Mails claimed at once; they go out over at most CONNECTIONS connections, a few at a time. */
const BATCH = 10;
const CONNECTIONS = 2;
const SWEEP_MS = 60_000;

/**
 * A row's own headers as nodemailer takes them: the threading ones through its options (it would
 * otherwise write a Message-ID of its own), the rest as they are.
 */
export function envelopeHeaders(headers: Record<string, string> = {}) {
	const {
		'Message-ID': messageId,
		'In-Reply-To': inReplyTo,
		References: references,
		...rest
	} = headers;
	return {
		...(messageId ? { messageId } : {}),
		...(inReplyTo ? { inReplyTo } : {}),
		...(references ? { references } : {}),
		// Sent as they are: ours are ASCII (addresses, ids), and nodemailer would otherwise MIME-encode
		// a long one, which breaks List-Id's and List-Unsubscribe's <…> for mail clients.
		headers: Object.fromEntries(
			Object.entries(rest).map(([name, value]) => [name, { prepared: true, value }])
		)
	};
}

export type SendOutcome = { sent: number; failed: number };

/**
 * Sends what is due until nothing is, or until a whole batch failed (the server is down: the
 * rows wait for their retry rather than use up their tries at once). Each failure is recorded on
 * its row. A mail marked sent after the SMTP server took it; if marking fails, the lease runs out
 * and it is sent again: at least once, never lost.
 */
export async function sendDue(smtp: { url: string; from: string }): Promise<SendOutcome> {
	const transport = createTransport(
		{
			url: smtp.url,
			pool: true,
			maxConnections: CONNECTIONS,
			// A server that does not answer must not hold a batch for minutes (nodemailer's defaults).
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 30_000
		},
		{ from: smtp.from }
	);
	// A transport's own errors (a pooled connection failing between mails) are events; unheard, an
	// 'error' event would end the process. Each mail's failure is handled where it is sent.
	transport.on('error', (error) => console.warn(`[mail] SMTP: ${error.message}`));
	const outcome: SendOutcome = { sent: 0, failed: 0 };
	try {
		for (let due = await outbox.claim(BATCH); due.length > 0; due = await outbox.claim(BATCH)) {
			const results = await Promise.all(
				due.map(async (mail) => {
					try {
						await transport.sendMail({
							to: mail.recipient,
							subject: mail.subject,
							text: mail.text,
							html: mail.html,
							...envelopeHeaders(mail.headers)
						});
					} catch (error) {
						await outbox.markFailed(
							mail.id,
							error instanceof Error ? error.message : String(error)
						);
						return false;
					}
					await outbox.markSent(mail.id);
					return true;
				})
			);
			const sent = results.filter(Boolean).length;
			outcome.sent += sent;
			outcome.failed += results.length - sent;
			if (sent === 0) break;
		}
	} finally {
		transport.close();
	}
	return outcome;
}

let running: Promise<void> | undefined;
let again = false;
let sweep: NodeJS.Timeout | undefined;

/**
 * Starts sending what is due, in the background; when a run is under way it goes round once more
 * instead, so a mail queued meanwhile is not left for the sweep. Never throws.
 */
export function kickMail(): void {
	const { SMTP_URL, MAIL_FROM } = mailEnv();
	if (!SMTP_URL || !MAIL_FROM) return;
	if (running) {
		again = true;
		return;
	}
	running = (async () => {
		do {
			again = false;
			const { failed } = await sendDue({ url: SMTP_URL, from: MAIL_FROM });
			if (failed) console.warn(`[mail] ${failed} mail(s) not sent yet; they will be retried`);
		} while (again);
	})()
		.catch((error: unknown) => console.error('[mail] the sender failed', error))
		.finally(() => (running = undefined));
}

/** Starts this instance's sender (once): a first run for what waits, then the sweep. */
export function startMailSender(): void {
	if (sweep) return;
	if (!mailEnv().SMTP_URL) {
		console.warn(
			'[mail] SMTP_URL is not set: the app’s own mail (invitations) waits in public.mail_outbox until it is.'
		);
		return;
	}
	sweep = setInterval(kickMail, SWEEP_MS);
	sweep.unref();
	kickMail();
}
