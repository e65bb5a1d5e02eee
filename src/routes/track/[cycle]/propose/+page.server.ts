import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { missingForSubmission, proposalSchema } from '$lib/schemas/track';
import { requireUser } from '$lib/server/auth/guard';
import * as track from '$lib/server/db/track';
import { taxonomies } from '$lib/server/db/taxonomies';
import { refusedWith } from '$lib/server/db/errors';
import { failure, parseForm, refused, type ConstraintMessages } from '$lib/server/forms';
import { checkCriteria } from '$lib/track/criteria';
import { z } from 'zod';
import { proposalPath, proposePath } from '../../paths';
import { criteriaPeople, proposalValues } from '../../proposal-values';
import type { Actions, PageServerLoad } from './$types';

const proposalParam = z.uuid().optional().catch(undefined);

const constraints = (): ConstraintMessages => ({
	track_proposals_complete_when_submitted: { field: 'form', message: m.track_incomplete() },
	track_speakers_stakeholder_group_fkey: { field: 'form', message: m.forms_not_a_choice() },
	track_speakers_region_code_fkey: { field: 'form', message: m.forms_not_a_choice() }
});

async function cycleOf(slug: string) {
	const user = requireUser();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/** The form for a new proposal, or for one of the viewer's (?proposal=<id>), with the criteria. */
export const load: PageServerLoad = async ({ params, url }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const id = proposalParam.parse(url.searchParams.get('proposal') ?? undefined);
	const proposal = id ? await track.proposal(user, cycle.id, id) : null;
	if (id && (!proposal || !proposal.mine)) error(404, m.track_proposal_not_found());
	const values = proposal ? proposalValues(proposal) : {};
	const lists = await taxonomies();
	return {
		cycle,
		proposal,
		values,
		criteria: checkCriteria(criteriaPeople(values)),
		saved: url.searchParams.has('saved'),
		groups: lists.stakeholderGroups,
		regions: lists.regions,
		baskets: lists.baskets
	};
};

async function save(
	request: Request,
	params: { cycle: string },
	url: URL,
	status: 'draft' | 'submitted'
) {
	const { user, cycle } = await cycleOf(params.cycle);
	const id = proposalParam.parse(url.searchParams.get('proposal') ?? undefined) ?? null;
	const form = await parseForm(request, proposalSchema);
	if (!form.ok) return fail(400, form);
	if (status === 'submitted') {
		const missing = missingForSubmission(form.data);
		if (Object.keys(missing).length) return fail(400, failure(form.values, missing));
	}
	let outcome: track.SaveOutcome;
	try {
		outcome = await track.save(user, cycle.id, id, form.data, status);
	} catch (err) {
		// The phase moved on while the form was open (the database checks the deadline).
		if (refusedWith(err, 'trackPhaseClosed')) {
			return fail(409, failure(form.values, { form: m.track_closed() }));
		}
		return refused(err, form.values, constraints());
	}
	if (!outcome.ok && outcome.reason === 'gone') error(404, m.track_proposal_not_found());
	if (!outcome.ok) {
		return fail(
			400,
			failure(form.values, {
				co_proposers: m.track_unknown_co_proposers({ handles: outcome.handles.join(', ') })
			})
		);
	}
	redirect(
		303,
		localizeHref(
			status === 'submitted'
				? `${proposalPath(cycle.slug, outcome.id)}?submitted`
				: `${proposePath(cycle.slug, outcome.id)}&saved`
		)
	);
}

export const actions = {
	save: ({ request, params, url }) => save(request, params, url, 'draft'),
	submit: ({ request, params, url }) => save(request, params, url, 'submitted')
} satisfies Actions;
