/**
 * Live updates on this page, typed: a realtime wrapper (e.g. user-notices.ts) checks what arrives
 * and passes it on here; components listen to the events they show. Browser-only: listeners are
 * added in a component's $effect (which never runs on the server), and its cleanup removes them.
 * Plain TypeScript, not .svelte.ts: it holds listeners, not reactive state.
 */
/** A notification as the database's trigger broadcasts it on the person's own topic. */
export type LiveNotification = { id: string; created_at: string };

/** Every live event a page may hear, and what it carries. */
export type LiveEvents = {
	/** A new notification for the signed-in person (a claim decided, an invitation, a suggestion). */
	notification: LiveNotification;
};

type Listener<K extends keyof LiveEvents> = (payload: LiveEvents[K]) => void;

class Hub {
	// Keyed by event; each set holds listeners of that event's payload (typed by on and emit).
	#listeners = new Map<keyof LiveEvents, Set<(payload: never) => void>>();

	/** Listens to one event; returns the cleanup for the component's $effect. */
	on<K extends keyof LiveEvents>(event: K, listener: Listener<K>): () => void {
		let listeners = this.#listeners.get(event);
		if (!listeners) this.#listeners.set(event, (listeners = new Set()));
		listeners.add(listener);
		return () => void listeners.delete(listener);
	}

	/** Passes an event on to every listener (called by the realtime wrappers only). */
	emit<K extends keyof LiveEvents>(event: K, payload: LiveEvents[K]): void {
		for (const listener of this.#listeners.get(event) ?? []) {
			(listener as Listener<K>)(payload);
		}
	}
}

/** The page's one hub. */
export const live = new Hub();
