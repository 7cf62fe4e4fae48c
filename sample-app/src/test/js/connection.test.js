// pusher-js connects, gets a Pusher-format socket id, and ping/pong keeps the connection alive.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { connect, next, roundTrip } from './support.js';

test('pusher-js connects and gets a socket id in Pusher format', async (t) => {
	const client = await connect(t);

	assert.equal(client.connection.state, 'connected');
	assert.match(client.connection.socket_id, /^\d+\.\d+$/);
	// the smaller of pusher-js's default (120 s) and the handshake's activity_timeout
	assert.ok(client.connection.activityTimeout > 0 && client.connection.activityTimeout <= 120_000,
		`activity timeout taken from the handshake: ${client.connection.activityTimeout} ms`);
});

test('two connections get different socket ids', async (t) => {
	const [first, second] = await Promise.all([connect(t), connect(t)]);

	assert.notEqual(first.connection.socket_id, second.connection.socket_id);
});

test('a raw pusher:ping is answered with pusher:pong', async (t) => {
	const client = await connect(t);
	const pongsBefore = client.frames.filter((frame) => frame.event === 'pusher:pong').length;

	const pong = await roundTrip(client);

	assert.equal(pong.event, 'pusher:pong');
	assert.equal(client.frames.filter((frame) => frame.event === 'pusher:pong').length, pongsBefore + 1);
});

test('pusher-js keeps an idle connection alive with its own pings', async (t) => {
	// pusher-js pings after activityTimeout of silence and, when no pong arrives within
	// pongTimeout, drops the socket and reconnects with a new socket id. The server only
	// sends pusher:pong in reply to a ping, so each pong here answers pusher-js's own.
	const client = await connect(t, { activityTimeout: 500, pongTimeout: 1500 });
	const socketId = client.connection.socket_id;
	const isPong = (frame) => frame.event === 'pusher:pong';

	await next(client.connection, 'message', 'the pong to pusher-js\'s first ping', isPong);
	await next(client.connection, 'message', 'the pong to pusher-js\'s second ping', isPong);

	assert.equal(client.connection.state, 'connected');
	assert.equal(client.connection.socket_id, socketId, 'pusher-js did not reconnect for want of a pong');
});
