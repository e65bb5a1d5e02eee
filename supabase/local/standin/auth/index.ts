/** Supabase Auth (GoTrue) HTTP API, the subset the official clients use. (Being built.) */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http.ts';
import type { StandInContext } from '../server.ts';

export type Auth = {
	/** Handles a request whose path is below /auth/v1 (e.g. "/token"). */
	handle: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
};

export function createAuth(context: StandInContext): Auth {
	void context;
	return {
		handle: async () => {
			throw new HttpError(404, 'not_found', 'Not implemented yet');
		}
	};
}
