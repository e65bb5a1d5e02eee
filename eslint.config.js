import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// Type information for the rules below that catch real bugs.
				projectService: { allowDefaultProject: ['*.js'] },
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				// The kit's aliases and preprocessing, as the Svelte language server reads them.
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/button-has-type': 'error',
			// The app is served at the root (no base path), and many links carry query strings:
			// plain hrefs read better than resolve() there. goto() and friends are still checked.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }],
			curly: ['error', 'multi-line']
		}
	},
	{
		// A page's choices and labels come from $lib/words/<domain>; $lib/schemas is zod, for the
		// server's boundaries. A value imported from a schema module brings zod (and whatever the
		// module's checks use: Temporal, rrule) into the browser, 22 KB compressed for a label; a
		// page runs no time-zone library either (the server writes event times in words). Types
		// are free.
		files: ['src/**/*.svelte', 'src/lib/components/**', 'src/lib/words/**', 'src/lib/realtime/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/schemas/*'],
							message: 'Import its choices and labels from $lib/words/<domain> (no zod in pages).',
							allowTypeImports: true
						},
						{
							group: [
								'$lib/event-time',
								'$lib/event-series',
								'temporal-polyfill',
								'rrule-temporal'
							],
							message:
								'Make the words on the server (event-time.ts withWhen): no Temporal in pages.',
							allowTypeImports: true
						},
						{ group: ['zod', 'zod/*'], message: 'zod is for the server.' }
					]
				}
			]
		}
	}
);
