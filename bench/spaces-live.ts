/**
 * A post, seen live in a second browser: Tomás replies in a thread (the reply form, with
 * JavaScript) while Amina has the thread open in another Chromium context; the figure is from his
 * click to the post's text in her page (the form's POST, the commit, the broadcast on the
 * thread's private channel through the stand-in, her page fetching the new post and drawing it).
 *
 *   node bench/spaces-live.ts [--posts 50]
 *
 * The demo world in its own folder (.data/bench/live, seeded on the first run and kept), the
 * built app as `npm start` serves it, Debian's Chromium.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signIn } from '../tests/e2e/accounts.ts';
import { launch, open } from '../tests/e2e/browser.ts';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { summary } from './load.ts';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '50' } } });
const POSTS = Number(values.posts);
const PASSWORD = 'commons-demo-2026';

const port = await freePort();
const product = startProduct({
	PORT: String(port),
	POSTGRES_PORT: String(await freePort()),
	SUPABASE_PORT: String(await freePort()),
	SMTP_PORT: String(await freePort()),
	DATA_DIR: path.join(ROOT, '.data/bench/live'),
	ADDRESS_HEADER: 'x-forwarded-for'
});
const browser = await launch();
try {
	await ready(product, 10 * 60_000);
	const base = product.url;
	const amina = await open(browser);
	const tomas = await open(browser);
	await signIn(amina.page, base, 'amina@example.org', PASSWORD);
	await signIn(tomas.page, base, 'tomas@example.org', PASSWORD);
	const thread = async (page: typeof amina.page) => {
		await page.goto(`${base}/spaces/data-protection`);
		await page.getByRole('link', { name: /Request for comments/ }).click();
		await page.getByRole('heading', { name: /Request for comments/ }).waitFor();
	};
	// A page holds 20 posts; a new one past it is announced ("n new replies"), not drawn: each
	// of them follows "Later posts" to the thread's last page.
	const toEnd = async (page: typeof amina.page) => {
		const later = page.getByRole('link', { name: 'Later posts' });
		while (await later.count()) {
			await page.goto(new URL((await later.getAttribute('href'))!, base).href);
		}
	};
	await thread(amina.page);
	await thread(tomas.page);
	await toEnd(tomas.page);
	await toEnd(amina.page);
	// Her page has joined the thread's channel once "also reading" names him.
	await amina.page.getByText(/Also reading: .*Tomás Herrera/).waitFor();

	const address = amina.page.url().split(/[?#]/)[0]!;
	const ms: number[] = [];
	// Where the time goes, per post: his POST answered, the thread's broadcast in her socket, her
	// request for the new post answered; each from his click.
	const stages = { answered: [] as number[], broadcast: [] as number[], fetched: [] as number[] };
	let heard = 0;
	amina.page.on('websocket', (socket) =>
		socket.on('framereceived', ({ payload }) => {
			if (String(payload).includes('post_id')) heard ||= performance.now();
		})
	);
	for (let i = 0; i < POSTS + 3; i += 1) {
		// When her page is nearly full, both open a page that starts at the last post (not timed).
		if ((await amina.page.locator('article[id^="post-"]').count()) >= 18) {
			const last = await amina.page.locator('article[id^="post-"]').last().getAttribute('id');
			const after = Number(last!.slice('post-'.length)) - 1;
			await tomas.page.goto(`${address}?after=${after}`);
			await amina.page.goto(`${address}?after=${after}`);
			await amina.page.getByText(/Also reading: .*Tomás Herrera/).waitFor();
		}
		const words = `Live check ${i} ${Math.random().toString(36).slice(2, 8)}`;
		await tomas.page.getByLabel('Your reply', { exact: true }).fill(words);
		heard = 0;
		const answered = tomas.page
			.waitForResponse((r) => r.request().method() === 'POST')
			.then(() => performance.now());
		const fetched = amina.page
			.waitForResponse((r) => r.url().includes('/posts?after='))
			.then(() => performance.now());
		const started = performance.now();
		await tomas.page.getByRole('button', { name: 'Send the reply' }).click();
		await amina.page
			.locator('article', { hasText: words })
			.waitFor({ timeout: 10_000 })
			.catch(async (error) => {
				const his = await tomas.page.locator('article', { hasText: words }).count();
				const said = await tomas.page.locator('.field-error, [role=alert]').allTextContents();
				console.log(
					`post ${i}: in his page ${his}, his errors ${JSON.stringify(said)}, her page ${amina.page.url()}`
				);
				throw error;
			});
		// The first few warm the pages up.
		if (i >= 3) {
			ms.push(performance.now() - started);
			stages.answered.push((await answered) - started);
			stages.fetched.push((await fetched) - started);
			if (heard) stages.broadcast.push(heard - started);
		}
		await tomas.page.locator('article', { hasText: words }).waitFor();
	}
	console.log(`A post seen in a second browser, ${POSTS} posts: ${summary(ms)}`);
	console.log(`  his reply answered:         ${summary(stages.answered)}`);
	console.log(`  the broadcast in her socket: ${summary(stages.broadcast)}`);
	console.log(`  the new post fetched:       ${summary(stages.fetched)}`);
	const errors = [...amina.errors, ...tomas.errors];
	if (errors.length) console.log(`Console errors: ${errors.join('; ')}`);
} finally {
	await browser.close();
	await stopProduct(product);
}
