/**
 * The job that mails notices (mentions and replies, posts in what a person watches, and a
 * coordinator's claims, suggested edits and accepted invitations): as each happens, or gathered
 * into a daily or weekly digest, as each person chose (public.mail_settings). Any instance may
 * run it, as many at once as there are: queued notices are claimed `for update skip locked` and
 * digests recorded once per (person, cadence, period) (db/notice-mails.ts). Each mail is
 * written in the recipient's language (profiles.locale), a digest's day in their time zone; a
 * post's words are read as the recipient at send time, so what they may no longer read is not
 * mailed. Every mail carries a one-click unsubscribe (RFC 8058) for its family; a post's mail is
 * threaded like a mailing list's (headers.ts).
 *
 * Like the events' messages job it is kicked after a change and swept every minute; the rows are
 * the truth, the timer only schedules.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import { describe } from '$lib/words/notifications';
import { m } from '$lib/paraglide/messages';
import {
	getServerAsyncLocalStorage,
	getTextDirection,
	localizeHref,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { localeOrBase } from '$lib/locales';
import type { Family } from '$lib/schemas/mail-settings';
import * as noticeMails from '../db/notice-mails';
import type { Outcome, PostSeen, QueuedNotice } from '../db/notice-mails';
import type { Tx } from '../db/client';
import { enqueue, type QueuedMail } from '../db/mail-outbox';
import { kickMail } from '../mail/sender';
import { html, type Html } from '../mail/html';
import { supabaseEnv } from '../env';
import { listId, threadingHeaders, unsubscribeHeaders, unsubscribeToken } from './headers';

/** Where links point and what signs the unsubscribe tokens. */
export type MailContext = { origin: string; secret: string };

const FAMILY_WORDS: Record<Family, (o: { locale: Locale }) => string> = {
	mentions: (o) => m.mailings_family_mentions({}, o),
	watching: (o) => m.mailings_family_watching({}, o),
	coordination: (o) => m.mailings_family_coordination({}, o)
};

/**
 * Runs `fn` with `locale` as the current one, for the words that read it themselves (the
 * notices' sentences in $lib/words/notifications), as a request's locale would be.
 */
function inLocale<T>(locale: Locale, origin: string, fn: () => T): T {
	let storage = getServerAsyncLocalStorage();
	if (!storage) {
		storage = new AsyncLocalStorage() as NonNullable<typeof storage>;
		overwriteServerAsyncLocalStorage(storage);
	}
	return storage.run({ locale, origin, messageCalls: new Set() }, fn);
}

/** The address that turns a family off with one click (and shows a button on a visit). */
export const unsubscribeUrl = (ctx: MailContext, person: string, family: Family, locale: Locale) =>
	`${ctx.origin}${localizeHref(`/unsubscribe/${unsubscribeToken(ctx.secret, person, family)}`, { locale })}`;

/** A notice's sentence and link in the recipient's language, with the post's details read as them. */
function sentence(notice: QueuedNotice, seen: PostSeen | null, locale: Locale, origin: string) {
	const payload = seen
		? {
				...notice.payload,
				thread_title: seen.thread_title,
				thread_number: seen.thread_number,
				thread_slug: seen.thread_slug,
				space_slug: seen.space_slug,
				actor_name: seen.actor_name
			}
		: notice.payload;
	return inLocale(locale, origin, () => describe({ kind: notice.kind, payload }));
}

const isPostNotice = (notice: QueuedNotice) => notice.family !== 'coordination';

/** The page around a mail's body: greeting, then the body, then why and how to stop. */
function wrap(
	notice: Pick<QueuedNotice, 'display_name' | 'profile_id'>,
	families: Family[],
	ctx: MailContext,
	locale: Locale,
	body: { text: string[]; html: Html }
) {
	const o = { locale };
	const hello = m.mailings_mail_hello({ name: notice.display_name }, o);
	const settings = `${ctx.origin}${localizeHref('/account/notifications', o)}`;
	const stops = families.map((family) => ({
		label: m.mailings_mail_unsubscribe({ family: FAMILY_WORDS[family](o) }, o),
		url: unsubscribeUrl(ctx, notice.profile_id, family, locale)
	}));
	const text = [
		hello,
		'',
		...body.text,
		'',
		'--',
		...stops.flatMap((s) => [s.label, s.url]),
		m.mailings_mail_settings({}, o),
		settings
	].join('\n');
	const links = stops.map((s) => html`<a href="${s.url}">${s.label}</a><br />`);
	const page = html`<p dir="auto">${hello}</p>
		${body.html}
		<hr />
		<p style="font-size: small">
			${{ html: links.map((l) => l.html).join('\n') }}
			<a href="${settings}">${m.mailings_mail_settings({}, o)}</a>
		</p>`;
	return {
		text,
		html: `<!doctype html>\n<html lang="${locale}" dir="${getTextDirection(locale)}"><body>\n${page.html}\n</body></html>`,
		unsubscribe: stops[0]!.url
	};
}

/** The mail about one post, as it happens: its words, threaded under its thread. */
export function postMail(notice: QueuedNotice, seen: PostSeen, ctx: MailContext): QueuedMail {
	const locale = localeOrBase(notice.locale);
	const o = { locale };
	const host = new URL(ctx.origin).hostname;
	const { text: lead, href } = sentence(notice, seen, locale, ctx.origin);
	const link = `${ctx.origin}${href ?? ''}`;
	const wrote = m.mailings_mail_wrote(
		{ who: seen.actor_name ?? m.notifications_someone({}, o), space: seen.space_name },
		o
	);
	const body = clip(seen.body, BODY_CHARS);
	const paragraphs = body.split(/\n{2,}/).map((p) => html`<p dir="auto">${p}</p>`);
	const mail = wrap(notice, [notice.family], ctx, locale, {
		text: [lead, '', wrote, '', body, '', m.mailings_mail_open({}, o), link],
		html: html`<p dir="auto">${lead}</p>
			<p dir="auto"><strong>${wrote}</strong></p>
			<blockquote style="white-space: pre-wrap">
				${{ html: paragraphs.map((p) => p.html).join('\n') }}
			</blockquote>
			<p><a href="${link}">${m.mailings_mail_open({}, o)}</a></p>`
	});
	const subject = `${seen.post_number > 1 ? 'Re: ' : ''}[${seen.space_name}] ${seen.thread_title}`;
	return {
		kind: 'space_notice',
		recipient: notice.email,
		subject: subject.slice(0, 300),
		text: mail.text,
		html: mail.html,
		headers: {
			...threadingHeaders(
				{ postId: seen.post_id, rootId: seen.root_id, parentId: seen.parent_id },
				host
			),
			'List-Id': listId(seen.space_slug, host),
			...unsubscribeHeaders(mail.unsubscribe)
		}
	};
}

/** The mail about a coordinator's notice, as it happens. */
export function coordinationMail(notice: QueuedNotice, ctx: MailContext): QueuedMail {
	const locale = localeOrBase(notice.locale);
	const o = { locale };
	const { text: lead, href } = sentence(notice, null, locale, ctx.origin);
	const link = `${ctx.origin}${href ?? localizeHref('/notifications', o)}`;
	const mail = wrap(notice, ['coordination'], ctx, locale, {
		text: [lead, '', m.mailings_mail_see({}, o), link],
		html: html`<p dir="auto">${lead}</p>
			<p><a href="${link}">${m.mailings_mail_see({}, o)}</a></p>`
	});
	return {
		kind: 'coordination_notice',
		recipient: notice.email,
		subject: lead.slice(0, 300),
		text: mail.text,
		html: mail.html,
		headers: unsubscribeHeaders(mail.unsubscribe)
	};
}

/** A day's (or a week's) notices in one mail, in the recipient's language and zone. */
export function digestMail(
	digest: noticeMails.DigestDue,
	items: { notice: QueuedNotice; text: string; href: string | null; excerpt: string | null }[],
	ctx: MailContext
): QueuedMail {
	const first = items[0]!.notice;
	const locale = localeOrBase(first.locale);
	const o = { locale };
	const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${digest.period_start}T00:00:00Z`)
	);
	const count = items.length;
	const shown = items.slice(0, DIGEST_ITEMS);
	const more = count - shown.length;
	const daily = digest.cadence === 'daily';
	const subject = daily
		? m.mailings_digest_subject_daily({ count }, o)
		: m.mailings_digest_subject_weekly({ count }, o);
	const intro = daily
		? m.mailings_digest_intro_daily({ date }, o)
		: m.mailings_digest_intro_weekly({ date }, o);
	const families = [...new Set(items.map((i) => i.notice.family))];
	const lines = shown.flatMap((i) => [
		`* ${i.text}`,
		...(i.excerpt ? [`  ${i.excerpt}`] : []),
		...(i.href ? [`  ${ctx.origin}${i.href}`] : [])
	]);
	const list = shown.map(
		(i) =>
			html`<li>
				<a href="${`${ctx.origin}${i.href ?? ''}`}" dir="auto">${i.text}</a>${
					i.excerpt ? html`<br /><span dir="auto">${i.excerpt}</span>` : ''
				}
			</li>`
	);
	const mail = wrap(first, families, ctx, locale, {
		text: [intro, '', ...lines, ...(more ? ['', m.mailings_digest_more({ count: more }, o)] : [])],
		html: html`<p>${intro}</p>
			<ul>
				${{ html: list.map((l) => l.html).join('\n') }}
			</ul>
			${more ? html`<p>${m.mailings_digest_more({ count: more }, o)}</p>` : ''}`
	});
	return {
		kind: 'notice_digest',
		recipient: first.email,
		subject,
		text: mail.text,
		html: mail.html,
		headers: unsubscribeHeaders(mail.unsubscribe)
	};
}

/**
 * What one mail holds at most: the outbox's rows have limits (text 20,000, html 50,000
 * characters), and a mail over them would fail its whole batch again on every run.
 */
const BODY_CHARS = 6000;
const DIGEST_ITEMS = 30;
const clip = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** A notice as each happens older than this is news no more: it is not mailed late. */
const STALE_MS = 24 * 60 * 60 * 1000;

const excerptOf = (body: string) => clip(body.replace(/\s+/g, ' ').trim(), 200);

/** Mails each claimed notice (or says why not), in the claim's transaction. */
const eachHandler = (ctx: MailContext) => async (sql: Tx, notices: QueuedNotice[]) => {
	const mails: QueuedMail[] = [];
	const done: { id: string; outcome: Outcome }[] = [];
	for (const notice of notices) {
		const id = notice.notification_id;
		if (notice.cadence === 'off') {
			done.push({ id, outcome: 'off' });
		} else if (Date.now() - notice.created_at.getTime() > STALE_MS) {
			done.push({ id, outcome: 'stale' });
		} else if (isPostNotice(notice)) {
			const seen = await noticeMails.postSeenBy(sql, notice.profile_id, notice.payload);
			if (seen) mails.push(postMail(notice, seen, ctx));
			done.push({ id, outcome: seen ? 'mailed' : 'unreadable' });
		} else if (await noticeMails.stillCoordinates(sql, notice.profile_id, notice.payload)) {
			mails.push(coordinationMail(notice, ctx));
			done.push({ id, outcome: 'mailed' });
		} else {
			done.push({ id, outcome: 'unreadable' });
		}
	}
	await enqueue(sql, mails);
	return done;
};

/** Gathers a digest's notices (what the person may still read) into one mail. */
const digestHandler =
	(ctx: MailContext, digest: noticeMails.DigestDue) => async (sql: Tx, notices: QueuedNotice[]) => {
		const items = [];
		const done: { id: string; outcome: Outcome }[] = [];
		for (const notice of notices) {
			const locale = localeOrBase(notice.locale);
			const seen = isPostNotice(notice)
				? await noticeMails.postSeenBy(sql, notice.profile_id, notice.payload)
				: null;
			const readable = isPostNotice(notice)
				? seen !== null
				: await noticeMails.stillCoordinates(sql, notice.profile_id, notice.payload);
			if (!readable) {
				done.push({ id: notice.notification_id, outcome: 'unreadable' });
				continue;
			}
			items.push({
				notice,
				...sentence(notice, seen, locale, ctx.origin),
				excerpt: seen ? excerptOf(seen.body) : null
			});
			done.push({ id: notice.notification_id, outcome: 'digested' });
		}
		if (items.length) await enqueue(sql, [digestMail(digest, items, ctx)]);
		return done;
	};

export type RunOutcome = { each: number; digests: number };

/** One run: every notice due as it happens, then every digest due. */
export async function runNoticeMails(ctx: MailContext): Promise<RunOutcome> {
	const handle = eachHandler(ctx);
	let each = 0;
	for (
		let taken = await noticeMails.eachDue(handle);
		taken;
		taken = await noticeMails.eachDue(handle)
	) {
		each += taken;
	}
	let digests = 0;
	for (const digest of await noticeMails.digestsDue()) {
		if (await noticeMails.buildDigest(digest, digestHandler(ctx, digest))) digests += 1;
	}
	if (each || digests) kickMail();
	return { each, digests };
}

/**
 * The key of the unsubscribe tokens: derived from the server's secret key, so it is never
 * guessable and changes with it (which voids the old links, as a rotated secret should).
 */
export const unsubscribeSecret = () =>
	createHmac('sha256', supabaseEnv().SUPABASE_SECRET_KEY)
		.update('capacity-commons/unsubscribe')
		.digest('base64url');

const SWEEP_MS = 60_000;
let origin: string | undefined;
let running: Promise<void> | undefined;
let again = false;
let sweep: NodeJS.Timeout | undefined;

/** The site's address for the links in mail: the request's (called from the server hook). */
export function rememberNoticeOrigin(url: URL): void {
	origin = url.origin;
}

/** Runs the job in the background (once more if it is under way). Never throws. */
export function kickNoticeMails(): void {
	if (!origin) return;
	if (running) {
		again = true;
		return;
	}
	const ctx = { origin, secret: unsubscribeSecret() };
	running = (async () => {
		do {
			again = false;
			await runNoticeMails(ctx);
		} while (again);
	})()
		.catch((error: unknown) => console.error('[notices] the mail job failed', error))
		.finally(() => (running = undefined));
}

/** Starts this instance's sweep (once). */
export function startNoticeMails(): void {
	if (sweep) return;
	sweep = setInterval(kickNoticeMails, SWEEP_MS);
	sweep.unref();
}
