/**
 * The one place that reads the environment. Everything is validated with zod so that a
 * mistyped setting stops the process with a clear line instead of failing later.
 *
 * `databaseEnv()`, `supabaseEnv()` and `mailEnv()` are what the SvelteKit server needs; `localEnv()` is what the local runner
 * (`supabase/local/`) needs to fill in the embedded default. Both parse lazily so that
 * `vite build` can analyse server modules without a database configured.
 */
import { z } from 'zod';

type Source = Record<string, string | undefined>;

const port = z.coerce.number().int().min(1).max(65535);
const flag = z
	.enum(['true', 'false', '1', '0', ''])
	.optional()
	.transform((v) => v === 'true' || v === '1');

const postgresUrl = z
	.string()
	.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const databaseSchema = z.object({
	/** The database the app reads and writes; filled in by the runner for the embedded default. */
	DATABASE_URL: postgresUrl,
	/** Connections per server instance. Keep it small behind a pooler. */
	DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
	/** Set to false behind a transaction-mode pooler (Supavisor on port 6543), which cannot hold prepared statements. */
	DATABASE_PREPARE: z
		.enum(['true', 'false'])
		.default('true')
		.transform((v) => v === 'true'),
	/**
	 * The longest one transaction may hold its connection before it is cut and given back to the
	 * pool (whatever held it: a query, a driver fault, code awaiting something that never comes).
	 */
	DATABASE_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production')
});

const supabaseSchema = z.object({
	/** Supabase's API URL: a project's, or the local stand-in's (http://127.0.0.1:54321). */
	PUBLIC_SUPABASE_URL: z.url({ protocol: /^https?$/ }),
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(20),
	/** Server only: the admin API (deleting an account). Never sent to a browser. */
	SUPABASE_SECRET_KEY: z.string().min(20),
	/** Set by the local runner when Supabase is the stand-in: enables the development mail page. */
	SUPABASE_STANDIN: flag
});

const mailAddress = z
	.string()
	.regex(
		/^(?:[^<>@]+<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/,
		'must be an address, e.g. "Capacity Commons <no-reply@example.org>"'
	);

const mailSchema = z
	.object({
		/**
		 * The SMTP server the app sends its own mail through (nodemailer), e.g.
		 * smtps://user:password@smtp.example.org:465; the local runner fills in the stand-in's. Unset,
		 * the app's mail waits in public.mail_outbox until it is set.
		 */
		SMTP_URL: z
			.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
			.optional(),
		/** The sender of the app's mail, e.g. "Capacity Commons <no-reply@example.org>". */
		MAIL_FROM: mailAddress.optional()
	})
	.refine((env) => !env.SMTP_URL || env.MAIL_FROM, {
		path: ['MAIL_FROM'],
		message: 'is required with SMTP_URL (the address the mail comes from)'
	});

const localSchema = z.object({
	DATABASE_URL: postgresUrl.optional(),
	/** Where the embedded default keeps everything it writes. */
	DATA_DIR: z.string().min(1).default('.data'),
	/** The embedded PostgreSQL's port (the same as `supabase start` uses). */
	POSTGRES_PORT: port.default(54322),
	/** The app's port: 3000 for `npm start`, 5173 for `npm run dev` unless set. */
	PORT: port.optional(),
	/**
	 * The address the app listens on: loopback unless set. 0.0.0.0 opens it to other machines
	 * (then set ORIGIN to the address they browse to).
	 */
	HOST: z.string().min(1).default('127.0.0.1'),
	/**
	 * The app's public address as browsers use it, e.g. http://192.168.1.20:3000: SvelteKit checks
	 * form posts against it and mail links point at it. Unset: http://<HOST>:<PORT>.
	 */
	ORIGIN: z
		.url({
			protocol: /^https?$/,
			error: 'must be an http:// or https:// URL, e.g. http://192.168.1.20:3000'
		})
		.transform((value) => new URL(value).origin)
		.optional(),
	/** Build the demo world with this many people on an empty database. */
	SEED_SIZE: z.coerce.number().int().min(0).optional(),
	/** Grow the demo compendium to this many programmes with generated ones (benchmarks). */
	SEED_PROGRAMMES: z.coerce.number().int().min(1).optional(),
	/** Skip loading the demo world into an empty database. */
	NO_SEED: flag,
	/** A Supabase project (or `supabase start`) to use instead of the local stand-in. */
	PUBLIC_SUPABASE_URL: z.url().optional(),
	/** The local stand-in's port (the same as `supabase start` uses). */
	SUPABASE_PORT: port.default(54321),
	/** Confirm sign-ups at once instead of mailing a confirmation link (local stand-in only). */
	AUTH_AUTOCONFIRM: flag,
	/** An SMTP server for the app's mail; without one the stand-in's SMTP sink is used. */
	SMTP_URL: z.string().min(1).optional(),
	MAIL_FROM: mailAddress.optional(),
	/** The stand-in's SMTP sink's port (loopback only) when SMTP_URL is not set; `supabase start` has Mailpit's SMTP there. */
	SMTP_PORT: port.default(54325)
});

export type DatabaseEnv = z.infer<typeof databaseSchema>;
export type SupabaseEnv = z.infer<typeof supabaseSchema>;
export type MailEnv = z.infer<typeof mailSchema>;
export type LocalEnv = z.infer<typeof localSchema>;

function parse<T extends z.ZodType>(schema: T, source: Source, what: string): z.infer<T> {
	const result = schema.safeParse(source);
	if (result.success) return result.data;
	const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
	throw new Error(`Invalid ${what} settings in the environment:\n${lines.join('\n')}`);
}

let cachedDatabase: DatabaseEnv | undefined;
let cachedSupabase: SupabaseEnv | undefined;
let cachedMail: MailEnv | undefined;

/** The server's database settings, parsed once. */
export function databaseEnv(): DatabaseEnv {
	return (cachedDatabase ??= parse(databaseSchema, process.env, 'database'));
}

/** The server's Supabase (Auth and Realtime) settings, parsed once. */
export function supabaseEnv(): SupabaseEnv {
	return (cachedSupabase ??= parse(supabaseSchema, process.env, 'Supabase'));
}

/** The server's SMTP settings for its own mail, parsed once. */
export function mailEnv(): MailEnv {
	return (cachedMail ??= parse(mailSchema, process.env, 'mail'));
}

/** The local runner's settings (not cached: the runner fills in values as it starts things). */
export function localEnv(source: Source = process.env): LocalEnv {
	return parse(localSchema, source, 'local runner');
}

/** Sets values for the app before it starts; only the local runner and test setup call this. */
export function provideEnv(values: Record<string, string>): void {
	Object.assign(process.env, values);
	cachedDatabase = undefined;
	cachedSupabase = undefined;
	cachedMail = undefined;
}
