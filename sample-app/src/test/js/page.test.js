// The chat page is served by the app, with the same pusher-js build these tests run.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { as, baseUrl, users, within } from './support.js';

const require = createRequire(import.meta.url);

async function get(path) {
	const response = await within(fetch(`${baseUrl}${path}`), `GET ${path}`);
	assert.equal(response.status, 200, `GET ${path}`);
	return response;
}

test('the page loads pusher-js from the app itself', async () => {
	const html = await (await get('/')).text();

	assert.match(html, /<script src="vendor\/pusher-js\/pusher\.min\.js"><\/script>/);
	assert.doesNotMatch(html, /<script[^>]+src="(https?:)?\/\//, 'no script comes from another host');
});

test('the vendored pusher-js is the exact build of the pinned npm package', async () => {
	const served = Buffer.from(await (await get('/vendor/pusher-js/pusher.min.js')).arrayBuffer());
	const vendored = await readFile(new URL('../../main/resources/static/vendor/pusher-js/pusher.min.js', import.meta.url));
	const pinned = await readFile(require.resolve('pusher-js/dist/web/pusher.min.js'));

	assert.ok(vendored.equals(pinned), 'src/main/resources/static/vendor/pusher-js/pusher.min.js differs from pusher-js in node_modules');
	assert.ok(served.equals(pinned), 'the app serves a different pusher.min.js');
	assert.equal(require('pusher-js/package.json').version, '8.6.0');
});

test('the page loads the recovery plugin the starter serves, after pusher-js, and applies it to its client', async () => {
	const html = await (await get('/')).text();
	const script = await (await get('/app.js')).text();
	const served = await (await get('/sockets/pusher-recovery.js')).text();

	assert.match(html, /<script src="vendor\/pusher-js\/pusher\.min\.js"><\/script>\s*(<!--[^>]*-->\s*)?<script src="sockets\/pusher-recovery\.js"><\/script>\s*<script src="app\.js"><\/script>/);
	assert.equal(served, await readFile(require.resolve('sockets-pusher-recovery'), 'utf8'));
	assert.match(script, /SocketsRecovery\.withRecovery\(new Pusher\(/);
	assert.match(script, /bind\('pusher:recovery_failed'/);
});

test('the vendored pusher-js comes with its licence', async () => {
	const licence = await (await get('/vendor/pusher-js/LICENSE')).text();

	assert.match(licence, /Copyright \(c\) 2020 Pusher, Ltd/);
});

test('the page links to the app\'s own login page, styled as the chat', async () => {
	const html = await (await get('/')).text();
	const login = await (await get('/login')).text();

	assert.match(html, /<a id="login" href="login">/);
	assert.match(login, /<link rel="stylesheet" href="app.css">/);
	assert.match(login, /<form id="login-form" action="login" method="post">/);
	assert.match(login, /name="username"/);
	assert.match(login, /name="password" type="password"/);
	assert.match(login, /<script src="login.js"><\/script>/);
});

test('Spring Security sends a browser that must sign in to the login page', async () => {
	const response = await within(fetch(`${baseUrl}/actuator/sockets`, { headers: { Accept: 'text/html' }, redirect: 'manual' }),
		'GET /actuator/sockets');

	assert.equal(response.status, 302);
	assert.equal(new URL(response.headers.get('location'), baseUrl).pathname, '/login');
});

test('GET /me answers who is signed in, and sets the XSRF-TOKEN cookie the page posts with', async () => {
	const anonymous = await get('/me');
	const alice = await within(fetch(`${baseUrl}/me`, { headers: as(users.alice) }), 'GET /me as alice');

	assert.deepEqual(await anonymous.json(), { name: null, team: null });
	assert.ok(anonymous.headers.getSetCookie().some((cookie) => /^XSRF-TOKEN=[^;]+; Path=\//.test(cookie)),
		`sets XSRF-TOKEN: ${anonymous.headers.getSetCookie()}`);
	assert.equal(alice.status, 200);
	assert.deepEqual(await alice.json(), { name: 'alice', team: 'red' });
});

test('the team section has the list of who of the team is online', async () => {
	const html = await (await get('/')).text();

	assert.match(html, /<ul id="online" class="online-list"/);
	assert.match(html, /<span id="online-count"/);
});

test('the team section shows who is typing, told by the client event client-typing on the presence channel', async () => {
	const html = await (await get('/')).text();
	const script = await (await get('/app.js')).text();

	assert.match(html, /<p id="typing" class="typing" aria-live="polite"><\/p>/);
	assert.match(script, /presence\.trigger\('client-typing', \{\}\)/);
	assert.match(script, /presence\.bind\('client-typing', \(data, metadata\) =>/);
});
