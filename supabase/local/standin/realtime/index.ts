/** Supabase Realtime: Phoenix channels over websockets, and REST broadcast. (Being built.) */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from '../http.ts';
import type { StandInContext } from '../server.ts';

export type Realtime = {
	/** Handles a request whose path is below /realtime/v1/api (e.g. "/broadcast"). */
	handleHttp: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
	/** Takes over an upgrade request for /realtime/v1/websocket. */
	handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
	close: () => Promise<void>;
};

export async function createRealtime(context: StandInContext): Promise<Realtime> {
	void context;
	return {
		handleHttp: async () => {
			throw new HttpError(404, 'not_found', 'Not implemented yet');
		},
		handleUpgrade: (_req, socket) => {
			socket.end('HTTP/1.1 501 Not Implemented\r\n\r\n');
		},
		close: async () => {}
	};
}
