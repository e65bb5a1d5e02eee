import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo-accounts';

// A role is offered in the demo only once the product gives it its rights: moderators keep
// spaces, and there are no spaces yet.
const ROLES_WITH_RIGHTS = ['alumnus', 'trainer', 'coordinator', 'admin'];

describe('the demo accounts', () => {
	it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))(
		'%s is offered only as a role the product has',
		(_, account) => {
			expect(ROLES_WITH_RIGHTS).toContain(account.role);
			expect(account.label).not.toMatch(/moderat/i);
		}
	);

	it('the README’s table of them promises no moderator either', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const table = readme.slice(
			readme.indexOf('### Demo accounts'),
			readme.indexOf('### What is in it')
		);
		expect(table).toContain('kwame@example.org');
		expect(table).not.toMatch(/moderat/i);
	});
});
