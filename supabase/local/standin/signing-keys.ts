/**
 * The stand-in's own signing keys, one set per data folder: an ES256 key for access tokens
 * (published in the JWKS) and an HS256 secret for tokens signed the legacy way. Made on first
 * start, kept in <dataDir>/standin-keys.json (mode 0600) so sessions survive a restart. Unlike the
 * CLI's demo keys they are known to no one else, so no one can forge a session.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';

export type SigningKeys = {
	/** HS256 secret (GoTrue's GOTRUE_JWT_SECRET). */
	jwtSecret: string;
	/** The private ES256 JWK, with its `kid`. */
	signingKey: JWK & { kid: string };
};

export const KEYS_FILE = 'standin-keys.json';

/** The keys of this data folder, made (once, atomically) when there are none yet. */
export async function loadSigningKeys(dataDir: string): Promise<SigningKeys> {
	const file = path.join(dataDir, KEYS_FILE);
	const existing = await readSigningKeys(dataDir).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	});
	if (existing) {
		// Whoever can read the file can sign in as anyone: keep it to its owner.
		await chmod(file, 0o600);
		return existing;
	}
	await mkdir(dataDir, { recursive: true });
	const temporary = `${file}.${process.pid}.${randomUUID()}`;
	await writeFile(temporary, JSON.stringify(newKeys(), null, '\t') + '\n', { mode: 0o600 });
	try {
		// link() refuses to replace a file: if another start made one meanwhile, theirs wins.
		await link(temporary, file).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'EEXIST') throw error;
		});
	} finally {
		await rm(temporary, { force: true });
	}
	return readSigningKeys(dataDir);
}

/** The keys of a data folder a stand-in has started on (tests sign tokens with them). */
export async function readSigningKeys(dataDir: string): Promise<SigningKeys> {
	const file = path.join(dataDir, KEYS_FILE);
	const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SigningKeys>;
	const key = parsed.signingKey;
	if (
		typeof parsed.jwtSecret !== 'string' ||
		parsed.jwtSecret.length < 32 ||
		key?.kty !== 'EC' ||
		typeof key.d !== 'string' ||
		typeof key.kid !== 'string'
	) {
		throw new Error(
			`${file} is damaged: remove it, and the stand-in makes new keys (everyone signs in again).`
		);
	}
	return { jwtSecret: parsed.jwtSecret, signingKey: key };
}

function newKeys(): SigningKeys {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const jwk = privateKey.export({ format: 'jwk' });
	return {
		jwtSecret: randomBytes(32).toString('base64url'),
		signingKey: { ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' } as JWK & { kid: string }
	};
}
