/**
 * Every page of src/routes, each as someone who may see it, at an address that shows it: walked
 * in the pseudo-locale (tests/pseudo) and in Arabic and French (tests/e2e/every-page.test.ts).
 * A page added to src/routes without its entry here fails both.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import {
	TRACK_CYCLE,
	TRACK_LAST_CYCLE,
	TRACK_REVIEWED,
	trackProposalId
} from '../../supabase/seed/track.ts';
import { ROOT } from './test-cluster.ts';

export const MONSOON = 'monsoon-school-internet-governance';
/** A public topic space of the demo world, with a pinned request for comments first. */
export const SPACE = 'data-protection';

export type Who = 'visitor' | 'member' | 'coordinator' | 'admin';
export const ACCOUNTS: Record<Exclude<Who, 'visitor'>, string> = {
	member: 'amina@example.org',
	coordinator: 'priya@example.org',
	admin: DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email
};

/** The pages of src/routes, each as someone who may see it, at an address that shows it. */
export const PAGES: Record<string, { path: (found: Found) => string; as: Who; status?: number }[]> =
	{
		'/': [
			{ path: () => '/', as: 'visitor' },
			{ path: () => '/', as: 'member' }
		],
		'/account': [{ path: () => '/account', as: 'member' }],
		'/account/calendar': [{ path: () => '/account/calendar', as: 'member' }],
		'/account/memberships': [{ path: () => '/account/memberships', as: 'member' }],
		'/account/notifications': [{ path: () => '/account/notifications', as: 'member' }],
		'/account/password': [{ path: () => '/account/password', as: 'member' }],
		'/account/profile': [{ path: () => '/account/profile', as: 'member' }],
		'/admin': [
			{ path: () => '/admin', as: 'admin' },
			{ path: () => '/admin?q=school', as: 'admin' }
		],
		'/admin/audit': [{ path: () => '/admin/audit', as: 'admin' }],
		'/admin/programmes/[slug]': [{ path: () => `/admin/programmes/${MONSOON}`, as: 'admin' }],
		'/auth/confirm': [
			{ path: () => '/auth/confirm?token_hash=not-a-token&type=email', as: 'visitor' }
		],
		'/events': [
			{ path: () => '/events', as: 'visitor' },
			{ path: () => '/events?kind=webinar&format=online', as: 'member' },
			{
				path: () => `/events?organiser=programme:${MONSOON}&from=2026-01-01&language=en`,
				as: 'member'
			},
			// A topic's basket and a target group, as the filters offer them.
			{ path: () => '/events?topic=development&target_group=youth', as: 'member' }
		],
		'/events/[event]': [
			{ path: (f) => `/events/${f.event}`, as: 'visitor' },
			// A coordinator's view (the demo world's first event is her programme's: its attendee list).
			{ path: (f) => `/events/${f.event}`, as: 'coordinator' },
			// The demo's school whose registration closed (its page says so, and takes no answer).
			{ path: (f) => `/events/${f.closedEvent}`, as: 'member' }
		],
		// An event of the coordinator's programme: she may change it.
		'/events/[event]/edit': [{ path: (f) => `/events/${f.ownEvent}/edit`, as: 'coordinator' }],
		'/events/new': [{ path: () => '/events/new', as: 'coordinator' }],
		'/events/month': [
			{ path: () => '/events/month', as: 'visitor' },
			{ path: () => '/events/month?kind=webinar', as: 'member' }
		],
		'/forgot-password': [{ path: () => '/forgot-password', as: 'visitor' }],
		// An address of no invitation: the page that says so (with its 404).
		'/invitations/[token]': [{ path: () => '/invitations/not-a-token', as: 'member', status: 404 }],
		// The reports waiting in every space that is not private (admins moderate too).
		'/moderation': [{ path: () => '/moderation', as: 'admin' }],
		'/notifications': [{ path: () => '/notifications', as: 'coordinator' }],
		'/organisations': [{ path: () => '/organisations', as: 'visitor' }],
		'/organisations/[slug]': [{ path: (f) => `/organisations/${f.organisation}`, as: 'visitor' }],
		'/organisations/[slug]/events': [
			{ path: () => '/organisations/monsoon-forum/events', as: 'member' }
		],
		'/organisations/[slug]/edit': [
			{ path: (f) => `/organisations/${f.organisation}/edit`, as: 'admin' }
		],
		'/organisations/new': [{ path: () => '/organisations/new', as: 'admin' }],
		'/people': [
			{ path: () => '/people', as: 'visitor' },
			{ path: () => '/people?q=governance', as: 'member' }
		],
		'/people/[handle]': [
			{ path: (f) => `/people/${f.person}`, as: 'visitor' },
			{ path: (f) => `/people/${f.person}`, as: 'member' }
		],
		'/privacy': [{ path: () => '/privacy', as: 'visitor' }],
		'/programmes': [
			{ path: () => '/programmes', as: 'visitor' },
			{ path: () => '/programmes?q=policy&format=online', as: 'visitor' }
		],
		'/programmes/[slug]': [
			{ path: () => `/programmes/${MONSOON}`, as: 'visitor' },
			{ path: () => `/programmes/${MONSOON}`, as: 'coordinator' }
		],
		'/programmes/[slug]/claims': [
			{ path: () => `/programmes/${MONSOON}/claims`, as: 'coordinator' }
		],
		'/programmes/[slug]/events': [{ path: () => `/programmes/${MONSOON}/events`, as: 'visitor' }],
		'/programmes/[slug]/edit': [{ path: () => `/programmes/${MONSOON}/edit`, as: 'coordinator' }],
		'/programmes/[slug]/invite': [
			{ path: () => `/programmes/${MONSOON}/invite`, as: 'coordinator' }
		],
		'/programmes/[slug]/people': [{ path: () => `/programmes/${MONSOON}/people`, as: 'member' }],
		'/programmes/[slug]/suggest': [{ path: () => `/programmes/${MONSOON}/suggest`, as: 'member' }],
		'/programmes/[slug]/suggestions': [
			{ path: () => `/programmes/${MONSOON}/suggestions`, as: 'coordinator' }
		],
		'/programmes/[slug]/history': [
			{ path: () => `/programmes/${MONSOON}/history`, as: 'coordinator' },
			// Restoring the first version: what it would change, asked first.
			{ path: () => `/programmes/${MONSOON}/history?restore=1`, as: 'admin' }
		],
		'/programmes/new': [{ path: () => '/programmes/new', as: 'admin' }],
		'/sign-in': [{ path: () => '/sign-in', as: 'visitor' }],
		'/sign-in/link': [{ path: () => '/sign-in/link', as: 'visitor' }],
		'/sign-up': [{ path: () => '/sign-up', as: 'visitor' }],
		'/spaces': [
			{ path: () => '/spaces', as: 'visitor' },
			{ path: () => '/spaces', as: 'member' }
		],
		'/spaces/[space]': [
			{ path: () => `/spaces/${SPACE}`, as: 'visitor' },
			{ path: () => `/spaces/${SPACE}`, as: 'member' },
			// The programme's own space, as its coordinator (who moderates it).
			{ path: () => `/spaces/${MONSOON}`, as: 'coordinator' }
		],
		'/spaces/propose': [{ path: () => '/spaces/propose', as: 'member' }],
		'/spaces/proposals': [{ path: () => '/spaces/proposals', as: 'admin' }],
		'/spaces/search': [
			{ path: () => '/spaces/search?q=data%20protection', as: 'visitor' },
			{ path: () => `/spaces/search?q=consultation&in=${SPACE}`, as: 'member' }
		],
		'/spaces/[space]/members': [
			{ path: () => `/spaces/${SPACE}/members`, as: 'member' },
			// As a moderator (admins moderate every space that is not private): the tools beside.
			{ path: () => `/spaces/${SPACE}/members`, as: 'admin' }
		],
		'/spaces/[space]/log': [{ path: () => `/spaces/${SPACE}/log`, as: 'admin' }],
		'/spaces/[space]/events': [
			// A public regional space's events, with its feed.
			{ path: () => '/spaces/africa/events', as: 'visitor' },
			// A private working group's, as its moderator (who may add one from here).
			{ path: () => '/spaces/nri-coorganisers/events', as: 'coordinator' }
		],
		'/spaces/[space]/new': [{ path: () => `/spaces/${SPACE}/new`, as: 'member' }],
		'/spaces/[space]/[thread]': [
			{ path: (f) => `/spaces/${SPACE}/${f.thread}`, as: 'visitor' },
			{ path: (f) => `/spaces/${SPACE}/${f.thread}`, as: 'member' },
			// A post's report form and a moderator's hide form, each opened by its link.
			{ path: (f) => `/spaces/${SPACE}/${f.thread}?report=1&hide=1`, as: 'admin' }
		],
		// The current cycle's page (where /track sends everyone).
		'/track': [
			{ path: () => '/track', as: 'visitor' },
			// Where admins add the next cycle while one runs.
			{ path: () => '/track?new', as: 'admin' }
		],
		'/track/[cycle]': [
			{ path: () => `/track/${TRACK_CYCLE}`, as: 'visitor' },
			{ path: () => `/track/${TRACK_CYCLE}`, as: 'admin' }
		],
		'/track/[cycle]/propose': [{ path: () => `/track/${TRACK_CYCLE}/propose`, as: 'member' }],
		// Tomás's draft, as an admin sees it (admins read every proposal).
		'/track/[cycle]/proposals/[id]': [
			{ path: () => `/track/${TRACK_CYCLE}/proposals/${trackProposalId('tomas')}`, as: 'admin' }
		],
		'/track/[cycle]/manage': [{ path: () => `/track/${TRACK_CYCLE}/manage`, as: 'admin' }],
		'/track/[cycle]/manage/assignments': [
			{ path: () => `/track/${TRACK_CYCLE}/manage/assignments`, as: 'admin' }
		],
		'/track/[cycle]/manage/reviewers': [
			{ path: () => `/track/${TRACK_CYCLE}/manage/reviewers`, as: 'admin' }
		],
		'/track/[cycle]/manage/rubric': [
			{ path: () => `/track/${TRACK_CYCLE}/manage/rubric`, as: 'admin' }
		],
		'/track/[cycle]/manage/ranking': [
			{ path: () => `/track/${TRACK_CYCLE}/manage/ranking`, as: 'admin' },
			{ path: () => `/track/${TRACK_CYCLE}/manage/ranking?format=workshop`, as: 'admin' }
		],
		// The demo cycle is in review: its decisions page says when deciding opens, and lists them.
		'/track/[cycle]/manage/decisions': [
			{ path: () => `/track/${TRACK_CYCLE}/manage/decisions`, as: 'admin' },
			{ path: () => `/track/${TRACK_CYCLE}/manage/decisions?show=undecided`, as: 'admin' }
		],
		// Priya's review of a proposal assigned to her (the demo cycle is in its review phase).
		// The timetable: last year's published one, and this year's before publication (empty).
		'/track/[cycle]/manage/timetable': [
			{ path: () => `/track/${TRACK_LAST_CYCLE}/manage/timetable`, as: 'admin' },
			{ path: () => `/track/${TRACK_CYCLE}/manage/timetable`, as: 'admin' }
		],
		'/track/[cycle]/timetable': [
			{ path: () => `/track/${TRACK_LAST_CYCLE}/timetable`, as: 'visitor' },
			{ path: () => `/track/${TRACK_CYCLE}/timetable`, as: 'visitor' },
			{ path: () => `/track/${TRACK_LAST_CYCLE}/timetable`, as: 'member' }
		],
		'/track/[cycle]/review/[proposal]': [
			{
				path: () => `/track/${TRACK_CYCLE}/review/${trackProposalId(TRACK_REVIEWED)}`,
				as: 'coordinator'
			}
		],
		// Priya reviews (her queue, the proposals she may read); Amina is asked and has not answered.
		'/track/[cycle]/review': [
			{ path: () => `/track/${TRACK_CYCLE}/review`, as: 'coordinator' },
			{ path: () => `/track/${TRACK_CYCLE}/review`, as: 'member' }
		],
		// A token that is not one we signed: the page says so (a real one is walked in
		// tests/e2e/mail-settings.test.ts).
		'/unsubscribe/[token]': [{ path: () => '/unsubscribe/not-a-token', as: 'visitor' }],
		'/welcome': [{ path: () => '/welcome', as: 'member' }],
		// Not a page of the product: the development outbox, for developers, in English.
		'/dev/mail': []
	};
/** The error page too. */
export const ERROR_PAGES = ['/no-such-page', `/programmes/no-such-programme`];

export type Found = {
	organisation: string;
	person: string;
	event: string;
	/** An event of the coordinator's own programme (which she may change). */
	ownEvent: string;
	/** An event whose registration window has closed (the demo's Caspian school). */
	closedEvent: string;
	thread: string;
};

export function routesOf(folder: string, id = ''): string[] {
	const entries = readdirSync(folder, { withFileTypes: true });
	const here = entries.some((e) => e.name === '+page.svelte') ? [id || '/'] : [];
	return here.concat(
		...entries
			.filter((e) => e.isDirectory())
			.map((e) => routesOf(path.join(folder, e.name), `${id}/${e.name}`))
	);
}

/** The page routes of src/routes ('/', '/people/[handle]'…). */
export const ROUTES = () => routesOf(path.join(ROOT, 'src/routes'));

/** Signs `who` in on the English page (its labels are English words); the session is the same. */
export async function signInAs(page: Page, base: string, who: Exclude<Who, 'visitor'>) {
	await page.goto(`${base}/sign-in`);
	await page.getByLabel('E-mail address').fill(ACCOUNTS[who]);
	await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((target) => !target.pathname.startsWith('/sign-in'));
}

/** An organisation and a person to visit, found as a visitor finds them, under `prefix`. */
export async function findSome(page: Page, prefix: string): Promise<Found> {
	await page.goto(`${prefix}/organisations`);
	const organisation = await page
		.locator('main a[href*="/organisations/"]')
		.first()
		.getAttribute('href');
	await page.goto(`${prefix}/people`);
	const person = await page.locator('main a[href*="/people/"]').first().getAttribute('href');
	await page.goto(`${prefix}/events`);
	const event = await page.locator('main a.event-link').first().getAttribute('href');
	await page.goto(`${prefix}/events?organiser=programme:${MONSOON}`);
	const own = await page.locator('main a.event-link').first().getAttribute('href');
	await page.goto(`${prefix}/events?kind=school&target_group=law-enforcement`);
	const closed = await page.locator('main a.event-link').first().getAttribute('href');
	await page.goto(`${prefix}/spaces/${SPACE}`);
	const thread = await page
		.locator(`main a[href*="/spaces/${SPACE}/"]`)
		.first()
		.getAttribute('href');
	return {
		organisation: organisation!.split('/').pop()!,
		person: person!.split('/').pop()!,
		event: event!.split('/').pop()!,
		ownEvent: own!.split('/').pop()!,
		closedEvent: closed!.split('/').pop()!,
		thread: thread!.split('/').pop()!.split(/[?#]/)[0]!
	};
}
