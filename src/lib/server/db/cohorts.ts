/** A programme's cohorts (its editions): added, changed and removed by its coordinators and admins. */
import { cohortFields, type CohortForm } from '$lib/schemas/cohorts';
import { columnsOf, withUser, withViewer, type Claims } from './client';

const COLUMNS = columnsOf(cohortFields.shape, 'id');

export type CohortRef = { id: string; edition: string };

/** Adds a cohort, or changes one when the form carries its id. */
export const save = (user: Claims, programmeId: string, cohort: CohortForm) =>
	withUser(user, async (sql) => {
		const { id, ...fields } = cohort;
		const rows = id
			? await sql`
					update public.cohorts set ${sql(fields, COLUMNS)}
					where id = ${id} and programme_id = ${programmeId} returning id
				`
			: await sql`
					insert into public.cohorts ${sql({ ...fields, programme_id: programmeId }, 'programme_id', ...COLUMNS)}
					returning id
				`;
		return rows.length > 0;
	});

/** Removes a cohort; false when it is not there or the viewer may not. */
export const remove = (user: Claims, programmeId: string, cohortId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.cohorts where id = ${cohortId} and programme_id = ${programmeId} returning id
		`;
		return rows.length > 0;
	});

/** The programme's cohorts, newest first. */
export const of = (viewer: Claims | null, programmeId: string) =>
	withViewer(
		viewer,
		(sql) => sql<CohortRef[]>`
			select id, edition from public.cohorts
			where programme_id = ${programmeId}
			order by starts_on desc, edition desc
		`
	);
