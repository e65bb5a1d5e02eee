/** Small HTTP helpers shared by the stand-in's services: JSON in, JSON out, GoTrue's error shape. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const API_VERSION = '2024-01-01';
const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
	readonly status: number;
	readonly code: string;
	readonly extra: Record<string, unknown>;

	constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.extra = extra;
	}
}

/** Reads a JSON body (empty → {}); a malformed one is GoTrue's 400 bad_json. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new HttpError(413, 'request_too_large', 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (!text) return {};
	try {
		const value: unknown = JSON.parse(text);
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			return value as Record<string, unknown>;
		}
	} catch {
		// fall through
	}
	throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		'X-Supabase-Api-Version': API_VERSION,
		...headers
	});
	res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204): void {
	res.writeHead(status, { 'X-Supabase-Api-Version': API_VERSION }).end();
}

/**
 * GoTrue's 2024 error envelope: the code in the body and in x-sb-error-code, the API version header
 * (auth-js reads `code` only when that header says 2024-01-01 or later).
 */
export function sendError(res: ServerResponse, error: HttpError): void {
	sendJson(
		res,
		error.status,
		{ code: error.code, message: error.message, ...error.extra },
		{ 'x-sb-error-code': error.code }
	);
}

/** True for an address of this machine's loopback interface (127.0.0.0/8, ::1, IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
	if (!address) return false;
	const v4 = address.replace(/^::ffff:/i, '');
	return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
