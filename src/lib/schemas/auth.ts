/**
 * The account forms' rules, shared by the server actions, the pages and the tests. Passwords follow
 * NIST SP 800-63B: at least 8 characters, up to 72 bytes (bcrypt's limit), no composition rules,
 * paste allowed, never only spaces; the server also refuses common or guessable passwords and the
 * person's own address or name (lib/server/auth/passwords.ts).
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.auth_email_required() })
	.pipe(z.email({ error: () => m.auth_email_invalid() }));

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX_BYTES = 72;

export const password = z
	.string()
	.refine((p) => p.trim() !== '', { error: () => m.auth_password_spaces() })
	.min(PASSWORD_MIN, { error: () => m.auth_password_min({ min: PASSWORD_MIN }) })
	.refine((p) => new TextEncoder().encode(p).length <= PASSWORD_MAX_BYTES, {
		error: () => m.auth_password_max()
	});

/** A same-site path to go to afterwards; anything else is dropped. */
const redirectTo = z.string().optional();

export const signUpSchema = z.object({
	display_name: z
		.string()
		.trim()
		.min(1, { error: () => m.auth_name_required() })
		.max(120, { error: () => m.auth_name_max() }),
	email,
	password,
	agree: z.literal('on', { error: () => m.auth_agree_required() }),
	redirectTo
});

export const signInSchema = z.object({
	email,
	password: z.string().min(1, { error: () => m.auth_password_required() }),
	redirectTo
});

export const emailSchema = z.object({ email, redirectTo });

export const codeSchema = z.object({
	email,
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, { error: () => m.auth_code_invalid() }),
	redirectTo
});

/**
 * A new password. `current_password` is required when the person changes it from their account
 * (the page knows; a link from a reset or an invitation mail is proof enough instead).
 */
export const newPasswordSchema = z.object({
	current_password: z.string().optional(),
	password
});

export const changeEmailSchema = z.object({
	email,
	current_password: z.string().min(1, { error: () => m.auth_current_password_required() })
});

export const deleteAccountSchema = z.object({
	current_password: z.string().min(1, { error: () => m.auth_password_confirm_required() }),
	// The words of the page's language ("supprimer mon compte"), as the page asks for them.
	confirm: z.string().refine((typed) => typed.trim().toLowerCase() === m.auth_delete_words(), {
		error: () => m.auth_delete_confirm({ words: m.auth_delete_words() })
	})
});

export type SignUp = z.infer<typeof signUpSchema>;
export type SignIn = z.infer<typeof signInSchema>;
