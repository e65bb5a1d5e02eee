import { isAdminClaims } from '$lib/server/auth/admin';
import * as reports from '$lib/server/db/reports';
import * as spaces from '$lib/server/db/spaces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// A visitor reads, searches and follows links: nothing here needs the app for them.
	locals.withoutApp = !locals.claims;
	const admin = locals.claims && isAdminClaims(locals.claims) ? locals.claims : null;
	const [all, moderates, proposals] = await Promise.all([
		spaces.list(locals.claims),
		locals.claims ? reports.moderatesAny(locals.claims) : false,
		admin ? spaces.waitingProposals(admin).then((w) => w.length) : null
	]);
	return {
		moderates,
		proposals,
		mine: all.filter((s) => s.my_role !== null),
		others: all.filter((s) => s.my_role === null),
		signedIn: Boolean(locals.claims)
	};
};
