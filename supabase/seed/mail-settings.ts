/**
 * The demo world's e-mail settings (public.mail_settings): the demo accounts each choose
 * differently, and of the generated people some keep the defaults, some want digests, some
 * turned a family off — a mix, drawn from their ids so that it is the same from run to run.
 * The notices the demo world's loading wrote are the past: their mails are marked stale, so
 * starting the demo does not send thousands of mails about it.
 */
import type { TransactionSql } from 'postgres';

const DEMO: Record<string, { mentions: string; watching: string; coordination: string }> = {
	'amina@example.org': { mentions: 'each', watching: 'weekly', coordination: 'daily' },
	'tomas@example.org': { mentions: 'daily', watching: 'off', coordination: 'daily' },
	'priya@example.org': { mentions: 'each', watching: 'daily', coordination: 'each' },
	'kwame@example.org': { mentions: 'each', watching: 'each', coordination: 'off' }
};

export async function insertMailSettings(tx: TransactionSql): Promise<number> {
	const demo = Object.entries(DEMO).map(([email, s]) => ({ email, ...s }));
	const chosen = await tx`
		insert into public.mail_settings (profile_id, mentions, watching, coordination)
		select u.id, d.mentions, d.watching, d.coordination
		from jsonb_to_recordset(${tx.json(demo)}) as d(email text, mentions text, watching text, coordination text)
		join auth.users u on u.email = d.email
		on conflict (profile_id) do nothing
		returning profile_id
	`;
	// A third of the others choose: by the first hex digit of their id.
	const others = await tx`
		insert into public.mail_settings (profile_id, mentions, watching, coordination)
		select p.id,
		       (array['daily', 'weekly', 'each', 'off', 'each'])[1 + (get_byte(uuid_send(p.id), 1) % 5)],
		       (array['weekly', 'off', 'each', 'daily', 'weekly'])[1 + (get_byte(uuid_send(p.id), 2) % 5)],
		       (array['each', 'daily', 'off'])[1 + (get_byte(uuid_send(p.id), 3) % 3)]
		from public.profiles p
		where get_byte(uuid_send(p.id), 0) % 3 = 0
		on conflict (profile_id) do nothing
		returning profile_id
	`;
	await tx`
		update public.notice_mails set done_at = now(), outcome = 'stale' where done_at is null
	`;
	return chosen.length + others.length;
}
