import { createServer } from 'node:net';

/** Resolves when `port` can be bound on `host`; rejects with one line naming the setting otherwise. */
export function assertPortFree(
	port: number,
	host: string,
	setting: string,
	what: string
): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', (error: NodeJS.ErrnoException) => {
			const reason =
				error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code})`;
			reject(
				new PortInUseError(
					`Port ${port} (${what}) ${reason}. Stop what uses it, or set ${setting} to another port.`
				)
			);
		});
		probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
	});
}

export class PortInUseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PortInUseError';
	}
}
