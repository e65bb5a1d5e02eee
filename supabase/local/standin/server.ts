/**
 * The local stand-in for Supabase Auth and Realtime: one small Node server on 127.0.0.1:54321 that
 * speaks the parts of the GoTrue HTTP API and the Realtime websocket protocol the official clients
 * use, on top of the same Postgres. It is for local use and tests, not production, and says so.
 *
 *   /auth/v1/*                 Auth (supabase/local/standin/auth)
 *   /realtime/v1/websocket     Realtime channels (supabase/local/standin/realtime)
 *   /realtime/v1/api/*         Realtime REST broadcast
 *   /_dev/mail                 the mail outbox, for loopback peers only (stand-in only;
 *                              `supabase start` has Mailpit instead)
 *
 * Auth's settings come from supabase/config.toml (config.ts), as for `supabase start`.
 * With `smtpPort`, an SMTP sink on loopback (smtp.ts) puts the app's own mail in the same outbox.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import postgres, { type Sql } from 'postgres';
import { createAuth, type Auth } from './auth/index.ts';
import { readAuthConfig, type StandInConfig } from './config.ts';
import { cors } from './gateway.ts';
import { HttpError, isLoopback, sendError, sendJson } from './http.ts';
import { Outbox } from './outbox.ts';
import { createRealtime, type Realtime } from './realtime/index.ts';
import { loadSigningKeys } from './signing-keys.ts';
import { startSmtpSink, type SmtpSink } from './smtp.ts';
import { createTokens, type Tokens } from './tokens.ts';

export type { StandInConfig } from './config.ts';

export type StandInOptions = {
	databaseUrl: string;
	port: number;
	host?: string;
	/** Folder for the outbox and the signing keys (made there on first start, kept after). */
	dataDir: string;
	/** Also take the app's mail over SMTP on this port (loopback only) into the outbox. */
	smtpPort?: number;
	/** The config.toml to read Auth's settings from (default: supabase/config.toml). */
	configFile?: string;
	/** Wins over the file: the runner's environment, and tests. */
	config?: Partial<StandInConfig>;
	/** Receives one line per auth event (never a secret). */
	log?: (line: string) => void;
};

/** What the auth and realtime services share. */
export type StandInContext = {
	config: StandInConfig;
	/** A connection as the database owner: the stand-in is the auth and realtime service. */
	sql: Sql;
	databaseUrl: string;
	outbox: Outbox;
	/** Signs and verifies tokens with this data folder's keys. */
	tokens: Tokens;
	log: (event: string, fields?: Record<string, unknown>) => void;
};

export type StandIn = {
	url: string;
	context: StandInContext;
	auth: Auth;
	realtime: Realtime;
	/** The SMTP sink, when `smtpPort` was given. */
	smtp?: SmtpSink;
	stop: () => Promise<void>;
};

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
	const host = options.host ?? '127.0.0.1';
	const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
	const file = readAuthConfig(options.configFile);
	for (const note of file.notes) options.log?.(`config: ${note}`);
	const config: StandInConfig = { ...file.settings, ...options.config, url };
	const tokens = createTokens(await loadSigningKeys(options.dataDir));
	const sql = postgres(options.databaseUrl, {
		max: 10,
		onnotice: () => {},
		connection: { application_name: 'capacity-commons-standin' }
	});
	const context: StandInContext = {
		config,
		sql,
		databaseUrl: options.databaseUrl,
		outbox: new Outbox(path.join(options.dataDir, 'mail')),
		tokens,
		log: (event, fields = {}) => options.log?.(`auth: ${event} ${JSON.stringify(fields)}`)
	};

	const smtp =
		options.smtpPort === undefined
			? undefined
			: await startSmtpSink({ port: options.smtpPort, outbox: context.outbox }).catch(
					async (error: unknown) => {
						await sql.end({ timeout: 5 });
						throw error;
					}
				);
	const auth = createAuth(context);
	const realtime = await createRealtime(context);

	const server: Server = createServer((req, res) => {
		void route(req, res).catch((error: unknown) => {
			if (error instanceof HttpError) return sendError(res, error);
			// GoTrue answers unexpected failures with 500 unexpected_failure and logs the cause.
			console.error('[stand-in]', error);
			if (!res.headersSent) {
				sendError(
					res,
					new HttpError(
						500,
						'unexpected_failure',
						'Unexpected failure, please check server logs for more information'
					)
				);
			}
		});
	});

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (cors(req, res)) return;
		const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
		if (pathname.startsWith('/auth/v1/')) {
			return auth.handle(req, res, pathname.slice('/auth/v1'.length));
		}
		if (pathname.startsWith('/realtime/v1/api/')) {
			return realtime.handleHttp(req, res, pathname.slice('/realtime/v1/api'.length));
		}
		// Every reset link and code is in there: only this machine may read it.
		if (pathname === '/_dev/mail' && isLoopback(req.socket.remoteAddress)) {
			return devMail(req, res, context.outbox);
		}
		sendJson(res, 404, { message: 'no Route matched with those values' });
	}

	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const { pathname } = new URL(req.url ?? '/', 'http://stand-in');
		if (pathname === '/realtime/v1/websocket') return realtime.handleUpgrade(req, socket, head);
		socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, () => resolve());
	});
	return {
		url,
		context,
		auth,
		realtime,
		smtp,
		stop: async () => {
			await smtp?.stop();
			await realtime.close();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await sql.end({ timeout: 5 });
		}
	};
}

/** GET lists mails (newest first, `?to=` filters); DELETE empties the outbox. */
async function devMail(req: IncomingMessage, res: ServerResponse, outbox: Outbox): Promise<void> {
	if (req.method === 'DELETE') {
		await outbox.clear();
		return sendJson(res, 200, {});
	}
	const to = new URL(req.url ?? '/', 'http://stand-in').searchParams.get('to') ?? undefined;
	sendJson(res, 200, { messages: await outbox.list(to) });
}
