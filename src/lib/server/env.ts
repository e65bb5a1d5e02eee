/**
 * The one place that reads the environment. Everything is validated with zod so that a
 * mistyped setting stops the process with a clear line instead of failing later.
 *
 * `appEnv()` is what the SvelteKit server needs; `localEnv()` is what the local runner
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

const appSchema = z.object({
	/** The database the app reads and writes; filled in by the runner for the embedded default. */
	DATABASE_URL: postgresUrl,
	/** Connections per server instance. Keep it small behind a pooler. */
	DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
	/** Set to false behind a transaction-mode pooler (Supavisor on port 6543), which cannot hold prepared statements. */
	DATABASE_PREPARE: z
		.enum(['true', 'false'])
		.default('true')
		.transform((v) => v === 'true'),
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production')
});

const localSchema = z.object({
	DATABASE_URL: postgresUrl.optional(),
	/** Where the embedded default keeps everything it writes. */
	DATA_DIR: z.string().min(1).default('.data'),
	/** The embedded PostgreSQL's port (the same as `supabase start` uses). */
	POSTGRES_PORT: port.default(54322),
	/** The app's port: 3000 for `npm start`, 5173 for `npm run dev` unless set. */
	PORT: port.optional(),
	HOST: z.string().min(1).default('0.0.0.0'),
	/** Build the demo world with this many people on an empty database. */
	SEED_SIZE: z.coerce.number().int().min(0).optional(),
	/** Skip loading the demo world into an empty database. */
	NO_SEED: flag
});

export type AppEnv = z.infer<typeof appSchema>;
export type LocalEnv = z.infer<typeof localSchema>;

function parse<T extends z.ZodType>(schema: T, source: Source, what: string): z.infer<T> {
	const result = schema.safeParse(source);
	if (result.success) return result.data;
	const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
	throw new Error(`Invalid ${what} settings in the environment:\n${lines.join('\n')}`);
}

let cachedApp: AppEnv | undefined;

/** The SvelteKit server's settings, parsed once. */
export function appEnv(): AppEnv {
	return (cachedApp ??= parse(appSchema, process.env, 'server'));
}

/** The local runner's settings (not cached: the runner fills in values as it starts things). */
export function localEnv(source: Source = process.env): LocalEnv {
	return parse(localSchema, source, 'local runner');
}

/** Sets values for the app before it starts; only the local runner and test setup call this. */
export function provideEnv(values: Record<string, string>): void {
	Object.assign(process.env, values);
	cachedApp = undefined;
}
