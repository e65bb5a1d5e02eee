import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The kit's own configuration (adapter, CSP, compiler options) is in svelte.config.js, where the
// Svelte language server, svelte-check and eslint-plugin-svelte read it too.
export default defineConfig({
	plugins: [
		// The message catalogue (messages/<domain>/<locale>.json) compiled to one function per
		// message in src/lib/paraglide, with the same options as `npm run messages` (package.json).
		// The locale is the URL's: English at /, the others under /ar/, /zh/, /fr/, /ru/, /es/.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'baseLocale'],
			emitGitIgnore: false,
			emitReadme: false
		}),
		sveltekit()
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
			},
			{
				extends: true,
				test: {
					name: 'pseudo',
					include: ['tests/pseudo/**/*.test.ts'],
					globalSetup: ['tests/pseudo/global-setup.ts'],
					environment: 'node',
					testTimeout: 60_000,
					// Its own build of the app (reused while nothing changed).
					hookTimeout: 600_000
				}
			}
		]
	}
});
