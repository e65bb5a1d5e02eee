/**
 * Compresses server-rendered HTML and JSON (adapter-node compresses only the static files it
 * precompressed at build time). Brotli where the browser takes it, gzip otherwise; each chunk is
 * flushed as it is written so streamed pages still arrive progressively.
 */
import type { Handle } from '@sveltejs/kit';
import { Duplex } from 'node:stream';
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;
/** Below this a compressed body is hardly smaller and costs a round of CPU. */
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** Picks brotli or gzip from Accept-Encoding (q=0 refuses an encoding). */
export function negotiate(acceptEncoding: string | null): Encoding | undefined {
	const offered = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		offered.set(name, q ? Number.parseFloat(q.slice(2)) || 0 : 1);
	}
	const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
	if (accepts('br')) return 'br';
	if (accepts('gzip')) return 'gzip';
	return undefined;
}

function compressor(encoding: Encoding) {
	const stream =
		encoding === 'br'
			? zlib.createBrotliCompress({
					flush: zlib.constants.BROTLI_OPERATION_FLUSH,
					// Quality 5: most of brotli's gain at a fraction of the CPU of the default 11.
					params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 }
				})
			: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH, level: 6 });
	return Duplex.toWeb(stream) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

export const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const type = response.headers.get('content-type') ?? '';
	const length = Number(response.headers.get('content-length') ?? Number.NaN);
	if (
		!response.body ||
		event.request.method === 'HEAD' ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		length < MIN_BYTES
	) {
		return response;
	}
	const encoding = negotiate(event.request.headers.get('accept-encoding'));
	if (!encoding) return response;

	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(compressor(encoding)), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
