/**
 * Every mail the stand-in would send lands here instead: one JSON file each under the data folder,
 * listed by GET /_dev/mail for tests and for the app's development-only mail page. Auth's mails
 * are written by the auth service; the app's own mail arrives over SMTP (smtp.ts) as kind 'app'.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The mails Auth sends. */
export type AuthMailKind =
	| 'confirmation'
	| 'magic_link'
	| 'recovery'
	| 'email_change_current'
	| 'email_change_new'
	| 'invite'
	| 'reauthentication';

/** Auth's mails, and 'app': what the app sent through the SMTP sink. */
export type MailKind = AuthMailKind | 'app';

export type Mail = {
	id: string;
	kind: MailKind;
	to: string;
	subject: string;
	text: string;
	html: string;
	/** Who it is from, for the app's mail (Auth's come from the stand-in). */
	from?: string;
	/** The link in the mail (Auth's: to the app's /auth/confirm; the app's: its first), when it has one. */
	link?: string;
	/** The 6-digit code in the mail, when it has one. */
	code?: string;
	/** The threading and list headers of the app's mail (Message-ID, List-Unsubscribe…), unfolded. */
	headers?: Record<string, string>;
	created_at: string;
};

export class Outbox {
	private readonly mails: Mail[] = [];
	private loaded: Promise<void> | undefined;

	private readonly dir: string;

	constructor(dir: string) {
		this.dir = dir;
	}

	private load(): Promise<void> {
		return (this.loaded ??= (async () => {
			await mkdir(this.dir, { recursive: true });
			for (const file of (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort()) {
				this.mails.push(JSON.parse(await readFile(path.join(this.dir, file), 'utf8')) as Mail);
			}
		})());
	}

	async add(mail: Omit<Mail, 'id' | 'created_at'>): Promise<Mail> {
		await this.load();
		const created: Mail = { ...mail, id: randomUUID(), created_at: new Date().toISOString() };
		this.mails.push(created);
		await writeFile(
			path.join(this.dir, `${Date.now()}-${created.id}.json`),
			JSON.stringify(created, null, 2)
		);
		return created;
	}

	/** Newest first; `to` filters by recipient (case-insensitive). */
	async list(to?: string): Promise<Mail[]> {
		await this.load();
		const wanted = to?.toLowerCase();
		return this.mails.filter((m) => !wanted || m.to.toLowerCase() === wanted).reverse();
	}

	async clear(): Promise<void> {
		await this.load();
		this.mails.length = 0;
		await rm(this.dir, { recursive: true, force: true });
		await mkdir(this.dir, { recursive: true });
	}
}
