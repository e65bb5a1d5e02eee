/**
 * The stand-in takes its Auth settings from supabase/config.toml, with the Supabase CLI's defaults
 * where the file is silent: the project's file as it is, a changed copy, and an empty one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	anonClient,
	confirmedUser,
	extraStandIn,
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import {
	CLI_DEFAULTS,
	goDuration,
	PROJECT_CONFIG,
	readAuthConfig
} from '../../supabase/local/standin/config.ts';
import { localEnv } from '../../src/lib/server/env.ts';

const shared = inject('standIn');
let dir = '';

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'config-toml-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of the project's file with some lines changed. */
async function copyWith(changes: Record<string, string>): Promise<string> {
	let text = await readFile(PROJECT_CONFIG, 'utf8');
	for (const [key, value] of Object.entries(changes)) {
		const line = new RegExp(`^${key} = .*$`, 'm');
		expect(text).toMatch(line);
		text = text.replace(line, `${key} = ${value}`);
	}
	const file = path.join(dir, `config-${Object.keys(changes).join('-')}.toml`);
	await writeFile(file, text);
	return file;
}

describe("the project's config.toml", () => {
	it('gives the settings the product runs with', () => {
		const { settings, notes } = readAuthConfig();
		expect(settings).toEqual({
			siteUrl: 'http://127.0.0.1:3000',
			redirectUrls: ['http://127.0.0.1:3000/**', 'http://localhost:3000/**'],
			autoconfirm: false,
			jwtExpiry: 3600,
			refreshTokenReuseInterval: 10,
			enableSignup: true,
			otpExpiry: 600,
			minimumPasswordLength: 8,
			mailInterval: 60,
			rateLimits: { signInSignUps: 30, tokenRefresh: 150, tokenVerifications: 30 }
		});
		expect(notes).toEqual([]);
	});

	it('names the ports the runner uses by default', async () => {
		const file = parse(await readFile(PROJECT_CONFIG, 'utf8')) as {
			api: { port: number };
			db: { port: number };
			inbucket: { smtp_port: number };
		};
		const env = localEnv();
		expect({ api: file.api.port, db: file.db.port, smtp: file.inbucket.smtp_port }).toEqual({
			api: env.SUPABASE_PORT,
			db: env.POSTGRES_PORT,
			smtp: env.SMTP_PORT
		});
	});

	it('points every mail template at the app’s /auth/confirm with the token hash', async () => {
		const file = parse(await readFile(PROJECT_CONFIG, 'utf8')) as {
			auth: { email: { template: Record<string, { subject: string; content_path: string }> } };
		};
		const templates = file.auth.email.template;
		const types = {
			confirmation: 'signup',
			invite: 'invite',
			magic_link: 'magiclink',
			recovery: 'recovery',
			email_change: 'email_change'
		};
		for (const [name, type] of Object.entries(types)) {
			// content_path is relative to the folder that holds supabase/, as the CLI reads it.
			const html = await readFile(
				path.join(path.dirname(PROJECT_CONFIG), '..', templates[name]!.content_path),
				'utf8'
			);
			expect(html).toContain(
				`href="{{ .SiteURL }}/auth/confirm?token_hash={{ .TokenHash }}&type=${type}`
			);
			expect(templates[name]!.subject).toMatch(/Capacity Commons/);
		}
		expect(templates.reauthentication?.content_path).toBe(
			'./supabase/templates/reauthentication.html'
		);
	});

	it('is what the shared stand-in follows: passwords of 8 characters at least', async () => {
		const { error } = await anonClient(shared.url).auth.signUp({
			email: uniqueEmail('seven'),
			password: 'sevenCh'
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 8 characters.'
		});
	});
});

describe('a changed copy', () => {
	let standIn: Awaited<ReturnType<typeof extraStandIn>>;

	beforeAll(async () => {
		const file = await copyWith({
			minimum_password_length: '12',
			jwt_expiry: '600',
			enable_confirmations: 'false'
		});
		standIn = await extraStandIn(shared.databaseUrl, {}, file);
	});
	afterAll(() => standIn?.close());

	it('is followed: the minimum password length', async () => {
		const client = anonClient(standIn.url);
		const short = await client.auth.signUp({
			email: uniqueEmail('short'),
			password: 'elevenchars'
		});
		expect(short.error).toMatchObject({
			status: 422,
			code: 'weak_password',
			message: 'Password should be at least 12 characters.'
		});
		// enable_confirmations = false: a session at once.
		const long = await client.auth.signUp({
			email: uniqueEmail('long'),
			password: 'twelve chars'
		});
		expect(long.error).toBeNull();
		expect(long.data.session).not.toBeNull();
	});

	it('is followed: the access token’s lifetime', async () => {
		const member = await confirmedUser(standIn.url, 'expiry');
		const { data, error } = await anonClient(standIn.url).auth.signInWithPassword(member);
		expect(error).toBeNull();
		expect(data.session?.expires_in).toBe(600);
		const claims = decodeJwt(data.session?.access_token ?? '');
		expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
	});

	it('says at start what it asks for and the stand-in does not do', async () => {
		const file = await copyWith({ password_requirements: '"letters_digits"' });
		expect(readAuthConfig(file).notes).toEqual([
			'auth.password_requirements = "letters_digits" is not implemented by the stand-in; it behaves as ""'
		]);
	});
});

describe('a file that is silent', () => {
	it('leaves the CLI’s defaults', async () => {
		const file = path.join(dir, 'empty.toml');
		await writeFile(file, '[auth]\n');
		expect(readAuthConfig(file).settings).toEqual(CLI_DEFAULTS);
		expect(readAuthConfig(path.join(dir, 'missing.toml')).settings).toEqual(CLI_DEFAULTS);
	});

	it('reads env() as the CLI does, and durations in Go’s notation', async () => {
		const file = path.join(dir, 'env.toml');
		await writeFile(
			file,
			'[auth]\nsite_url = "env(CONFIG_TEST_SITE_URL)"\n[auth.email]\nmax_frequency = "1m30s"\n'
		);
		process.env.CONFIG_TEST_SITE_URL = 'https://commons.example.org';
		expect(readAuthConfig(file).settings).toMatchObject({
			siteUrl: 'https://commons.example.org',
			mailInterval: 90
		});
		delete process.env.CONFIG_TEST_SITE_URL;
		expect(readAuthConfig(file).settings.siteUrl).toBe(CLI_DEFAULTS.siteUrl);
		expect([goDuration('1s'), goDuration('500ms'), goDuration('1h'), goDuration('soon')]).toEqual([
			1,
			0.5,
			3600,
			undefined
		]);
	});

	it('refuses a value of the wrong kind, naming the key', async () => {
		const file = path.join(dir, 'wrong.toml');
		await writeFile(file, '[auth]\njwt_expiry = "an hour"\n');
		expect(() => readAuthConfig(file)).toThrow(/auth\.jwt_expiry must be a whole number/);
	});
});
