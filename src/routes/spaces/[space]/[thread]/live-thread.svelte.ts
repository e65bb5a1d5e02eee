/**
 * A thread page's live state: who else is reading it, who is typing, and a way for the reply box
 * to say that this person is typing. Filled by ThreadLive's subscription; read by the page.
 */
import type { ThreadWatch } from '$lib/realtime/spaces';

/** How long someone counts as typing after their last signal. */
const TYPING_FOR_MS = 6000;

export class LiveThread {
	readers = $state<string[]>([]);
	#typing = $state<Record<string, number>>({});
	#now = $state(Date.now());
	watch: ThreadWatch | undefined;

	/** Names of the people typing now. */
	get typingNames(): string[] {
		return Object.entries(this.#typing)
			.filter(([, at]) => this.#now - at < TYPING_FOR_MS)
			.map(([name]) => name);
	}

	heard(name: string): void {
		this.#typing = { ...this.#typing, [name]: Date.now() };
		this.#now = Date.now();
		setTimeout(() => (this.#now = Date.now()), TYPING_FOR_MS);
	}

	stopped(name: string): void {
		const { [name]: _, ...rest } = this.#typing;
		this.#typing = rest;
	}

	typing(): void {
		this.watch?.typing();
	}
}
