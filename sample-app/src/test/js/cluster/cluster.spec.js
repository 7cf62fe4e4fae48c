// Two instances of the sample app, node A and node B, joined by Redis (sockets.broker=redis),
// as ClusterCompatibilityIntegrationTests starts them: unmodified pusher-js clients on
// either node receive what the pusher server SDK triggers on node A, exactly once, and see
// the members of a presence channel on both nodes come and go.
//
// Not named *.test.js, so that a plain `node --test` (the single-node suite) leaves it
// out; it runs as `node --test cluster/cluster.spec.js`, with SOCKETS_PORT_A and
// SOCKETS_PORT_B saying where the nodes are.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	as, config, connect, next, QUIET_MS, received, roundTrip, serverSdk, subscribe, uniqueChannel, users, within,
} from '../support.js';

const A = Number(process.env.SOCKETS_PORT_A ?? 8080);

const B = Number(process.env.SOCKETS_PORT_B ?? 8081);

/** The pusher server SDK, pointed at node A. */
const sdkA = serverSdk({ port: A });

/** Longest a node may take until it hears another node's broadcasts to a channel. */
const CLUSTER_WAIT_MS = 15000;

/** The event the tests trigger until a channel's broadcasts reach every node. */
const PROBE = 'cluster-probe';

const RED = 'presence-team.red';

const ALICE = Object.freeze({ name: 'Alice' });

const BOB = Object.freeze({ name: 'Bob' });

/** A connected pusher-js client on the node listening on `port`. */
function on(t, port, options = {}) {
	return connect(t, { wsPort: port, wssPort: port, ...options });
}

/** pusher-js options that authorize channels as `user` at the endpoint of the node on `port`. */
function authorizingAt(port, user) {
	return {
		channelAuthorization: {
			endpoint: `http://${config.host}:${port}/sockets/auth`,
			transport: 'ajax',
			headers: as(user),
		},
	};
}

/**
 * Triggers probe events on `channel` through node A until each client has received one. A
 * node subscribes to a channel in Redis when its first client subscribes to the channel,
 * but asynchronously: until then it hears nothing of what other nodes broadcast to it.
 */
async function heardEverywhere(channel, ...clients) {
	const deadline = Date.now() + CLUSTER_WAIT_MS;
	for (let n = 1; !clients.every((client) => received(client, channel, PROBE).length > 0); n++) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${CLUSTER_WAIT_MS} ms waiting for ${channel} to reach every node`);
		}
		await sdkA.trigger(channel, PROBE, { n });
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Waits QUIET_MS after a round trip on each client, so that anything on its way has arrived. */
async function quiet(...clients) {
	await Promise.all(clients.map(roundTrip));
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}

/** Joins a presence channel with pusher-js and waits until the server has listed its members. */
async function join(client, name) {
	const channel = client.subscribe(name);
	await within(new Promise((resolve, reject) => {
		channel.bind('pusher:subscription_succeeded', resolve);
		channel.bind('pusher:subscription_error', (status) => reject(new Error(`Joining ${name} failed: ${JSON.stringify(status)}`)));
	}), `pusher:subscription_succeeded on ${name}`);
	return channel;
}

/** A channel's members as pusher-js's members.each lists them. */
function listed(channel) {
	const members = [];
	channel.members.each((member) => members.push({ id: member.id, info: member.info }));
	return members.sort((a, b) => a.id.localeCompare(b.id));
}

/** The members of a presence channel as the HTTP API of the node on `port` lists them. */
async function usersAt(port, channel) {
	const response = await serverSdk({ port }).get({ path: `/channels/${channel}/users` });
	assert.equal(response.status, 200, `GET /channels/${channel}/users on port ${port}`);
	const { users: members } = await response.json();
	return members.map((member) => member.id).sort();
}

test('an event triggered on node A reaches a client on each node exactly once', async (t) => {
	const channel = uniqueChannel('cluster');
	const onA = await on(t, A);
	const onB = await on(t, B);
	const [channelOnA, channelOnB] = await Promise.all([subscribe(onA, channel), subscribe(onB, channel)]);
	await heardEverywhere(channel, onA, onB);

	const arrivals = [next(channelOnA, 'news', 'news on node A'), next(channelOnB, 'news', 'news on node B')];
	await sdkA.trigger(channel, 'news', { text: 'hello, cluster' });

	assert.deepEqual(await Promise.all(arrivals), [{ text: 'hello, cluster' }, { text: 'hello, cluster' }]);
	await quiet(onA, onB);
	assert.equal(received(onA, channel, 'news').length, 1);
	assert.equal(received(onB, channel, 'news').length, 1);
});

test('socket_id of a client on node B excludes that client only', async (t) => {
	const channel = uniqueChannel('cluster');
	const onA = await on(t, A);
	const sender = await on(t, B);
	const otherOnB = await on(t, B);
	const [channelOnA, , channelOnOtherB] = await Promise.all([onA, sender, otherOnB]
		.map((client) => subscribe(client, channel)));
	await heardEverywhere(channel, onA, sender, otherOnB);

	const arrivals = [next(channelOnA, 'news', 'news on node A'), next(channelOnOtherB, 'news', 'news on node B')];
	await sdkA.trigger(channel, 'news', { text: 'not for the sender' }, { socket_id: sender.connection.socket_id });
	await Promise.all(arrivals);
	await quiet(onA, sender, otherOnB);

	assert.equal(received(onA, channel, 'news').length, 1);
	assert.equal(received(otherOnB, channel, 'news').length, 1);
	assert.deepEqual(received(sender, channel, 'news'), []);
});

test('presence: alice on node A and bob on node B see each other, and bob sees alice leave', async (t) => {
	// behind a load balancer the authorization request may reach another node than the
	// WebSocket: bob's connection is on node B, his authorization requests go to node A
	const bob = await on(t, B, authorizingAt(A, users.bob));
	const onBob = await join(bob, RED);
	assert.deepEqual(listed(onBob), [{ id: 'bob', info: BOB }]);
	await heardEverywhere(RED, bob);

	const alice = await on(t, A, authorizingAt(A, users.alice));
	const aliceAdded = next(onBob, 'pusher:member_added', 'member_added for alice on bob\'s connection');
	const onAlice = await join(alice, RED);
	const added = await aliceAdded;

	assert.equal(onAlice.members.count, 2);
	assert.equal(onAlice.members.me.id, 'alice');
	assert.deepEqual(listed(onAlice), [{ id: 'alice', info: ALICE }, { id: 'bob', info: BOB }]);
	assert.equal(added.id, 'alice');
	assert.deepEqual(added.info, ALICE);
	assert.equal(onBob.members.count, 2);
	assert.deepEqual(listed(onBob), [{ id: 'alice', info: ALICE }, { id: 'bob', info: BOB }]);
	assert.deepEqual(await usersAt(A, RED), ['alice', 'bob']);
	assert.deepEqual(await usersAt(B, RED), ['alice', 'bob']);

	const aliceRemoved = next(onBob, 'pusher:member_removed', 'member_removed for alice on bob\'s connection');
	alice.disconnect();
	const removed = await aliceRemoved;

	assert.equal(removed.id, 'alice');
	assert.deepEqual(removed.info, ALICE);
	assert.equal(onBob.members.count, 1);
	assert.deepEqual(listed(onBob), [{ id: 'bob', info: BOB }]);
	await quiet(bob);
	assert.equal(received(bob, RED, 'pusher_internal:member_added').length, 1);
	assert.equal(received(bob, RED, 'pusher_internal:member_removed').length, 1);
	assert.deepEqual(await usersAt(B, RED), ['bob']);
});
