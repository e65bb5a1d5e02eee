/**
 * The product with a pseudo-locale: a copy of the app whose Spanish catalogue is the English one
 * with every message wrapped in ⟦…⟧. Served under /es/, a page shows ⟦…⟧ around every text that
 * comes from the catalogue, so any text without them was written into the code (or is data).
 *
 * The copy lives in .data/pseudo/app (sources copied with their times, node_modules linked), so
 * its build is the runner's ordinary one and is reused while nothing changed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './test-cluster.ts';

export const PSEUDO_LOCALE = 'es';
export const PSEUDO_ROOT = path.join(ROOT, '.data/pseudo/app');

/** What the runner builds and serves from (see supabase/local/start.ts). */
const SOURCES = [
	'src',
	'static',
	'supabase',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json',
	'patches',
	'tsconfig.json'
];

type Pattern = string | { match: Record<string, string> }[];

/** One message wrapped: a text, or each variant of a plural. */
export function pseudo(message: unknown): unknown {
	if (typeof message === 'string') return `⟦${message}⟧`;
	if (Array.isArray(message)) {
		return (message as Exclude<Pattern, string>).map((variant) => ({
			...variant,
			match: Object.fromEntries(
				Object.entries(variant.match).map(([key, text]) => [key, `⟦${text}⟧`])
			)
		}));
	}
	return message;
}

export async function preparePseudoApp(): Promise<string> {
	await mkdir(PSEUDO_ROOT, { recursive: true });
	for (const source of SOURCES) {
		const target = path.join(PSEUDO_ROOT, source);
		await mkdir(path.dirname(target), { recursive: true });
		// The generated message functions are the copy's own (its build makes them).
		await cp(path.join(ROOT, source), target, {
			recursive: true,
			preserveTimestamps: true,
			force: true,
			filter: (from) => !from.startsWith(path.join(ROOT, 'src/lib/paraglide'))
		});
	}
	await rm(path.join(PSEUDO_ROOT, 'node_modules'), { force: true });
	await symlink(path.join(ROOT, 'node_modules'), path.join(PSEUDO_ROOT, 'node_modules'), 'dir');

	// The catalogue: every locale as it is, but the pseudo one, which is English wrapped.
	for (const domain of await readdir(path.join(ROOT, 'messages'))) {
		const from = path.join(ROOT, 'messages', domain);
		if (!(await stat(from)).isDirectory()) continue;
		const to = path.join(PSEUDO_ROOT, 'messages', domain);
		await mkdir(to, { recursive: true });
		for (const file of await readdir(from)) {
			const source = path.join(from, file);
			let text = await readFile(source, 'utf8');
			if (file === `${PSEUDO_LOCALE}.json`) {
				const english = JSON.parse(await readFile(path.join(from, 'en.json'), 'utf8')) as Record<
					string,
					unknown
				>;
				text = JSON.stringify(
					Object.fromEntries(
						Object.entries(english).map(([key, value]) => [
							key,
							key === '$schema' ? value : pseudo(value)
						])
					),
					null,
					'\t'
				);
			}
			// Written only when it changed, so that an unchanged catalogue keeps the build.
			const target = path.join(to, file);
			if ((await readFile(target, 'utf8').catch(() => null)) !== text) {
				await writeFile(target, text);
			}
		}
	}
	// The message functions, compiled before anything starts: the stand-in's mail imports them
	// before the build (which would compile them too) has run.
	await promisify(execFile)('npm', ['run', '--silent', 'messages'], { cwd: PSEUDO_ROOT });
	return PSEUDO_ROOT;
}
