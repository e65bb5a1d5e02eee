import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { supabaseEnv } from '$lib/server/env';
import type { PageServerLoad } from './$types';

const outboxSchema = z.object({
	messages: z.array(
		z.object({
			id: z.string(),
			kind: z.string(),
			to: z.string(),
			from: z.string().optional(),
			subject: z.string(),
			text: z.string(),
			link: z.string().optional(),
			code: z.string().optional(),
			created_at: z.string()
		})
	)
});

/**
 * The local stand-in's outbox: every mail Auth would have sent, and the app's own mail, which
 * reaches the stand-in's SMTP sink (kind 'app'). Development only: with a real Supabase project
 * mail goes out for real and this page does not exist.
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
	const env = supabaseEnv();
	if (!env.SUPABASE_STANDIN) error(404, 'Not found');
	const to = url.searchParams.get('to');
	const response = await fetch(
		`${env.PUBLIC_SUPABASE_URL}/_dev/mail${to ? `?to=${encodeURIComponent(to)}` : ''}`
	);
	const { messages } = outboxSchema.parse(await response.json());
	return { messages, to };
};
