// The chat page as people use it: headless Chromium, driven by playwright-core, on a phone-sized
// screen (390 px wide). alice and bob each have a browser context of their own (as two browsers
// would: tabs of one browser share the session), log in through the login page, and see each
// other's lobby messages, mentions, team messages, reactions, presence and typing. Every request
// the pages make must go to the app on 127.0.0.1; anything else is blocked and fails the test.
//
// Not named *.test.js, so a plain `node --test` (the pusher-js suite) leaves it out; it runs with
// `npm run test:browser`, and from Maven in BrowserIntegrationTests. Without playwright-core or
// Chromium every test here is skipped, and says why.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { as, baseUrl, config, postJson, users, WAIT_MS } from '../support.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--no-first-run'];

const VIEWPORT = Object.freeze({ width: 390, height: 844 });

const playwright = await import('playwright-core').catch(() => null);

const missing = playwright === null ? 'playwright-core is not installed (run npm ci in src/test/js)'
	: !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (set CHROMIUM to its path)` : null;
if (missing) {
	console.log(`WARNING: skipping the browser tests: ${missing}`);
}
const options = { skip: missing ?? false };

let browser;
const people = {};
const blocked = [];

before(async () => {
	if (missing) {
		return;
	}
	browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 4 * WAIT_MS });
	for (const user of [users.alice, users.bob]) {
		people[user.name] = await open(user);
	}
});

after(async () => {
	await browser?.close();
});

/** A browser context of its own, on the chat page, that reaches nothing but the app. */
async function open(user) {
	const context = await browser.newContext({ viewport: VIEWPORT });
	context.setDefaultTimeout(WAIT_MS);
	context.setDefaultNavigationTimeout(2 * WAIT_MS);
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === config.host) {
			return route.continue();
		}
		blocked.push(url.href);
		return route.abort();
	});
	// the page's pusher-js client, as window.testPusher, for the test to take it offline: the
	// page hands it to SocketsRecovery.withRecovery, which the recovery plugin defines
	await context.addInitScript(() => {
		let plugin;
		Object.defineProperty(window, 'SocketsRecovery', {
			configurable: true,
			get: () => plugin,
			set: (value) => {
				plugin = {
					withRecovery: (pusher) => {
						window.testPusher = pusher;
						return value.withRecovery(pusher);
					},
				};
			},
		});
	});
	const page = await context.newPage();
	await page.goto(`${baseUrl}/`);
	return { user, page };
}

/** Waits until `selector` holds an element with `text`, and returns it. */
async function shows(page, selector, text) {
	const element = page.locator(selector, { hasText: text });
	await element.first().waitFor({ state: 'visible' });
	return element;
}

async function connected(page) {
	await page.locator('#connection[data-state="connected"]').waitFor();
}

test('a guest reads the lobby but is asked to log in to write', options, async () => {
	const { page } = people.alice;

	await connected(page);
	await page.locator('#guest').waitFor({ state: 'visible' });
	assert.equal(await page.locator('#composer').isVisible(), false, 'no lobby form for a guest');
	assert.equal(await page.locator('#team').isVisible(), false, 'no team box for a guest');
});

test('alice and bob log in through the login page and land back on the chat', options, async () => {
	for (const { user, page } of Object.values(people)) {
		await page.locator('#login').click();
		await page.waitForURL(/\/login$/);
		await page.locator('#username').fill(user.name);
		await page.locator('#password').fill(user.password);
		await page.locator('#login-submit').click();
		await page.waitForURL((url) => url.pathname === '/');
		await shows(page, '#user-name', `${user.name} · team ${user.team}`);
		await connected(page);
	}
});

test('each box has its heading', options, async () => {
	const { page } = people.alice;

	await page.locator('#team').waitFor({ state: 'visible' });
	await page.locator('#mentions').waitFor({ state: 'visible' });
	const headings = await page.locator('section.box:visible > h2').allTextContents();
	assert.deepEqual(headings, ['Lobby', 'Team red', 'Mentions']);
});

test('the page fits 390 px, and every control is on screen once scrolled to', options, async () => {
	for (const { user, page } of Object.values(people)) {
		if (process.env.SCREENSHOTS) {
			// for a person to look at: SCREENSHOTS=/some/directory npm run test:browser
			await page.screenshot({ path: `${process.env.SCREENSHOTS}/${user.name}.png`, fullPage: true });
		}
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= VIEWPORT.width, `the page is ${width} px wide`);
		for (const selector of ['#logout', '#text', '#send', '.reactions button', '#team-text', '#team-send']) {
			for (const control of await page.locator(selector).all()) {
				await control.scrollIntoViewIfNeeded();
				const box = await control.boundingBox();
				assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width
					&& box.y + box.height <= VIEWPORT.height, `${selector} is on screen: ${JSON.stringify(box)}`);
			}
		}
	}
});

test('a lobby message reaches the other person, with its author, and tells whom it mentions', options, async () => {
	const { alice, bob } = people;
	const text = `hello @bob ${randomUUID()}`;

	await alice.page.locator('#text').fill(text);
	await alice.page.locator('#send').click();

	await shows(alice.page, '#messages li.message.mine', text);
	const seen = await shows(bob.page, '#messages li.message', text);
	assert.equal(await seen.locator('strong').textContent(), 'alice');
	const mention = await shows(bob.page, '#mention-list li.message', text);
	assert.equal(await mention.locator('strong').textContent(), 'alice');
});

test('team members see who is online, who is typing, and each other\'s messages', options, async () => {
	const { alice, bob } = people;
	const text = `for the team ${randomUUID()}`;

	await shows(alice.page, '#online li', 'Bob');
	await shows(alice.page, '#online li.me', 'Alice (you)');
	await shows(bob.page, '#online li', 'Alice');

	await bob.page.locator('#team-text').pressSequentially('for the team', { delay: 20 });
	await shows(alice.page, '#typing', 'Bob is typing…');
	await bob.page.locator('#team-text').fill(text);
	await bob.page.locator('#team-send').click();

	const message = await shows(alice.page, '#team-messages li.message', text);
	assert.equal(await message.locator('strong').textContent(), 'bob');
	await shows(bob.page, '#team-messages li.message.mine', text);
	// a message ends its author's typing at once
	assert.equal(await alice.page.locator('#typing').textContent(), '');
});

test('a reaction is confirmed to its sender and reaches the team', options, async () => {
	const { alice, bob } = people;
	const before = await bob.page.locator('#team-messages li.reaction', { hasText: 'alice reacted 🎉' }).count();

	await alice.page.locator('.reactions button[data-reaction="party"]').click();

	await shows(alice.page, '#team-messages li.reaction', 'You reacted 🎉');
	await bob.page.waitForFunction((count) => [...document.querySelectorAll('#team-messages li.reaction')]
		.filter((item) => item.textContent === 'alice reacted 🎉').length > count, before);
});

/** The texts of the lobby's messages on a page, in the order shown, of those in `texts`. */
async function lobbyTexts(page, texts) {
	const shown = await page.locator('#messages li.message p').allTextContents();
	return shown.filter((text) => texts.includes(text));
}

async function offline(page) {
	await page.evaluate(() => window.testPusher.disconnect());
	await page.locator('#connection[data-state="disconnected"]').waitFor();
}

async function online(page) {
	await page.evaluate(() => window.testPusher.connect());
	await connected(page);
}

test('back online, the page shows the lobby messages it missed once each, in order, its own included', options, async () => {
	const { alice, bob } = people;
	const texts = [1, 2, 3].map((n) => `missed ${n} ${randomUUID()}`);
	const own = `written offline ${randomUUID()}`;

	await offline(alice.page);
	for (const text of texts.slice(0, 2)) {
		await bob.page.locator('#text').fill(text);
		await bob.page.locator('#send').click();
		await shows(bob.page, '#messages li.message.mine', text);
	}
	// the POST works offline; it leaves out the old connection only, so the replay brings it back too
	await alice.page.locator('#text').fill(own);
	await alice.page.locator('#send').click();
	await shows(alice.page, '#messages li.message.mine', own);
	await bob.page.locator('#text').fill(texts[2]);
	await bob.page.locator('#send').click();
	await shows(bob.page, '#messages li.message.mine', texts[2]);
	await online(alice.page);

	await shows(alice.page, '#messages li.message', texts[2]);
	assert.deepEqual(await lobbyTexts(alice.page, [...texts, own]), [texts[0], texts[1], own, texts[2]]);
});

test('after missing more than the lobby keeps, the page loads its latest messages', options, async () => {
	const { alice } = people;
	// 101: the lobby keeps 100 (application.yml), GET /chat/messages answers the last 50
	const texts = Array.from({ length: 101 }, (_, n) => `too many ${n} ${randomUUID()}`);

	await offline(alice.page);
	for (const text of texts) {
		const response = await postJson('/chat/messages', { text }, as(users.bob));
		assert.equal(response.status, 200);
	}
	await online(alice.page);

	await shows(alice.page, '#messages li.message', texts.at(-1));
	assert.deepEqual(await lobbyTexts(alice.page, texts), texts.slice(-50));
});

test('logging out returns to the chat as a guest, and the team sees bob leave', options, async () => {
	const { alice, bob } = people;

	await bob.page.locator('#logout').click();

	await bob.page.locator('#login').waitFor({ state: 'visible' });
	assert.equal(new URL(bob.page.url()).pathname, '/');
	await bob.page.locator('#guest').waitFor({ state: 'visible' });
	assert.equal(await bob.page.locator('#composer').isVisible(), false);
	await alice.page.locator('#online li', { hasText: 'Bob' }).waitFor({ state: 'detached' });
});

test('a wrong password keeps you on the login page with an error', options, async () => {
	const { page } = people.bob;

	await page.goto(`${baseUrl}/login`);
	await page.locator('#username').fill('bob');
	await page.locator('#password').fill('not-his-password');
	await page.locator('#login-submit').click();

	await shows(page, '#login-error', 'Wrong user name or password.');
	assert.equal(new URL(page.url()).pathname, '/login');
});

test('the pages asked nothing of any host but the app', options, () => {
	assert.deepEqual(blocked, []);
});
