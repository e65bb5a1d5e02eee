/** Profiles as people see them; RLS decides which rows a viewer gets, these queries shape them. */
import { withUser, withViewer, type Claims } from './client';

export type Visibility = 'public' | 'members' | 'private';

export type ProfileRow = {
	id: string;
	handle: string;
	display_name: string;
	headline: string | null;
	country_code: string | null;
	stakeholder_group: string | null;
	time_zone: string | null;
	visibility: Visibility;
};

export type ProfileChanges = Partial<
	Pick<
		ProfileRow,
		'display_name' | 'headline' | 'country_code' | 'stakeholder_group' | 'time_zone' | 'visibility'
	>
>;

/** One profile by its handle, if the viewer may see it. */
export const getByHandle = (viewer: Claims | null, handle: string) =>
	withViewer(viewer, async (sql) => {
		const [row] = await sql<ProfileRow[]>`
			select id, handle, display_name, headline, country_code, stakeholder_group, time_zone, visibility
			from public.profiles
			where handle = ${handle}
		`;
		return row;
	});

/** Changes the signed-in person's own profile; returns it as saved. */
export const updateOwn = (user: Claims, changes: ProfileChanges) =>
	withUser(user, async (sql) => {
		const columns = Object.keys(changes) as (keyof ProfileChanges)[];
		const [row] = await sql<ProfileRow[]>`
			update public.profiles set ${sql(changes, columns)}
			where id = ${user.sub}
			returning id, handle, display_name, headline, country_code, stakeholder_group, time_zone, visibility
		`;
		return row;
	});
