import { describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as invitations from '$lib/server/db/invitations';
import { inLocale } from '../support/locale';
import { addMembership, createPerson, createProgramme } from './factories';

const ORIGIN = 'http://localhost:3000';
const PER_DAY = 200;

const roster = (count: number, from = 0) =>
	new TextEncoder().encode(
		[
			'name,email,role,cohort',
			...Array.from(
				{ length: count },
				(_, i) => `Person ${from + i},p${from + i}@example.test,alumnus,`
			)
		].join('\n')
	);

// Inspection as the service: the outbox is service-only, and counting every invitation of the
// programme (and the accounts Auth would have made) is the test's, not a person's, view.
const written = (programmeId: string) =>
	asService(async (sql) => {
		const [row] = await sql<{ invitations: number; mails: number }[]>`
			select (select count(*)::int from public.membership_invitations where programme_id = ${programmeId}) as invitations,
			       (select count(*)::int from public.mail_outbox) as mails
		`;
		return row!;
	});

async function coordinatorOfNewProgramme() {
	const coordinator = await createPerson({ displayName: 'Priya Raman' });
	const programme = await createProgramme();
	await addMembership(coordinator, programme, 'coordinator');
	return { coordinator, programme };
}

describe('the invitations allowance', () => {
	it('refuses a roster over the day’s allowance as a whole, says how many may still be sent, and writes and mails nothing', async () => {
		const { coordinator, programme } = await coordinatorOfNewProgramme();
		// An account already exists for one line, so its mail would be queued in the outbox.
		await createPerson({ email: 'p5@example.test' });

		const result = await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster(PER_DAY + 1),
			ORIGIN
		);
		expect(result).toEqual({ limited: true, message: expect.any(String) });
		const { message } = result as invitations.OverAllowance;
		expect(message).toBe(
			`This file would send ${PER_DAY + 1} invitations. You can send ${PER_DAY} more invitations to this programme today (at most ${PER_DAY} a day). Nothing was sent: split the file into files of at most ${PER_DAY} lines.`
		);
		expect(await written(programme.programmeId)).toEqual({ invitations: 0, mails: 0 });
	});

	it('lets a roster within the allowance through, then refuses the next one with what is left and when', async () => {
		const { coordinator, programme } = await coordinatorOfNewProgramme();
		const first = await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster(150),
			ORIGIN
		);
		expect('invited' in first && first.invited).toHaveLength(150);

		const second = await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster(60, 150),
			ORIGIN
		);
		expect((second as invitations.OverAllowance).message).toMatch(
			/^This file would send 60 invitations\. You can send 50 more invitations to this programme today \(at most 200 a day\)\. Nothing was sent: the whole file can be sent in (23|24) hours, or a file of at most 50 lines now\.$/
		);
		expect((await written(programme.programmeId)).invitations).toBe(150);

		// Another coordinator of the same programme has an allowance of their own.
		const colleague = await createPerson();
		await addMembership(colleague, programme, 'coordinator');
		const theirs = await invitations.importRoster(
			colleague.claims,
			programme.programmeId,
			roster(60, 150),
			ORIGIN
		);
		expect('invited' in theirs && theirs.invited).toHaveLength(60);
	});

	it('refuses one more invitation once the allowance is spent, and says when the next may go', async () => {
		const { coordinator, programme } = await coordinatorOfNewProgramme();
		await invitations.importRoster(
			coordinator.claims,
			programme.programmeId,
			roster(PER_DAY),
			ORIGIN
		);
		const one = await invitations.invite(
			coordinator.claims,
			programme.programmeId,
			{ email: 'one.more@example.test', role: 'alumnus' },
			ORIGIN
		);
		expect((one as invitations.OverAllowance).message).toMatch(
			/^You cannot send more to this programme today \(at most 200 a day\)\. Nothing was sent\. You can send the next one in (23|24) hours\.$/
		);
		expect((await written(programme.programmeId)).invitations).toBe(PER_DAY);
	});

	it('holds the same line in the database for inserts that do not ask first (the Data API)', async () => {
		const { coordinator, programme } = await coordinatorOfNewProgramme();
		const insert = (count: number, from: number) =>
			withUser(
				coordinator.claims,
				(sql) => sql`
					insert into public.membership_invitations ${sql(
						Array.from({ length: count }, (_, i) => ({
							programme_id: programme.programmeId,
							role: 'alumnus',
							email: `direct${from + i}@example.test`,
							token_hash: invitations.tokenHash(`token-${from + i}-${programme.programmeId}`),
							invited_by: coordinator.id
						}))
					)}
				`
			);
		await insert(PER_DAY, 0);
		await expect(insert(1, PER_DAY)).rejects.toMatchObject({ code: '54000' });
		expect((await written(programme.programmeId)).invitations).toBe(PER_DAY);
	});
});

describe('the allowance message', () => {
	const now = new Date('2026-12-03T12:00:00Z');
	const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

	it.each([
		[
			1,
			{ per_day: 200, sent: 200, remaining: 0, fits_at: at(30) },
			'You cannot send more to this programme today (at most 200 a day). Nothing was sent. You can send the next one in 30 minutes.'
		],
		[
			10,
			{ per_day: 200, sent: 195, remaining: 5, fits_at: at(61) },
			'This file would send 10 invitations. You can send 5 more invitations to this programme today (at most 200 a day). Nothing was sent: the whole file can be sent in 2 hours, or a file of at most 5 lines now.'
		],
		[
			3000,
			{ per_day: 200, sent: 0, remaining: 200, fits_at: null },
			'This file would send 3000 invitations. You can send 200 more invitations to this programme today (at most 200 a day). Nothing was sent: split the file into files of at most 200 lines.'
		]
	])('for %i wanted says it in words', (wanted, allowance, message) => {
		expect(invitations.allowanceMessage(wanted, allowance, now)).toBe(message);
	});

	it('says it in the language of the page, with its plurals and units', async () => {
		const allowance = { per_day: 200, sent: 195, remaining: 5, fits_at: at(61) };
		expect(await inLocale('ru', () => invitations.allowanceMessage(10, allowance, now))).toBe(
			'Этот файл отправил бы 10 приглашений. Сегодня вы можете отправить в эту программу ещё 5 приглашений (не больше 200 в день). Ничего не отправлено: весь файл можно будет отправить через 2 часа, а файл не больше чем из 5 строк — сейчас.'
		);
	});
});
