// The compendium's filters, with JavaScript: a choice applies as it changes, the results and the
// counts are fetched and drawn in place (the panel stays open, the focus stays on the box), and
// the address keeps no empty fields. Without this script the form's Apply button does the same by
// a plain GET, and the server drops the empty fields.
/** @type {HTMLFormElement | null} */
const form = document.querySelector('form[data-filters]');

if (form) {
	form.classList.add('applies-as-it-changes');
	/** @type {HTMLDetailsElement | null} */
	const panel = form.querySelector('details.filters');
	if (panel && matchMedia('(min-width: 52rem)').matches) panel.open = true;

	/**
	 * The search the form says, as an address without empty fields.
	 * @param {HTMLElement | null} [submitter]
	 */
	const addressOf = (submitter) => {
		const params = new URLSearchParams();
		for (const [name, value] of new FormData(form, submitter)) {
			if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
		}
		const search = params.toString();
		return location.pathname + (search ? `?${search}` : '');
	};

	/** @type {AbortController | undefined} */
	let pending;
	/**
	 * @param {string} address
	 * @param {boolean} push
	 */
	const show = async (address, push) => {
		pending?.abort();
		const controller = (pending = new AbortController());
		form.setAttribute('aria-busy', 'true');
		try {
			const response = await fetch(address, { signal: controller.signal });
			if (!response.ok) throw new Error(String(response.status));
			const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
			const focused = document.activeElement;
			const key = focused instanceof HTMLInputElement && focused.form === form ? focused : null;
			for (const part of form.querySelectorAll(/** @type {'div'} */ ('[data-part]'))) {
				const next = fresh.querySelector(`[data-part="${part.dataset.part}"]`);
				part.replaceChildren(...(next ? next.childNodes : []));
			}
			if (push) history.pushState(null, '', address);
			if (key && !key.isConnected) {
				const same = [...form.querySelectorAll('input')].find(
					(i) => i.name === key.name && i.value === key.value
				);
				same?.focus();
			}
		} catch (error) {
			// Offline or refused: the plain page load says what happened.
			if (!(error instanceof DOMException && error.name === 'AbortError')) location.assign(address);
		} finally {
			if (pending === controller) form.removeAttribute('aria-busy');
		}
	};

	form.addEventListener('change', (event) => {
		if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
			void show(addressOf(), true);
		}
	});
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		void show(addressOf(/** @type {SubmitEvent} */ (event).submitter), true);
	});
	addEventListener('popstate', () => {
		/** @type {HTMLInputElement | null} */
		const words = form.querySelector('input[name="q"]');
		if (words) words.value = new URLSearchParams(location.search).get('q') ?? '';
		void show(location.pathname + location.search, false);
	});
}
