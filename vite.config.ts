import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * SvelteKit's route announcer (for screen readers) carries an inline style attribute. CSP allows
 * exactly that one attribute by its hash ('unsafe-hashes'), read from the installed kit so an
 * upgrade cannot silently break it.
 */
function announcerStyleHash(): `sha256-${string}` {
	const kit = path.dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
	const root = readFileSync(path.join(kit, 'src/core/sync/write_root.js'), 'utf8');
	const style = /id="svelte-announcer"[^>]*style="([^"]+)"/.exec(root)?.[1];
	if (!style) throw new Error('SvelteKit route announcer style not found: update vite.config.ts');
	return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

export default defineConfig(({ command }) => ({
	plugins: [
		sveltekit({
			compilerOptions: {
				// Force runes mode for the project, except for libraries. Can be removed in svelte 6.
				runes: ({ filename }) =>
					filename.split(/[/\\]/).includes('node_modules') ? undefined : true
			},
			// Static assets are precompressed (brotli and gzip) and served immutable by the adapter.
			adapter: adapter({ precompress: true }),
			csp: {
				// Nonces for server-rendered pages, hashes for prerendered ones.
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// Vite's dev server injects component styles with inline <style> tags.
					'style-src':
						command === 'serve'
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
				// The local runner, seeder, tests and benchmarks are type-checked with the app.
				config: (config) => {
					config.include.push('../supabase/**/*.ts', '../bench/**/*.ts');
					return config;
				}
			}
		})
	],
	test: {
		// Two cores: the database, the browser and the workers share them.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					globalSetup: ['tests/db/global-setup.ts'],
					setupFiles: ['tests/db/setup.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'stack',
					include: ['tests/stack/**/*.test.ts'],
					globalSetup: ['tests/stack/global-setup.ts'],
					environment: 'node',
					testTimeout: 20_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 240_000
				}
			}
		]
	}
}));
