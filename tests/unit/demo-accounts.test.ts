import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo-accounts';

// A role is offered in the demo only once the product gives it its rights. The platform's
// moderators keep the spaces (private.is_platform_moderator in the spaces' policies).
const ROLES_WITH_RIGHTS = ['alumnus', 'trainer', 'coordinator', 'admin'];
const PLATFORM_ROLES_WITH_RIGHTS = ['moderator'];

describe('the demo accounts', () => {
	it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))(
		'%s is offered only as a role the product has',
		(_, account) => {
			expect(ROLES_WITH_RIGHTS).toContain(account.role);
			if (account.platformRole) expect(PLATFORM_ROLES_WITH_RIGHTS).toContain(account.platformRole);
			expect(/moderat/i.test(account.label)).toBe(account.platformRole === 'moderator');
		}
	);

	it('the README’s table of them names the moderator the demo has', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const table = readme.slice(
			readme.indexOf('### Demo accounts'),
			readme.indexOf('### What is in it')
		);
		const moderators = DEMO_ACCOUNTS.filter((a) => a.platformRole === 'moderator');
		expect(moderators.map((a) => a.email)).toEqual(['kwame@example.org']);
		expect(table).toMatch(/kwame@example\.org +\| Kwame Mensah, alumnus and moderator/);
	});
});
