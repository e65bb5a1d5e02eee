/**
 * The stand-in's SMTP sink: the app sends its own mail through SMTP on every backend (nodemailer,
 * SMTP_URL); with the embedded default it reaches this server on loopback, which keeps every
 * message in the outbox beside Auth's (kind 'app'), where /dev/mail and GET /_dev/mail show it.
 * Nothing is delivered anywhere. The protocol is smtp-server's and the parsing mailparser's, both
 * from the nodemailer project.
 */
import { simpleParser } from 'mailparser';

/** The headers a list-like mail is judged by, kept with it (lower-case, as mailparser keys them). */
const KEPT_HEADERS = new Set([
	'message-id',
	'in-reply-to',
	'references',
	'list-id',
	'list-unsubscribe',
	'list-unsubscribe-post'
]);
import { SMTPServer } from 'smtp-server';
import type { Outbox } from './outbox.ts';

export type SmtpSink = {
	port: number;
	/** What the app's SMTP_URL should be to reach the sink. */
	url: string;
	stop: () => Promise<void>;
};

/** Far more than any mail of the app; a larger one is refused as SMTP says (552). */
const MAX_BYTES = 1_000_000;

/** The first web link of a mail: what a person would follow (the app's mails have one). */
const LINK = /https?:\/\/[^\s<>"')]+/;

export async function startSmtpSink(options: {
	port: number;
	outbox: Outbox;
	/** Loopback only by default: the sink takes mail from anyone who reaches it. */
	host?: string;
}): Promise<SmtpSink> {
	const host = options.host ?? '127.0.0.1';
	const server = new SMTPServer({
		banner: 'Capacity Commons stand-in: mail is kept in the local outbox, never delivered',
		// Loopback and no accounts: nothing to authenticate or encrypt. smtp-server's built-in
		// certificate is a test key anyone has, so STARTTLS is not offered at all.
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		size: MAX_BYTES,
		logger: false,
		// On stop, a client still connected is cut off after a second rather than awaited.
		closeTimeout: 1000,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then(async (parsed) => {
					if (stream.sizeExceeded) {
						return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
					}
					const text = parsed.text ?? '';
					const html = parsed.html || parsed.textAsHtml || '';
					const link = (LINK.exec(text) ?? LINK.exec(html))?.[0];
					const headers = Object.fromEntries(
						parsed.headerLines
							.filter(({ key }) => KEPT_HEADERS.has(key))
							.map(({ line }) => {
								const colon = line.indexOf(':');
								const value = line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '');
								return [line.slice(0, colon).trim(), value.trim()];
							})
					);
					// One outbox entry per recipient of the envelope (Bcc included), as a mailbox would.
					for (const { address } of session.envelope.rcptTo) {
						await options.outbox.add({
							kind: 'app',
							to: address,
							from: parsed.from?.text,
							subject: parsed.subject ?? '',
							text,
							html,
							link,
							...(Object.keys(headers).length ? { headers } : {})
						});
					}
					callback();
				})
				.catch((error: unknown) => callback(error instanceof Error ? error : new Error('failed')));
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	// Errors of one connection (a client that hung up) are not the sink's failure.
	server.on('error', () => {});

	return {
		port: options.port,
		url: `smtp://${host}:${options.port}`,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
