// The recovery plugin (clients/pusher-recovery) with unmodified pusher-js and laravel-echo,
// against a mock server of its own rather than the sample app: a few lines of the
// protocol (docs/recovery.md) are enough, and they let the tests send what a server with
// history sends, drop the connection, and read what pusher-js subscribes with again.
// It needs no server from the Java side, so it runs the same whatever the suite runs on.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import vm from 'node:vm';

import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { withRecovery } from 'sockets-pusher-recovery';
import { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
// pusher-js's own dependency, to encrypt as a server does for private-encrypted channels
const nacl = createRequire(require.resolve('pusher-js'))('tweetnacl');

const KEY = 'recovery-key';

/** Longest any single wait may take. */
const WAIT_MS = 5000;

/** How long to keep listening for something that must not happen. */
const QUIET_MS = 300;

const at = (epoch, offset) => ({ epoch, offset });

/** Polls `check` until it returns a truthy value, which it returns; fails after WAIT_MS. */
async function until(check, what) {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		const value = check();
		if (value) {
			return value;
		}
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** What a pusher-js emitter (channel, client) emits for `event`, as it comes. */
function record(emitter, event) {
	const seen = [];
	emitter.bind(event, (data) => seen.push(data));
	return seen;
}

/**
 * A WebSocket server speaking just enough of the protocol: it accepts every connection,
 * answers every subscription with subscription_succeeded (with the position the client
 * sent, else the channel's head from `heads`) and, for a channel in `failures`, a
 * recovery_failed after it; it answers POST /auth as an authorization endpoint would.
 * Everything it sends goes to all open connections.
 */
async function mockServer(t) {
	const server = {
		/** channel -> the position subscription_succeeded carries for a subscription without one */
		heads: new Map(),
		/** channel -> {reason, head}: a subscription with a position gets recovery_failed */
		failures: new Map(),
		/** the data of every pusher:subscribe and pusher:unsubscribe, in order */
		subscribes: [],
		unsubscribes: [],
		authorizations: 0,
		sockets: new Set(),
		pongs: 0,
	};
	const http = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => { body += chunk; });
		request.on('end', () => {
			const form = new URLSearchParams(body);
			const channel = form.get('channel_name');
			server.authorizations++;
			const answer = { auth: `${KEY}:not-checked-by-the-mock` };
			if (channel.startsWith('presence-')) {
				answer.channel_data = JSON.stringify({ user_id: 'u1', user_info: { name: 'Ann' } });
			}
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(answer));
		});
	});
	const wss = new WebSocketServer({ server: http });
	let sockets = 0;
	wss.on('connection', (socket) => {
		server.sockets.add(socket);
		socket.on('close', () => server.sockets.delete(socket));
		socket.on('message', (raw) => server.handle(JSON.parse(raw.toString())));
		const established = { socket_id: `${++sockets}.${sockets}`, activity_timeout: 120 };
		socket.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify(established) }));
	});

	server.send = (frame) => {
		const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
		for (const socket of server.sockets) {
			socket.send(text);
		}
	};
	/** An event as a history channel sends it: the position its last field. */
	server.broadcast = (channel, event, data, position) => {
		const frame = { event, channel, data: typeof data === 'string' ? data : JSON.stringify(data) };
		if (position) {
			frame.position = position;
		}
		server.send(frame);
	};
	server.handle = (message) => {
		const data = message.data ?? {};
		switch (message.event) {
			case 'pusher:subscribe': {
				server.subscribes.push(data);
				const succeeded = data.channel.startsWith('presence-')
					? { presence: { ids: ['u1'], hash: { u1: { name: 'Ann' } }, count: 1 } }
					: {};
				server.broadcast(data.channel, 'pusher_internal:subscription_succeeded', succeeded,
					data.position ?? server.heads.get(data.channel));
				const failure = server.failures.get(data.channel);
				if (data.position && failure) {
					server.broadcast(data.channel, 'pusher:recovery_failed', { reason: failure.reason }, failure.head);
				}
				break;
			}
			case 'pusher:unsubscribe':
				server.unsubscribes.push(data);
				break;
			case 'pusher:ping':
				server.send({ event: 'pusher:pong', data: '{}' });
				break;
			case 'pusher:pong':
				server.pongs++;
				break;
			default:
		}
	};
	/** The n-th (from 1) pusher:subscribe the server got for a channel. */
	server.subscription = (channel, n) => until(
		() => server.subscribes.filter((data) => data.channel === channel)[n - 1],
		`subscription ${n} to ${channel}`);
	/**
	 * Pings every connection and waits for the pong: pusher-js handles frames in order, so
	 * it has handled all the frames sent before (and the plugin read them) once it answers.
	 */
	server.roundTrip = async () => {
		const pongs = server.pongs + server.sockets.size;
		server.send({ event: 'pusher:ping', data: '{}' });
		await until(() => server.pongs >= pongs, 'pusher:pong');
	};
	/**
	 * Closes every connection as a draining server does (4200: reconnect at once), or
	 * abruptly, as a lost network does (pusher-js then waits a second before it retries).
	 */
	server.drop = ({ abruptly = false } = {}) => {
		for (const socket of server.sockets) {
			if (abruptly) {
				socket.terminate();
			}
			else {
				socket.close(4200, 'reconnect now');
			}
		}
	};

	await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
	server.port = http.address().port;
	server.authEndpoint = `http://127.0.0.1:${server.port}/auth`;
	t.after(async () => {
		for (const socket of server.sockets) {
			socket.terminate();
		}
		await new Promise((resolve) => wss.close(resolve));
		await new Promise((resolve) => http.close(resolve));
	});
	return server;
}

/** pusher-js options for the mock server. */
function options(server, extra = {}) {
	return {
		wsHost: '127.0.0.1',
		wsPort: server.port,
		wssPort: server.port,
		forceTLS: false,
		enabledTransports: ['ws'],
		cluster: '', // pusher-js 8 requires it; unused with wsHost
		disableStats: true,
		...extra,
	};
}

/** An unmodified pusher-js client with the plugin, disconnected when the test ends. */
function connect(t, server, extra = {}) {
	const pusher = withRecovery(new Pusher(KEY, options(server, extra)));
	t.after(() => pusher.disconnect());
	return pusher;
}

/** Subscribes and waits for pusher:subscription_succeeded. */
async function subscribe(pusher, name) {
	const channel = pusher.subscribe(name);
	await succeeded(channel);
	return channel;
}

/** The channel's next pusher:subscription_succeeded. */
function succeeded(channel) {
	return new Promise((resolve, reject) => {
		const done = () => {
			clearTimeout(timer);
			channel.unbind('pusher:subscription_succeeded', onSuccess);
			channel.unbind('pusher:subscription_error', onError);
		};
		const onSuccess = () => {
			done();
			resolve();
		};
		const onError = (status) => {
			done();
			reject(new Error(`subscription error on ${channel.name}: ${JSON.stringify(status)}`));
		};
		const timer = setTimeout(() => {
			done();
			reject(new Error(`no subscription_succeeded on ${channel.name}`));
		}, WAIT_MS);
		channel.bind('pusher:subscription_succeeded', onSuccess);
		channel.bind('pusher:subscription_error', onError);
	});
}

test('the position moves to a later offset or another epoch, never back, and events still reach the app', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	server.heads.set('orders', at('k3x9', 4));

	const channel = await subscribe(pusher, 'orders');
	assert.deepEqual(pusher.recovery.position('orders'), at('k3x9', 4), 'the head of subscription_succeeded');
	assert.equal(server.subscribes[0].position, undefined, 'a first subscription carries no position');

	const shipped = record(channel, 'order.shipped');
	const keptDuringCallback = [];
	channel.bind('order.shipped', () => keptDuringCallback.push(pusher.recovery.position('orders')));
	server.broadcast('orders', 'order.shipped', { id: 5 }, at('k3x9', 5));
	server.broadcast('orders', 'order.shipped', { id: 7 }, at('k3x9', 7));
	await until(() => shipped.length === 2, 'two events');
	assert.deepEqual(shipped, [{ id: 5 }, { id: 7 }], 'the application gets the data, the position does not show');
	assert.deepEqual(pusher.recovery.position('orders'), at('k3x9', 7));
	assert.deepEqual(keptDuringCallback, [at('k3x9', 4), at('k3x9', 5)],
		'an event counts as received only once the application callbacks have run');

	server.broadcast('orders', 'order.shipped', { id: 6 }, at('k3x9', 6)); // lower: kept stays
	server.broadcast('orders', 'client-typing', { who: 'ann' }); // no position
	server.broadcast('orders', 'order.shipped', { text: 'the "position" is in the data' }); // only in data
	server.send('{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"","offset":9}}');
	server.send('{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"k3x9","offset":-1}}');
	server.send('{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"k3x9","offset":"8"}}');
	server.send('{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"k3x9","offset":8.5}}');
	server.send('{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"k3 x9","offset":9}}');
	server.send(`{"event":"odd","channel":"orders","data":"{}","position":{"epoch":"${'e'.repeat(65)}","offset":9}}`);
	server.send('{"event":"odd","channel":"orders","data":"{}","position":"k3x9:9"}');
	await server.roundTrip();
	assert.deepEqual(pusher.recovery.position('orders'), at('k3x9', 7), 'lower, absent and malformed positions are ignored');

	server.broadcast('orders', 'order.shipped', { id: 1 }, at('n3w', 1)); // the history was lost
	await until(() => shipped.length === 5, 'the event in the new epoch');
	assert.deepEqual(pusher.recovery.position('orders'), at('n3w', 1), 'another epoch replaces the position');

	const copy = pusher.recovery.position('orders');
	copy.offset = 99;
	assert.deepEqual(pusher.recovery.position('orders'), at('n3w', 1), 'position() hands out a copy');
	assert.equal(pusher.recovery.position('elsewhere'), undefined);
});

// Every channel type subscribes through the same send_event, with auth and channel_data
// as pusher-js gets them; the resubscription after a drop must carry the position too.
const secret = randomBytes(32);
const channelTypes = [
	{ name: 'orders', kind: 'a public channel' },
	{ name: 'private-orders', kind: 'a private channel authorized at an endpoint', endpoint: true },
	{
		name: 'private-orders-custom',
		kind: 'a private channel with a custom authorizer',
		options: {
			channelAuthorization: {
				customHandler: ({ socketId, channelName }, callback) => {
					callback(null, { auth: `${KEY}:custom:${channelName}:${socketId}` });
				},
			},
		},
	},
	{ name: 'presence-orders', kind: 'a presence channel', endpoint: true },
	{
		name: 'private-encrypted-orders',
		kind: 'a private-encrypted channel',
		options: {
			channelAuthorization: {
				customHandler: (params, callback) => {
					callback(null, { auth: `${KEY}:encrypted`, shared_secret: secret.toString('base64') });
				},
			},
		},
		// what the server sends on an encrypted channel: the data sealed with the secret
		seal: (data) => {
			const nonce = randomBytes(24);
			const box = nacl.secretbox(Buffer.from(JSON.stringify(data)), nonce, secret);
			return { ciphertext: Buffer.from(box).toString('base64'), nonce: nonce.toString('base64') };
		},
	},
];

for (const type of channelTypes) {
	test(`on ${type.kind}, the resubscription after a drop carries the last position, and recovery_failed reaches bind`, async (t) => {
		const server = await mockServer(t);
		const pusher = connect(t, server, type.endpoint
			? { channelAuthorization: { endpoint: server.authEndpoint, transport: 'ajax' } }
			: type.options);
		const seal = type.seal ?? ((data) => data);
		server.heads.set(type.name, at('e1', 0));

		const channel = await subscribe(pusher, type.name);
		const shipped = record(channel, 'order.shipped');
		const failed = record(channel, 'pusher:recovery_failed');
		server.broadcast(type.name, 'order.shipped', seal({ id: 1 }), at('e1', 1));
		server.broadcast(type.name, 'order.shipped', seal({ id: 2 }), at('e1', 2));
		await until(() => shipped.length === 2, 'two events');
		assert.deepEqual(shipped, [{ id: 1 }, { id: 2 }]);
		assert.deepEqual(pusher.recovery.position(type.name), at('e1', 2));

		// the server drains: pusher-js reconnects and subscribes again, with the position
		const resubscribed = succeeded(channel);
		server.drop();
		const second = await server.subscription(type.name, 2);
		assert.deepEqual(second.position, at('e1', 2));
		assert.deepEqual(Object.keys(server.subscribes[0]).includes('position'), false);
		if (type.name.startsWith('private-') || type.name.startsWith('presence-')) {
			assert.ok(second.auth, 'authorized as without a position');
		}
		if (type.name.startsWith('presence-')) {
			assert.ok(second.channel_data, 'channel_data as without a position');
		}
		await resubscribed;
		// the server replays what the client missed
		server.broadcast(type.name, 'order.shipped', seal({ id: 3 }), at('e1', 3));
		await until(() => shipped.length === 3, 'the replayed event');
		assert.deepEqual(pusher.recovery.position(type.name), at('e1', 3));

		// next time the history is gone: recovery_failed, with the head where live events go on
		server.failures.set(type.name, { reason: 'history_lost', head: at('e2', 7) });
		server.drop({ abruptly: true });
		const third = await server.subscription(type.name, 3);
		assert.deepEqual(third.position, at('e1', 3));
		await until(() => failed.length === 1, 'pusher:recovery_failed on the channel');
		assert.deepEqual(failed, [{ reason: 'history_lost' }]);
		assert.deepEqual(pusher.recovery.position(type.name), at('e2', 7), 'the head recovery_failed carries');
	});
}

test('recovery_failed moves the position back when the kept one was ahead of the history', async (t) => {
	// history_lost also covers "the position is ahead of the history" in the same epoch
	// (e.g. a Redis restored from an older snapshot): the live events go on from the head
	// the server sends, so the plugin must take it, lower or not.
	const server = await mockServer(t);
	const pusher = connect(t, server);
	server.heads.set('orders', at('e1', 40));
	const channel = await subscribe(pusher, 'orders');
	const failed = record(channel, 'pusher:recovery_failed');
	const shipped = record(channel, 'order.shipped');

	server.failures.set('orders', { reason: 'history_lost', head: at('e1', 12) });
	server.drop();
	assert.deepEqual((await server.subscription('orders', 2)).position, at('e1', 40));
	await until(() => failed.length === 1, 'pusher:recovery_failed');
	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 12));

	server.broadcast('orders', 'order.shipped', { id: 13 }, at('e1', 13));
	await until(() => shipped.length === 1, 'the next live event');
	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 13), 'live events after it count again');
});

test('pusher_internal:position moves the position without reaching the application', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server, { channelAuthorization: { endpoint: server.authEndpoint, transport: 'ajax' } });
	server.heads.set('presence-room', at('e1', 3));
	server.heads.set('orders', at('e1', 3));
	const everything = [];
	pusher.bind_global((event) => everything.push(event));
	const presence = await subscribe(pusher, 'presence-room');
	const orders = await subscribe(pusher, 'orders');
	const onChannels = [];
	presence.bind_global((event) => onChannels.push(event));
	orders.bind_global((event) => onChannels.push(event));
	everything.length = 0;

	// sent to a connection a broadcast excluded, instead of the event
	server.send({ event: 'pusher_internal:position', channel: 'orders', position: at('e1', 4) });
	server.send({ event: 'pusher_internal:position', channel: 'presence-room', position: at('e1', 9) });
	await server.roundTrip();

	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 4));
	assert.deepEqual(pusher.recovery.position('presence-room'), at('e1', 9));
	assert.deepEqual(onChannels, [], 'no channel callback sees it');
	assert.deepEqual(everything.filter((event) => event !== 'pusher:pong' && event !== 'pusher:ping'), [],
		'nor the client-wide callbacks');
});

test('unsubscribing forgets the position, and frames still in flight do not bring it back', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	server.heads.set('orders', at('e1', 5));
	await subscribe(pusher, 'orders');
	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 5));

	pusher.unsubscribe('orders');
	assert.equal(pusher.recovery.position('orders'), undefined);
	await until(() => server.unsubscribes.length === 1, 'pusher:unsubscribe');
	// sent by the server before it read the unsubscription
	server.broadcast('orders', 'order.shipped', { id: 6 }, at('e1', 6));
	server.send({ event: 'pusher_internal:position', channel: 'orders', position: at('e1', 7) });
	await server.roundTrip();
	assert.equal(pusher.recovery.position('orders'), undefined);

	await subscribe(pusher, 'orders');
	const again = await server.subscription('orders', 2);
	assert.equal(again.position, undefined, 'subscribing again starts live');
});

test('startFrom hands a loaded position to the first subscription, and refuses one the server would not take', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	assert.throws(() => pusher.recovery.startFrom('orders', at('not an epoch', 1)), TypeError);
	assert.throws(() => pusher.recovery.startFrom('orders', at('e1', -1)), TypeError);
	assert.equal(pusher.recovery.position('orders'), undefined);

	pusher.recovery.startFrom('orders', at('e1', 40));
	await subscribe(pusher, 'orders');
	assert.deepEqual((await server.subscription('orders', 1)).position, at('e1', 40));
	server.broadcast('orders', 'order.shipped', { id: 41 }, at('e1', 41));
	await server.roundTrip();
	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 41));
});

test('positions are kept per channel, only the channels with one send it, and they outlive disconnect()', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	server.heads.set('a', at('ea', 1));
	await subscribe(pusher, 'a');
	await subscribe(pusher, 'b'); // no history: no position at all
	server.broadcast('b', 'order.shipped', { id: 1 });
	server.broadcast('a', 'order.shipped', { id: 2 }, at('ea', 2));
	await server.roundTrip();

	server.drop();
	assert.deepEqual((await server.subscription('a', 2)).position, at('ea', 2));
	assert.equal((await server.subscription('b', 2)).position, undefined);
	assert.equal(pusher.recovery.position('b'), undefined);

	// the application's own disconnect and connect: pusher-js keeps its channels, and so the positions
	server.broadcast('a', 'order.shipped', { id: 3 }, at('ea', 3));
	await server.roundTrip();
	pusher.disconnect();
	await until(() => server.sockets.size === 0, 'the client to close its connection');
	pusher.connect();
	assert.deepEqual((await server.subscription('a', 3)).position, at('ea', 3));
});

test('withRecovery returns the same client, twice changes nothing, and it follows a client already connected', async (t) => {
	const server = await mockServer(t);
	const pusher = new Pusher(KEY, options(server));
	t.after(() => pusher.disconnect());
	server.heads.set('orders', at('e1', 1));
	const channel = await subscribe(pusher, 'orders'); // before the plugin

	const sendEvent = pusher.send_event;
	assert.equal(withRecovery(pusher), pusher);
	const patched = pusher.send_event;
	const recovery = pusher.recovery;
	assert.notEqual(patched, sendEvent, 'it patches the instance');
	assert.equal(Object.getPrototypeOf(pusher).send_event, sendEvent, 'not the prototype');
	assert.equal(withRecovery(pusher), pusher);
	assert.equal(pusher.send_event, patched, 'applied twice: patched once');
	assert.equal(pusher.recovery, recovery);

	const shipped = record(channel, 'order.shipped');
	server.broadcast('orders', 'order.shipped', { id: 2 }, at('e1', 2));
	await until(() => shipped.length === 1, 'the event');
	assert.deepEqual(pusher.recovery.position('orders'), at('e1', 2));
	server.drop();
	const second = await server.subscription('orders', 2);
	// pusher-js sends auth: '' for public channels
	assert.deepEqual(second, { auth: '', channel: 'orders', position: at('e1', 2) }, 'once, not nested');
});

test('laravel-echo: channels and private channels recover through withRecovery(echo.connector.pusher)', async (t) => {
	const server = await mockServer(t);
	const echo = new Echo({
		broadcaster: 'pusher',
		Pusher, // Echo 2 looks for window.Pusher, which Node has not
		key: KEY,
		...options(server),
		authEndpoint: server.authEndpoint,
		withoutInterceptors: true,
	});
	t.after(() => echo.disconnect());
	withRecovery(echo.connector.pusher);
	server.heads.set('orders', at('e1', 0));
	server.heads.set('private-orders.1', at('p1', 10));

	const shipped = [];
	const failures = [];
	echo.channel('orders')
		.listen('.order.shipped', (event) => shipped.push(event))
		.listen('.pusher:recovery_failed', (data) => failures.push(data));
	const privately = [];
	echo.private('orders.1').listen('.order.shipped', (event) => privately.push(event));
	await server.subscription('orders', 1);
	await server.subscription('private-orders.1', 1);

	server.broadcast('orders', 'order.shipped', { id: 1 }, at('e1', 1));
	server.broadcast('private-orders.1', 'order.shipped', { id: 11 }, at('p1', 11));
	await until(() => shipped.length === 1 && privately.length === 1, 'the events through Echo');

	server.failures.set('orders', { reason: 'too_old', head: at('e1', 50) });
	server.drop();
	assert.deepEqual((await server.subscription('orders', 2)).position, at('e1', 1));
	const again = await server.subscription('private-orders.1', 2);
	assert.deepEqual(again.position, at('p1', 11));
	assert.ok(again.auth);
	await until(() => failures.length === 1, 'recovery_failed through Echo');
	assert.deepEqual(failures, [{ reason: 'too_old' }]);
	assert.deepEqual(echo.connector.pusher.recovery.position('orders'), at('e1', 50));

	echo.leave('orders');
	assert.equal(echo.connector.pusher.recovery.position('orders'), undefined, 'leaving forgets');
	assert.deepEqual(echo.connector.pusher.recovery.position('private-orders.1'), at('p1', 11));
});

test('laravel-echo with its own client: options.client = withRecovery(new Pusher(...))', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	const echo = new Echo({ broadcaster: 'pusher', client: pusher, withoutInterceptors: true });
	assert.equal(echo.connector.pusher, pusher);
	server.heads.set('orders', at('e1', 3));
	const shipped = [];
	echo.channel('orders').listen('.order.shipped', (event) => shipped.push(event));
	await server.subscription('orders', 1);
	server.broadcast('orders', 'order.shipped', { id: 4 }, at('e1', 4));
	await until(() => shipped.length === 1, 'the event');

	server.drop();
	assert.deepEqual((await server.subscription('orders', 2)).position, at('e1', 4));
});

test('one source for every loader: require, import, and a plain script tag', async () => {
	const path = require.resolve('sockets-pusher-recovery');
	assert.match(path, /pusher-recovery\.js$/);
	assert.equal(typeof require('sockets-pusher-recovery').withRecovery, 'function');
	const imported = await import('sockets-pusher-recovery');
	assert.equal(imported.withRecovery, require('sockets-pusher-recovery').withRecovery, 'import re-exports it');

	// a browser: no module, no exports, the file run as a classic script
	const window = {};
	window.self = window;
	vm.runInNewContext(readFileSync(path, 'utf8'), window, { filename: 'pusher-recovery.js' });
	assert.equal(typeof window.SocketsRecovery.withRecovery, 'function');
});

test('the plugin does not delay or swallow events that carry no position', async (t) => {
	const server = await mockServer(t);
	const pusher = connect(t, server);
	const channel = await subscribe(pusher, 'plain');
	const events = record(channel, 'note');
	server.broadcast('plain', 'note', 'not JSON');
	server.broadcast('plain', 'note', { n: 1 });
	await until(() => events.length === 2, 'the events');
	assert.deepEqual(events, ['not JSON', { n: 1 }]);
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
	assert.equal(pusher.recovery.position('plain'), undefined);
});
