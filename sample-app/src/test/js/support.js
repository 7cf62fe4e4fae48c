// Shared set-up for the compatibility tests: where the server is, unmodified pusher-js
// and pusher (server SDK) clients, and bounded waits. Every client made here is
// disconnected when its test ends, so node exits on its own.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';

export const config = Object.freeze({
	host: process.env.SOCKETS_HOST ?? '127.0.0.1',
	port: Number(process.env.SOCKETS_PORT ?? 8080),
	// WebSockets and the HTTP API: the Netty transport serves them on a port of their own
	wsPort: Number(process.env.SOCKETS_WS_PORT ?? process.env.SOCKETS_PORT ?? 8080),
	appId: process.env.SOCKETS_APP_ID ?? 'sample',
	key: process.env.SOCKETS_APP_KEY ?? 'sample-key',
	secret: process.env.SOCKETS_APP_SECRET ?? 'sample-secret',
});

export const baseUrl = `http://${config.host}:${config.port}`;

/**
 * The sample's users (sample.users in application.yml): alice and bob are in team red,
 * carol in team blue.
 */
export const users = Object.freeze({
	alice: Object.freeze({ name: 'alice', password: 'alice-secret', team: 'red' }),
	bob: Object.freeze({ name: 'bob', password: 'bob-secret', team: 'red' }),
	carol: Object.freeze({ name: 'carol', password: 'carol-secret', team: 'blue' }),
});

/** The channel authorization endpoint pusher-js and laravel-echo call. */
export const authEndpoint = `${baseUrl}/sockets/auth`;

/** An HTTP Basic Authorization header value. */
export function basic(name, password) {
	return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

/** Request headers that authenticate as a user of the sample. */
export function as(user) {
	return { Authorization: basic(user.name, user.password) };
}

/**
 * Headers that pass Spring Security's CSRF check, as the page sends them: GET /me sets
 * the XSRF-TOKEN cookie and the same value goes back in X-XSRF-TOKEN.
 */
export async function csrfHeaders() {
	const response = await within(fetch(`${baseUrl}/me`), 'GET /me');
	assert.equal(response.status, 200, 'GET /me');
	const cookie = response.headers.getSetCookie().find((header) => header.startsWith('XSRF-TOKEN='));
	assert.ok(cookie, `GET /me sets the XSRF-TOKEN cookie: ${response.headers.getSetCookie()}`);
	const token = cookie.substring('XSRF-TOKEN='.length).split(';')[0];
	return { Cookie: `XSRF-TOKEN=${token}`, 'X-XSRF-TOKEN': token };
}

/** POSTs JSON with a valid CSRF token, and any extra headers (such as credentials). */
export async function postJson(path, body, headers = {}) {
	return within(fetch(`${baseUrl}${path}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json',
			...(await csrfHeaders()),
			...headers,
		},
		body: JSON.stringify(body),
	}), `POST ${path}`);
}

/** Longest any single wait may take. */
export const WAIT_MS = 5000;

/** How long to keep listening for an event that must not arrive. */
export const QUIET_MS = 750;

/** A channel name no other test uses. */
export function uniqueChannel(prefix = 'test') {
	return `${prefix}-${randomUUID()}`;
}

/** Rejects with a message naming `what` unless `promise` settles within `ms`. */
export function within(promise, what, ms = WAIT_MS) {
	let timer;
	const timeout = new Promise((resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next `event` from a pusher-js emitter (connection, channel or client) that matches. */
export function next(emitter, event, what, predicate = () => true) {
	return within(new Promise((resolve) => {
		const listener = (data) => {
			if (predicate(data)) {
				emitter.unbind(event, listener);
				resolve(data);
			}
		};
		emitter.bind(event, listener);
	}), what);
}

/**
 * A connected pusher-js client; it records every frame the server sent it in
 * `client.frames`, channel events included even after pusher-js itself drops them.
 */
export async function connect(t, options = {}) {
	const client = new Pusher(config.key, {
		wsHost: config.host,
		wsPort: config.wsPort,
		wssPort: config.wsPort,
		forceTLS: false,
		enabledTransports: ['ws'],
		cluster: '',
		disableStats: true,
		...options,
	});
	t.after(() => client.disconnect());
	client.frames = [];
	client.connection.bind('message', (frame) => client.frames.push(frame));
	if (client.connection.state !== 'connected') {
		await within(new Promise((resolve, reject) => {
			client.connection.bind('state_change', ({ current }) => {
				if (current === 'connected') {
					resolve();
				}
				else if (current === 'failed') {
					reject(new Error('pusher-js reports the connection as failed'));
				}
			});
		}), `pusher-js to connect to ${config.host}:${options.wsPort ?? config.wsPort}`);
	}
	return client;
}

/**
 * A connected pusher-js client that authorizes private channels at the app's endpoint,
 * sending `headers` (e.g. `as(users.alice)`) with each authorization request.
 */
export function connectWithAuthorization(t, headers = {}, options = {}) {
	return connect(t, {
		channelAuthorization: { endpoint: authEndpoint, transport: 'ajax', headers },
		...options,
	});
}

/**
 * A laravel-echo client on the app, authorizing private and presence channels at the
 * app's endpoint with `headers` (e.g. `as(users.alice)`); disconnected when the test ends.
 * `options` go to Echo (and so to pusher-js) over the ones here, e.g. another wsPort.
 */
export function connectEcho(t, headers = {}, options = {}) {
	const client = new Echo({
		broadcaster: 'pusher',
		// Echo 2 looks for window.Pusher, which Node has not: pass the constructor
		Pusher,
		key: config.key,
		wsHost: config.host,
		wsPort: config.wsPort,
		wssPort: config.wsPort,
		forceTLS: false,
		enabledTransports: ['ws'],
		disableStats: true,
		// pusher-js 8 insists on a cluster; it is unused with wsHost
		cluster: '',
		authEndpoint,
		auth: { headers },
		// no axios, jQuery or Turbo here to add X-Socket-Id to
		withoutInterceptors: true,
		...options,
	});
	t.after(() => client.disconnect());
	return client;
}

/** Subscribes and waits for pusher:subscription_error; fails fast if the subscription succeeds. */
export async function subscriptionError(client, name) {
	const channel = client.subscribe(name);
	return within(new Promise((resolve, reject) => {
		channel.bind('pusher:subscription_error', resolve);
		channel.bind('pusher:subscription_succeeded', () => reject(new Error(`Subscription to ${name} succeeded`)));
	}), `pusher:subscription_error on ${name}`);
}

/** Subscribes and waits for pusher:subscription_succeeded; fails fast on a subscription error. */
export async function subscribe(client, name) {
	const channel = client.subscribe(name);
	await within(new Promise((resolve, reject) => {
		channel.bind('pusher:subscription_succeeded', resolve);
		channel.bind('pusher:subscription_error', (status) => reject(new Error(`Subscription to ${name} failed: ${JSON.stringify(status)}`)));
	}), `pusher:subscription_succeeded on ${name}`);
	return channel;
}

/**
 * Sends a raw pusher:ping and waits for the pong. The server handles a connection's
 * messages in order, so everything sent before has been handled once this resolves.
 */
export async function roundTrip(client) {
	const pong = next(client.connection, 'message', 'pusher:pong', (frame) => frame.event === 'pusher:pong');
	client.connection.send_event('pusher:ping', {});
	return pong;
}

/** Frames the client received for one channel and event. */
export function received(client, channel, event) {
	return client.frames.filter((frame) => frame.channel === channel && frame.event === event);
}

/** The pusher server SDK, pointed at the app under test. */
export function serverSdk(overrides = {}) {
	return new PusherServer({
		appId: config.appId,
		key: config.key,
		secret: config.secret,
		host: config.host,
		port: config.wsPort,
		useTLS: false,
		timeout: WAIT_MS,
		...overrides,
	});
}
