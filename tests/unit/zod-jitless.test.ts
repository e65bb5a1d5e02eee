import { expect, it } from 'vitest';

// zod probes `new Function('')` when it builds its first object schema unless it is jitless; the
// browser's CSP (no 'unsafe-eval') reports that probe on every page. Watch every `new Function`.
const made: unknown[][] = [];
const RealFunction = globalThis.Function;
globalThis.Function = new Proxy(RealFunction, {
	construct(target, args: unknown[]) {
		made.push(args);
		return Reflect.construct(target, args) as object;
	}
});

it('the browser’s first module makes zod jitless before any page builds a schema: no eval probe', async () => {
	try {
		// The order of the browser: hooks.ts first, then a page and its schemas.
		await import('../../src/hooks');
		const { profileSchema } = await import('$lib/schemas/profiles');
		const { markReadSchema } = await import('$lib/schemas/notifications');
		const { z } = await import('zod');
		expect(z.config().jitless).toBe(true);
		expect(profileSchema.safeParse({ display_name: 'Amina' }).success).toBe(false);
		expect(markReadSchema.safeParse({ notification_id: crypto.randomUUID() }).success).toBe(true);
	} finally {
		globalThis.Function = RealFunction;
	}
	expect(made).toEqual([]);
});
