/**
 * What every auth handler gets: the service (configuration, database, outbox, throttles) and the
 * request, with GoTrue's lenient reading of JSON bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Sql, TransactionSql } from 'postgres';
import type { Outbox } from '../outbox.ts';
import type { Tokens } from '../tokens.ts';
import type { StandInConfig, StandInContext } from '../server.ts';
import { HttpError, readJson } from '../http.ts';
import { databaseError } from './errors.ts';
import type { MailGate, RequestLimiter } from './rate-limit.ts';
import { requestedRedirect } from './redirects.ts';

export type AuthService = {
	config: StandInConfig;
	sql: Sql;
	outbox: Outbox;
	log: StandInContext['log'];
	tokens: Tokens;
	limiter: RequestLimiter;
	mailGate: MailGate;
};

export type AuthRequest = {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	/** The client's address: the socket's, or X-Forwarded-For's first entry when the socket is local. */
	ip: string;
	userAgent: string;
};

export type Handler = (service: AuthService, request: AuthRequest) => Promise<void>;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Only a local caller (the app's server, a test) may say on whose behalf it asks: anyone else could
 * pick a new X-Forwarded-For for every request and never meet a rate limit.
 */
export function clientIp(req: IncomingMessage): string {
	const socket = req.socket.remoteAddress ?? '';
	const forwarded = req.headers['x-forwarded-for'];
	const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
	if (LOOPBACK.has(socket) && first && isIP(first)) return first;
	return socket.replace(/^::ffff:/, '');
}

export type Body = Record<string, unknown>;

export const readBody = (request: AuthRequest): Promise<Body> => readJson(request.req);

function wrongType(key: string, expected: string): HttpError {
	return new HttpError(
		400,
		'bad_json',
		`Could not parse request body as JSON: json: cannot unmarshal ${key} into ${expected}`
	);
}

/** A string field; absent or null is ''. */
export function text(body: Body, key: string): string {
	const value = body[key];
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw wrongType(key, 'string');
	return value;
}

/** A string field that may be absent (undefined) or null (null), as PUT /user tells them apart. */
export function optionalText(body: Body, key: string): string | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string') throw wrongType(key, 'string');
	return value;
}

/** An object field (metadata); absent or null is undefined. */
export function object(body: Body, key: string): Record<string, unknown> | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(key, 'object');
	return value as Record<string, unknown>;
}

export function flag(body: Body, key: string, fallback: boolean): boolean {
	const value = body[key];
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'boolean') throw wrongType(key, 'bool');
	return value;
}

/** The request's `redirect_to` (query, as auth-js sends it), if it is allowed. */
export function redirectOf(service: AuthService, request: AuthRequest): string | undefined {
	return requestedRedirect(
		service.config,
		request.url.searchParams.get('redirect_to') ?? undefined
	);
}

/** Roughly checkmail's format (GoTrue's): dot-separated atoms, "@", dot-separated host labels. */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u00a0-\\uffff-]+";
const LABEL =
	'[A-Za-z0-9\\u00a0-\\uffff](?:[A-Za-z0-9\\u00a0-\\uffff-]*[A-Za-z0-9\\u00a0-\\uffff])?';
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})*$`);

/** GoTrue's e-mail rule: required, at most 255 characters, a plausible format; stored lower-case. */
export function validEmail(value: string): string {
	if (!value) throw new HttpError(400, 'validation_failed', 'An email address is required');
	if (value.length > 255) {
		throw new HttpError(400, 'validation_failed', 'An email address is too long');
	}
	if (!EMAIL.test(value)) {
		throw new HttpError(
			400,
			'validation_failed',
			'Unable to validate email address: invalid format'
		);
	}
	return value.toLowerCase();
}

/**
 * Runs `work` in one transaction. A database failure (an app trigger raising, a constraint) rolls
 * everything back and becomes GoTrue's 500 "Database error <doing>"; its cause goes to the log.
 */
export async function transaction<T>(
	service: AuthService,
	doing: string,
	work: (tx: TransactionSql) => Promise<T>
): Promise<T> {
	try {
		return (await service.sql.begin(work)) as T;
	} catch (error) {
		if (error instanceof HttpError) throw error;
		const { code, message } = error as { code?: string; message?: string };
		service.log('database error', { doing, code, message });
		throw databaseError(`Database error ${doing}`);
	}
}
