/**
 * A person's private topic (user:<id>) on realtime.messages: only they read it. realtime.topic()
 * is a setting that any signed-in role may set for itself, so the policy must hold of each row's
 * own topic; setting it to one's own topic opens nobody else's messages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import { createPerson, type Person } from './factories';

let owner: Person, other: Person;

beforeAll(async () => {
	[owner, other] = await Promise.all([createPerson(), createPerson()]);
	// As the server does (realtime.send, e.g. from notify()).
	await asService(
		(sql) => sql`
			select realtime.send(${sql.json({ kind: 'invitation' })}::jsonb, 'notification', ${'user:' + owner.id}, true)
		`
	);
});

/** The messages of `topic` a person reads, having set realtime.topic to `joined` as Realtime does. */
const read = (person: Person, joined: string | null, topic: string) =>
	withUser(person.claims, async (sql) => {
		if (joined) await sql`select set_config('realtime.topic', ${joined}, true)`;
		return sql<{ event: string }[]>`select event from realtime.messages where topic = ${topic}`;
	});

describe('user topics', () => {
	it('the person reads their own topic when they join it', async () => {
		const topic = `user:${owner.id}`;
		expect(await read(owner, topic, topic)).toEqual([{ event: 'notification' }]);
	});

	it('another member who joins their own topic reads nothing of anyone else’s', async () => {
		expect(await read(other, `user:${other.id}`, `user:${owner.id}`)).toEqual([]);
	});

	it('nobody reads a topic by naming it as the one they joined', async () => {
		expect(await read(other, `user:${owner.id}`, `user:${owner.id}`)).toEqual([]);
	});
});
