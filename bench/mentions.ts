/**
 * @mention suggestions and the directory's capped count, on the 100,000-people world that
 * bench/spaces.ts builds (.data/bench/spaces-100000; run that first), as a member under RLS:
 *
 *   node bench/mentions.ts [--runs 40]
 *
 * Starts only the embedded PostgreSQL on that folder (applying pending migrations), then times
 * private.mention_candidates for two to five typed letters in a public space and in the member's
 * private one, and the count /people shows (search_directory up to 1,001), p50/p95.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migrate } from '../supabase/local/migrate.ts';
import { startLocalPostgres } from '../supabase/local/postgres.ts';
import { serviceConnection } from '../supabase/local/database.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { summary } from './load.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const RUNS = Number(values.runs);

const pg = await startLocalPostgres({
	dataDir: path.join(ROOT, '.data/bench/spaces-100000/postgres'),
	port: await freePort()
});
const service = serviceConnection(pg.url());
try {
	await migrate(service);
	const [people] = await service<{ n: number }[]>`select count(*)::int as n from public.profiles`;
	const [member] = await service<{ id: string }[]>`
		select id from auth.users where email = 'amina@example.org'
	`;
	const [open] = await service<{ id: string }[]>`
		select id from public.spaces where visibility = 'public' and status = 'open'
		order by post_count desc limit 1
	`;
	const [closed] = await service<{ id: string }[]>`
		select s.id from public.spaces s join public.space_members m on m.space_id = s.id
		where s.visibility = 'private' and m.profile_id = ${member!.id} limit 1
	`;
	const claims = JSON.stringify({ sub: member!.id, role: 'authenticated' });
	console.log(`${people!.n} people; as Amina under RLS; ${RUNS} runs each\n`);
	const time = async (label: string, run: (tx: postgres.TransactionSql) => Promise<unknown>) => {
		const ms: number[] = [];
		await service.begin(async (tx) => {
			await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
			for (let i = 0; i < 3; i++) await run(tx);
			for (let i = 0; i < RUNS; i++) {
				const t = performance.now();
				await run(tx);
				ms.push(performance.now() - t);
			}
		});
		console.log(`   ${label.padEnd(52)} ${summary(ms)}`);
	};
	console.log('1. Mention suggestions (private.mention_candidates, eight at most)');
	for (const [where, space] of [
		['a public space', open!.id],
		['her private space', closed?.id]
	] as const) {
		if (!space) continue;
		for (const typed of ['am', 'ami', 'amin', 'kwame']) {
			await time(
				`"${typed}" in ${where}`,
				(tx) => tx`select * from private.mention_candidates(${space}, ${typed})`
			);
		}
	}
	console.log('\n2. The count above /people, up to 1,001');
	for (const [label, q] of [
		['everyone', null],
		['a name ("amina")', 'amina'],
		['broad words ("data protection")', 'data protection']
	] as const) {
		await time(
			label,
			(tx) => tx`
				select count(*) from private.search_directory(${q}, '{}'::text[], null, null, null,
					'relevance', null, null, null, 1001)
			`
		);
	}
} finally {
	await service.end({ timeout: 5 });
	await pg.stop();
}
