/**
 * The app's own outgoing mail (public.mail_outbox). A mail is queued inside the transaction of
 * what it is about, so a change that rolls back mails nothing; senders on any server instance
 * claim due rows with `for update skip locked`, send them, and mark them sent or failed.
 *
 * The table is service-only (other people's addresses and invitation links): every query here
 * runs as the service, and says so.
 */
import { asService, type Tx } from './client';

export type MailKind =
	| 'invitation'
	| 'account_exists'
	| 'event_announced'
	| 'event_updated'
	| 'event_cancelled'
	| 'event_reminder'
	| 'space_notice'
	| 'coordination_notice'
	| 'notice_digest'
	| 'track_decision'
	| 'track_session_moved'
	| 'track_session_cancelled';

export type QueuedMail = {
	kind: MailKind;
	recipient: string;
	subject: string;
	text: string;
	html: string;
	/** Headers of its own (Message-ID, References, List-Unsubscribe…), stored with the row. */
	headers?: Record<string, string>;
};

export type ClaimedMail = QueuedMail & {
	id: string;
	attempts: number;
	headers: Record<string, string>;
};

/** The most tries of one mail; then it stays unsent with its last error, for whoever runs the site. */
export const MAX_ATTEMPTS = 8;

/**
 * How long a claimed mail is its sender's: another sender takes it only after that (the first one
 * died mid-send). Longer than a batch can take with the sender's SMTP timeouts.
 */
const LEASE = '10 minutes';

/**
 * Queues mails in the caller's transaction, which must already run as the service
 * (asServiceWithin inside a person's transaction): nobody else may write the outbox.
 */
export async function enqueue(sql: Tx, mails: QueuedMail[]): Promise<{ id: string }[]> {
	if (mails.length === 0) return [];
	const rows = mails.map((mail) => ({ ...mail, headers: sql.json(mail.headers ?? {}) }));
	return sql<{ id: string }[]>`
		insert into public.mail_outbox ${sql(rows, 'kind', 'recipient', 'subject', 'text', 'html', 'headers')}
		returning id
	`;
}

/**
 * Claims up to `limit` due mails in `sql`'s transaction: each counts a try and is leased, so no
 * other sender takes it until it is marked or the lease runs out. Rows another claimer holds are
 * skipped, not waited for.
 */
export const claimWith = (sql: Tx, limit: number) =>
	sql<ClaimedMail[]>`
		update public.mail_outbox m
		set attempts = m.attempts + 1, next_attempt_at = now() + ${LEASE}::interval
		from (
			select o.id from public.mail_outbox o
			where o.sent_at is null and o.next_attempt_at <= now() and o.attempts < ${MAX_ATTEMPTS}
			order by o.next_attempt_at, o.id
			limit ${limit}
			for update skip locked
		) due
		where m.id = due.id
		returning m.id, m.kind, m.recipient, m.subject, m.text, m.html, m.headers, m.attempts
	`;

/** Claims up to `limit` due mails for this sender. */
export const claim = (limit: number) =>
	// As the service: the outbox is service-only, and the sender is a background job.
	asService((sql) => claimWith(sql, limit));

/** Marks a claimed mail sent. */
export const markSent = (id: string) =>
	// As the service: the outbox is service-only, and the sender is a background job.
	asService(
		(sql) => sql`
			update public.mail_outbox set sent_at = now(), last_error = null
			where id = ${id} and sent_at is null
			returning id
		`
	);

/**
 * Records a failed try: the mail falls due again after a backoff that doubles with each try
 * (1, 2, 4 … minutes, at most 6 hours), or never again after MAX_ATTEMPTS (its next attempt is
 * 'infinity', so it leaves the front of the senders' index).
 */
export const markFailed = (id: string, error: string) =>
	// As the service: the outbox is service-only, and the sender is a background job.
	asService(
		(sql) => sql`
			update public.mail_outbox
			set last_error = ${error.slice(0, 1000)},
			    next_attempt_at = case
			      when attempts >= ${MAX_ATTEMPTS} then 'infinity'::timestamptz
			      else now() + least(interval '6 hours', interval '1 minute' * power(2, attempts - 1))
			    end
			where id = ${id} and sent_at is null
			returning id
		`
	);
