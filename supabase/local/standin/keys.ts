/**
 * The API keys `supabase start` prints, so that the stand-in and a real local Supabase are
 * interchangeable for clients. They are public demo values: the stand-in recognises them as API
 * keys (anon and service_role), exactly these strings, and never as a person's session. Sessions
 * are signed with keys of the stand-in's own, made per data folder (signing-keys.ts).
 */
import type { JWK } from 'jose';

/** Legacy API keys: long-lived HS256 JWTs with `role` anon / service_role. */
export const ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const SERVICE_ROLE_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/** New-style opaque keys; the gateway swaps them for the legacy JWTs above. */
export const PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/**
 * The CLI's published HS256 secret and ES256 signing key. Anyone can sign with them, so the
 * stand-in trusts neither; they stay here so tests can show that a token forged with them fails.
 */
export const DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEMO_SIGNING_KEY: JWK & { kid: string } = {
	kty: 'EC',
	crv: 'P-256',
	kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90',
	alg: 'ES256',
	use: 'sig',
	key_ops: ['sign', 'verify'],
	x: 'M5Sjqn5zwC9Kl1zVfUUGvv9boQjCGd45G8sdopBExB4',
	y: 'P6IXMvA2WYXSHSOMTBH2jsw_9rrzGy89FjPf6oOsIxQ',
	d: 'dIhR8wywJlqlua4y_yMq2SLhlFXDZJBCvFrY1DCHyVU'
};
