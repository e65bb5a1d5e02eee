/**
 * The keys `supabase start` uses, so the stand-in and a real local Supabase are interchangeable.
 * They are public demo values printed by the Supabase CLI: never use them for anything real.
 */
import type { JWK } from 'jose';

/** HS256 secret behind the legacy anon and service_role keys. */
export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** Legacy API keys: long-lived HS256 JWTs with `role` anon / service_role. */
export const ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const SERVICE_ROLE_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/** New-style opaque keys; the gateway swaps them for the legacy JWTs above. */
export const PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/** The ES256 key that signs user access tokens (hard-coded in the CLI since January 2026). */
export const SIGNING_KEY: JWK & { kid: string } = {
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

/** The public half, as published at /auth/v1/.well-known/jwks.json. */
export const PUBLIC_JWK: JWK = {
	kty: SIGNING_KEY.kty,
	crv: SIGNING_KEY.crv,
	kid: SIGNING_KEY.kid,
	alg: 'ES256',
	use: 'sig',
	key_ops: ['verify'],
	x: SIGNING_KEY.x,
	y: SIGNING_KEY.y
};
