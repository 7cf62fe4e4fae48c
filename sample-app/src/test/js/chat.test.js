// The sample's own API: POST /chat/messages broadcasts to chat.lobby, which pusher-js receives.
// Only signed-in users post, and the author is always the user who posts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import {
	as, baseUrl, connect, csrfHeaders, next, postJson, received, serverSdk, subscribe, users, within,
} from './support.js';

const LOBBY = 'chat.lobby';

/** Posts as the page does, with the CSRF token from the XSRF-TOKEN cookie, signed in as `user`. */
function postMessage(body, user = users.alice) {
	return postJson('/chat/messages', body, as(user));
}

test('a message posted to /chat/messages reaches pusher-js on chat.lobby', async (t) => {
	const client = await connect(t);
	const lobby = await subscribe(client, LOBBY);
	const text = `hello from node ${randomUUID()}`;

	const arrived = next(lobby, 'message', 'the chat message', (message) => message.text === text);
	// whatever the body says: the author is the signed-in user
	const response = await postMessage({ author: 'carol', text }, users.bob);
	const message = await arrived;

	assert.equal(response.status, 200);
	const body = await response.json();
	assert.deepEqual(message, body);
	assert.equal(message.author, 'bob');
	assert.ok(!Number.isNaN(Date.parse(message.sentAt)), `sentAt is a timestamp: ${message.sentAt}`);
	assert.ok(Math.abs(Date.now() - Date.parse(message.sentAt)) < 60_000, 'sentAt is about now');
});

test('a message posted with the sender\'s socketId skips the sender only', async (t) => {
	const [sender, other] = await Promise.all([connect(t), connect(t)]);
	const senderLobby = await subscribe(sender, LOBBY);
	const otherLobby = await subscribe(other, LOBBY);
	const text = `not for me ${randomUUID()}`;

	const otherGotIt = next(otherLobby, 'message', 'the message on the other connection', (message) => message.text === text);
	const response = await postMessage({ text, socketId: sender.connection.socket_id });
	assert.equal(response.status, 200);
	await otherGotIt;
	const marker = next(senderLobby, 'marker', 'the marker on the sender');
	await serverSdk().trigger(LOBBY, 'marker', {});
	await marker;

	assert.deepEqual(received(sender, LOBBY, 'message').filter((frame) => frame.data.text === text), []);
});

test('a blank message is refused with 400 and a JSON problem', async () => {
	const response = await postMessage({ text: '   ' });

	assert.equal(response.status, 400);
	assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
	const problem = await response.json();
	assert.equal(problem.status, 400);
	assert.ok(problem.errors.text, `names the field: ${JSON.stringify(problem)}`);
});

test('an anonymous post is refused with 401 and reaches no one', async (t) => {
	const client = await connect(t);
	const lobby = await subscribe(client, LOBBY);
	const text = `anonymous ${randomUUID()}`;

	const response = await postJson('/chat/messages', { text });

	assert.equal(response.status, 401);
	const marker = next(lobby, 'marker', 'the marker in the lobby');
	await serverSdk().trigger(LOBBY, 'marker', {});
	await marker;
	assert.deepEqual(received(client, LOBBY, 'message').filter((frame) => frame.data.text === text), []);
});

test('a post without the CSRF token, or with a token that does not match the cookie, is refused with 403', async (t) => {
	const client = await connect(t);
	const lobby = await subscribe(client, LOBBY);
	const text = `forged ${randomUUID()}`;
	const post = (headers) => within(fetch(`${baseUrl}/chat/messages`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...as(users.alice), ...headers },
		body: JSON.stringify({ text }),
	}), 'POST /chat/messages');
	const { Cookie } = await csrfHeaders();

	assert.equal((await post({})).status, 403);
	assert.equal((await post({ Cookie })).status, 403);
	assert.equal((await post({ Cookie, 'X-XSRF-TOKEN': 'not-the-token' })).status, 403);

	// messages on one channel arrive in order: after the marker, nothing forged is on its way
	const marker = next(lobby, 'marker', 'the marker in the lobby');
	await serverSdk().trigger(LOBBY, 'marker', {});
	await marker;
	assert.deepEqual(received(client, LOBBY, 'message').filter((frame) => frame.data.text === text), []);
});

test('GET /chat/messages answers the lobby\'s latest messages from its history, oldest first, to anyone', async () => {
	const texts = [`first ${randomUUID()}`, `second ${randomUUID()}`];
	const posted = [];
	for (const text of texts) {
		const response = await postMessage({ text });
		assert.equal(response.status, 200);
		posted.push(await response.json());
	}

	const response = await within(fetch(`${baseUrl}/chat/messages`, { headers: { Accept: 'application/json' } }),
		'GET /chat/messages');

	assert.equal(response.status, 200);
	const recent = await response.json();
	const last = recent.events.slice(-2);
	assert.deepEqual(last.map((event) => event.name), ['message', 'message']);
	assert.deepEqual(last.map((event) => JSON.parse(event.data)), posted);
	assert.ok(last[0].position.offset + 1 === last[1].position.offset, `consecutive: ${JSON.stringify(last)}`);
	assert.deepEqual(recent.position, last[1].position, 'the lobby\'s position is its last message\'s');
	assert.ok(recent.events.length <= 50, `at most 50: ${recent.events.length}`);
});
