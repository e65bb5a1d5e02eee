import { describe as group, expect, it } from 'vitest';
import { describe } from '$lib/words/notifications';

const monsoon = {
	programme_slug: 'monsoon-school',
	programme_name: 'Monsoon School',
	cohort_edition: '2023',
	role: 'alumnus'
};

group('how a notification reads', () => {
	it.each([
		[
			'membership_verified',
			monsoon,
			'Your membership was verified: Alumni · Monsoon School 2023.',
			'/programmes/monsoon-school'
		],
		[
			'membership_declined',
			{ ...monsoon, role: 'trainer', cohort_edition: null, reason: 'Not on our list.' },
			'Your claim was declined: Trainer · Monsoon School. Reason: Not on our list.',
			'/account/memberships'
		],
		[
			'invitation',
			monsoon,
			'You are invited to join Alumni · Monsoon School 2023.',
			'/account/memberships'
		],
		[
			'claim_received',
			{ ...monsoon, person_name: 'Nadia Karimova', membership_id: 'm1' },
			'Nadia Karimova claims a membership: Alumni · Monsoon School 2023. Verify or decline it.',
			'/programmes/monsoon-school/claims'
		],
		[
			'suggestion_received',
			{ ...monsoon, person_name: 'Nadia Karimova', field: 'website', suggestion_id: 's1' },
			'Nadia Karimova suggested an edit to Monsoon School (website).',
			'/programmes/monsoon-school/suggestions'
		],
		[
			'invitation_accepted',
			{ ...monsoon, person_name: 'Nadia Karimova', invitation_id: 'i1' },
			'Nadia Karimova accepted the invitation: Alumni · Monsoon School 2023.',
			'/programmes/monsoon-school/people'
		],
		[
			'suggestion_applied',
			{ ...monsoon, field: 'website', value_applied: true, reason: null },
			'Your suggested edit to the website of Monsoon School was applied: the page now shows it.',
			'/programmes/monsoon-school/suggest'
		],
		[
			'suggestion_dismissed',
			{ ...monsoon, field: 'topics', value_applied: false, reason: 'Already listed.' },
			'Your suggested edit to the topics of Monsoon School was dismissed. Reason: Already listed.',
			'/programmes/monsoon-school/suggest'
		],
		[
			'track_co_proposer_invited',
			{
				proposal_id: 'p1',
				proposal_title: 'Community networks',
				cycle_slug: 'igf-2027',
				person_name: 'Tomás Herrera'
			},
			'Tomás Herrera asks to name you as co-proposer of “Community networks”.',
			'/track/igf-2027/proposals/p1'
		],
		[
			'track_screened_out',
			{
				proposal_id: 'p1',
				proposal_title: 'Community networks',
				cycle_slug: 'igf-2027',
				reason: 'Two speakers.'
			},
			'“Community networks” was screened out: Two speakers.',
			'/track/igf-2027/proposals/p1'
		],
		[
			'track_reviewer_invited',
			{ cycle_slug: 'igf-2027', cycle_title: 'IGF 2027', person_name: 'Leilani Tupou' },
			'Leilani Tupou invites you to review the proposals of IGF 2027.',
			'/track/igf-2027/review'
		],
		// A kind this code does not know yet reads generically, and links where it can.
		['suggestion_reviewed', monsoon, 'News about Monsoon School.', '/programmes/monsoon-school'],
		['something_else', {}, 'You have a new notification.', null]
	])('%s', (kind, payload, text, href) => {
		expect(describe({ kind, payload })).toEqual({ text, href });
	});

	it('never builds a link out of a strange slug', () => {
		expect(
			describe({ kind: 'membership_verified', payload: { programme_slug: '../x?y' } }).href
		).toBe('/programmes/..%2Fx%3Fy');
	});
});
