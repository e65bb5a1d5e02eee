import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import adapter from '@sveltejs/adapter-node';

/**
 * SvelteKit's route announcer (for screen readers) carries an inline style attribute. CSP allows
 * exactly that one attribute by its hash ('unsafe-hashes'), read from the installed kit so an
 * upgrade cannot silently break it.
 * @returns {`sha256-${string}`}
 */
function announcerStyleHash() {
	const kit = path.dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
	const root = readFileSync(path.join(kit, 'src/core/sync/write_root.js'), 'utf8');
	const style = /id="svelte-announcer"[^>]*style="([^"]+)"/.exec(root)?.[1];
	if (!style) throw new Error('SvelteKit route announcer style not found: update svelte.config.js');
	return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

// Vite's dev server injects component styles with inline <style> tags, so it needs 'unsafe-inline'.
// This file cannot see Vite's command, but Vite sets NODE_ENV=development for `vite dev` before it
// loads any config (as the runner does for `npm run dev`). Everything else — a build, whatever
// NODE_ENV it runs under, and svelte-check — gets the production policy: a mistake here can only
// make dev stricter, never a build looser.
const devServer = process.env.NODE_ENV === 'development';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Force runes mode for the project, except for libraries. Can be removed in svelte 6.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// Static assets are precompressed (brotli and gzip) and served immutable by the adapter.
		adapter: adapter({ precompress: true }),
		// The cross-site form check is src/lib/server/http/same-origin.ts (first in the server hook),
		// which refuses what SvelteKit's did except the one-click unsubscribe of RFC 8058, which a
		// mail provider POSTs from elsewhere. Only ever together with that hook.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			// Nonces for server-rendered pages, hashes for prerendered ones.
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': devServer
					? ['self', 'unsafe-inline']
					: ['self', 'unsafe-hashes', announcerStyleHash()],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
		typescript: {
			// The local runner, seeder, tests, benchmarks and docs' scripts are type-checked with the app.
			config: (config) => {
				config.include.push('../supabase/**/*.ts', '../bench/**/*.ts', '../docs/**/*.ts');
				return config;
			}
		}
	}
};

export default config;
