/**
 * zod's one global setting, applied before any schema is built. Without `jitless`, zod v4 probes
 * `new Function` when it makes its first object schema (to compile faster parsers), and under
 * our CSP (no 'unsafe-eval') the browser reports that probe as a violation on every page that
 * runs a schema, even though zod catches the refusal. Imported first by src/hooks.ts, the first
 * module the browser runs (pages load after it), and by the shared field rules.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
