// Shared by the recovery tests (recovery.test.js, cluster/recovery.spec.js): a TCP proxy the
// test can cut a client's connection with, publishing numbered events with the pusher server SDK,
// and checking that each arrived exactly once, in order. Bounded waits everywhere.
import assert from 'node:assert/strict';
import net from 'node:net';

import { config, QUIET_MS, serverSdk, WAIT_MS } from './support.js';

/**
 * Longest a client may take to come back once the proxy lets it: pusher-js waits a second
 * after a connection drops, then retries, and the replay follows the subscription.
 */
export const BACK_MS = 3 * WAIT_MS;

/** Most connections one proxy holds, open or held: its client needs one, or two while one closes. */
const MAX_PROXIED = 4;

/** Polls `check` (it may be async) until it returns true; fails after `ms`, saying what it waited for. */
export async function until(check, what, ms = WAIT_MS) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/**
 * A TCP proxy on 127.0.0.1 to the app's WebSocket port (or `port`), closed when the test ends.
 * cut() drops every connection through it, as a lost network does, and holds the ones that come
 * until restore() lets them through, as a network that is down does with a connection attempt.
 * (Refusing them would not do: pusher-js on Node does not notice an attempt that is refused or
 * reset before the WebSocket handshake, and waits out its 15 s timeout before the next one.)
 * to(port) sends the connections that come next to another port, such as another node's.
 */
export async function proxy(t, port = config.wsPort) {
	const pairs = new Set();
	const held = [];
	let target = port;
	let cut = false;
	let attempts = 0;
	const through = (client) => {
		const upstream = net.connect(target, config.host);
		const pair = [client, upstream];
		pairs.add(pair);
		const close = () => {
			pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		for (const socket of pair) {
			socket.setNoDelay(true);
			socket.on('error', close);
			socket.on('close', close);
		}
		client.pipe(upstream);
		upstream.pipe(client);
	};
	const server = net.createServer((client) => {
		attempts++;
		if (pairs.size + held.length >= MAX_PROXIED) {
			client.destroy();
		}
		else if (cut) {
			client.pause();
			client.on('error', () => client.destroy());
			held.push(client);
		}
		else {
			through(client);
		}
	});
	const dropAll = () => {
		for (const [client, upstream] of pairs) {
			client.destroy();
			upstream.destroy();
		}
		pairs.clear();
	};
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	t.after(() => {
		dropAll();
		held.splice(0).forEach((client) => client.destroy());
		return new Promise((resolve) => server.close(resolve));
	});
	return {
		port: server.address().port,
		/** Drops the connections and holds new ones. */
		cut() {
			cut = true;
			dropAll();
		},
		/** Sends the connections that come next to another port. */
		to(port) {
			target = port;
		},
		/** Lets the held connections, and the ones to come, through. */
		restore() {
			cut = false;
			held.splice(0).filter((client) => !client.destroyed).forEach(through);
		},
		/** How many connections came, held or not. */
		get attempts() {
			return attempts;
		},
		/** How many connections it holds. */
		get held() {
			return held.length;
		},
	};
}

/**
 * Cuts the client's connection and holds it until pusher-js tries to come back, so that it has
 * certainly noticed; then `meanwhile` runs, then the proxy lets the client back in.
 */
export async function away(proxied, pusher, meanwhile) {
	proxied.cut();
	await until(() => proxied.held > 0, 'pusher-js to notice the cut and try again', BACK_MS);
	await meanwhile();
	proxied.restore();
}

/**
 * Triggers `event` with data {n} for n from `from`, `count` of them, one after the other, with
 * the server SDK `sdk` (by default pointed at the app).
 */
export async function publish(channel, from, count, { event = 'tick', sdk = serverSdk() } = {}) {
	for (let n = from; n < from + count; n++) {
		await sdk.trigger(channel, event, { n });
	}
}

/** The n of every `event` the emitter (a pusher-js channel) hands the application, as they come. */
export function numbers(channel, event = 'tick') {
	const got = [];
	channel.bind(event, (data) => got.push(data.n));
	return got;
}

/** Numbers from `from`, `count` of them. */
export function range(from, count) {
	return Array.from({ length: count }, (_, i) => from + i);
}

/**
 * Fails unless `got` is exactly `expected`; says first which numbers came more than once or
 * not at all, which is what matters when thousands are compared.
 */
export function assertExactly(got, expected, what) {
	const counts = new Map();
	for (const n of got) {
		counts.set(n, (counts.get(n) ?? 0) + 1);
	}
	const twice = [...counts].filter(([, count]) => count > 1).map(([n]) => n);
	const missing = expected.filter((n) => !counts.has(n));
	assert.deepEqual({ twice, missing }, { twice: [], missing: [] }, `${what}: none twice, none missing`);
	assert.deepEqual(got, expected, `${what}: in order`);
}

/** Waits for `count` numbers in `got`, then QUIET_MS more, so that nothing else is on its way. */
export async function settle(got, count, what, ms = WAIT_MS) {
	await until(() => got.length >= count, `${count} ${what} (${got.length} so far)`, ms);
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}
