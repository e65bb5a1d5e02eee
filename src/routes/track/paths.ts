/** The track's addresses, in one place so that no page links to one that does not exist. */
export const cyclePath = (slug: string) => `/track/${encodeURIComponent(slug)}`;
export const proposePath = (slug: string, proposal?: string) =>
	`${cyclePath(slug)}/propose${proposal ? `?proposal=${encodeURIComponent(proposal)}` : ''}`;
export const proposalPath = (slug: string, id: string) =>
	`${cyclePath(slug)}/proposals/${encodeURIComponent(id)}`;
export const managePath = (slug: string) => `${cyclePath(slug)}/manage`;
export const reviewersPath = (slug: string) => `${managePath(slug)}/reviewers`;
export const reviewPath = (slug: string) => `${cyclePath(slug)}/review`;
export const assignmentsPath = (slug: string) => `${managePath(slug)}/assignments`;
export const rubricPath = (slug: string) => `${managePath(slug)}/rubric`;
export const reviewProposalPath = (slug: string, proposal: string) =>
	`${reviewPath(slug)}/${encodeURIComponent(proposal)}`;
/** Where admins add another cycle while one runs. */
export const newCyclePath = () => '/track?new';
export const rankingPath = (slug: string) => `${managePath(slug)}/ranking`;
export const manageTimetablePath = (slug: string) => `${managePath(slug)}/timetable`;
export const timetablePath = (slug: string) => `${cyclePath(slug)}/timetable`;
export const decisionsPath = (slug: string) => `${managePath(slug)}/decisions`;
