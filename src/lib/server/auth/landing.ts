/** After someone signs in: a first visit goes through onboarding, then where they were going. */
import * as profiles from '../db/profiles';
import { localizeHref } from '$lib/paraglide/runtime';

export async function landingFor(userId: string, target: string): Promise<string> {
	// The person has just proved who they are (password or mail link); these are their claims.
	const claims = { sub: userId, role: 'authenticated' };
	return (await profiles.needsOnboarding(claims))
		? localizeHref(`/welcome?next=${encodeURIComponent(target)}`)
		: target;
}
