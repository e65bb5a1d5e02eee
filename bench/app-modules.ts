/**
 * Lets a benchmark import the app's own server modules (src/lib/server/db/…), so that it times the
 * queries the pages run, not copies of them: `$lib/…` resolves to src/lib, and an import without
 * an extension (as SvelteKit's bundler allows) finds its .ts or .js file.
 *
 *   import './app-modules.ts';  // first, before any import of the app
 *   const posts = await import('../src/lib/server/db/posts.ts');
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LIB = new URL('../src/lib/', import.meta.url);

registerHooks({
	resolve(specifier, context, nextResolve) {
		const target = specifier.startsWith('$lib/')
			? new URL(specifier.slice('$lib/'.length), LIB).href
			: specifier.startsWith('.') && context.parentURL?.startsWith(LIB.href)
				? new URL(specifier, context.parentURL).href
				: null;
		if (target) {
			const file = fileURLToPath(target);
			for (const candidate of [file, `${file}.ts`, `${file}.js`, `${file}/index.ts`]) {
				if (existsSync(candidate) && !candidate.endsWith('/')) {
					try {
						return nextResolve(pathToFileURL(candidate).href, context);
					} catch {
						// A folder of that name: try the next.
					}
				}
			}
		}
		return nextResolve(specifier, context);
	}
});
