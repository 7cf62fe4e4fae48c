// Missed-message recovery end to end: unmodified pusher-js and laravel-echo with the recovery
// plugin (withRecovery, clients/pusher-recovery) against the sample app. Each client connects
// through a TCP proxy of the test's own, so that the test can cut its connection as a network
// does, keep it out while the pusher server SDK publishes, and let it back in: pusher-js then
// reconnects and subscribes again with the last position it saw, and the app replays what it
// missed. See docs/recovery.md for the protocol.
//
// The channels: recovery.* keeps 100 events and recovery-busy.* 1000, presence-recovery.* is a
// presence channel that keeps 100 (the Java test that starts the app adds these namespaces
// and the presence channel's authorizer); private-team.red is the sample's own team channel.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import { withRecovery } from 'sockets-pusher-recovery';
import WebSocket from 'ws';

import {
	as, authEndpoint, config, connect, connectEcho, connectWithAuthorization, QUIET_MS, serverSdk, subscribe,
	users, WAIT_MS, within,
} from './support.js';
import { assertExactly, away, BACK_MS, numbers, proxy, publish, range, settle, until } from './recovery-support.js';

/** The sample's team channel, in a namespace of application.yml that keeps 100 events. */
const RED = 'private-team.red';

/** What recovery.* and presence-recovery.* keep (sockets.namespaces[*].history.size). */
const HISTORY_SIZE = 100;

/** A channel of a namespace, no other test uses. */
function channelOf(namespace) {
	return `${namespace}.${randomUUID()}`;
}

/** A pusher-js client with the plugin, through its own proxy. */
async function recovering(t, options = {}) {
	const proxied = await proxy(t);
	const pusher = withRecovery(await connect(t, { wsPort: proxied.port, ...options }));
	return { proxied, pusher };
}

test(`pusher-js: a client cut off while ${HISTORY_SIZE} events are published gets all of them on its return, in order, then the live ones`, async (t) => {
	const name = channelOf('recovery');
	const { proxied, pusher } = await recovering(t);
	const channel = await subscribe(pusher, name);
	const got = numbers(channel);
	await publish(name, 0, 3);
	await settle(got, 3, 'events before the cut');

	// exactly as many as the history keeps: the oldest of them is still there
	await away(proxied, pusher, () => publish(name, 3, HISTORY_SIZE));
	await settle(got, 3 + HISTORY_SIZE, 'events after coming back', BACK_MS);
	assertExactly(got, range(0, 3 + HISTORY_SIZE), 'the events before, during and after the cut');

	await publish(name, 3 + HISTORY_SIZE, 1);
	await settle(got, 4 + HISTORY_SIZE, 'the live event');
	assertExactly(got, range(0, 4 + HISTORY_SIZE), 'then the live event');
	// a channel no one used before: its offsets count these events from 1
	assert.equal(pusher.recovery.position(name).offset, 4 + HISTORY_SIZE, 'the plugin keeps the last position');
});

test(`laravel-echo: a channel cut off while ${HISTORY_SIZE} events are published gets all of them through listen(), in order, then the live ones`, async (t) => {
	const name = channelOf('recovery');
	const proxied = await proxy(t);
	const echo = connectEcho(t, {}, { wsPort: proxied.port });
	withRecovery(echo.connector.pusher);
	const got = [];
	const failures = [];
	const channel = echo.channel(name)
		.listen('.tick', ({ n }) => got.push(n))
		.listen('.pusher:recovery_failed', (data) => failures.push(data));
	await within(new Promise((resolve) => channel.subscribed(resolve)), `Echo to subscribe to ${name}`);
	await publish(name, 0, 3);
	await settle(got, 3, 'events before the cut');

	await away(proxied, echo.connector.pusher, () => publish(name, 3, HISTORY_SIZE));
	await settle(got, 3 + HISTORY_SIZE, 'events after coming back', BACK_MS);
	assertExactly(got, range(0, 3 + HISTORY_SIZE), 'the events before, during and after the cut');

	await publish(name, 3 + HISTORY_SIZE, 1);
	await settle(got, 4 + HISTORY_SIZE, 'the live event');
	assertExactly(got, range(0, 4 + HISTORY_SIZE), 'then the live event');
	assert.deepEqual(failures, []);
});

test(`more than ${HISTORY_SIZE} events missed: pusher:recovery_failed with too_old reaches channel.bind, none of them is replayed, and the live events go on`, async (t) => {
	const name = channelOf('recovery');
	const { proxied, pusher } = await recovering(t);
	const channel = await subscribe(pusher, name);
	const got = numbers(channel);
	const failures = [];
	channel.bind('pusher:recovery_failed', (data) => failures.push(data));
	await publish(name, 0, 3);
	await settle(got, 3, 'events before the cut');

	// one more than the history keeps: the first the client missed is gone
	await away(proxied, pusher, () => publish(name, 3, HISTORY_SIZE + 1));
	await until(() => failures.length > 0, 'pusher:recovery_failed', BACK_MS);
	assert.deepEqual(failures, [{ reason: 'too_old' }]);

	await publish(name, 4 + HISTORY_SIZE, 1);
	await settle(got, 4, 'the live event');
	assertExactly(got, [0, 1, 2, 4 + HISTORY_SIZE], 'the events before the cut, then the live one');
	assert.deepEqual(failures, [{ reason: 'too_old' }], 'once');
	assert.equal(pusher.recovery.position(name).offset, 5 + HISTORY_SIZE, 'the position goes on from the live event');
});

test('broadcasts going on at a steady rate while the client drops and comes back: it gets every one exactly once, in order', async (t) => {
	// recovery-busy.* keeps 1000 events: far more than the stream sends while the client is away
	const name = channelOf('recovery-busy');
	const { proxied, pusher } = await recovering(t);
	const channel = await subscribe(pusher, name);
	const got = numbers(channel);
	let sent = 0;
	// how far the stream was each time the subscription succeeded again
	const streamAt = [];
	channel.bind('pusher:subscription_succeeded', () => streamAt.push(sent));

	// about 100 a second for about 3 s: at most STREAMED, and never for longer than STREAM_MS
	const STREAMED = 300;
	const STREAM_MS = 2 * WAIT_MS;
	const stream = (async () => {
		const sdk = serverSdk();
		const started = Date.now();
		while (sent < STREAMED && Date.now() - started < STREAM_MS) {
			await sdk.trigger(name, 'tick', { n: sent });
			sent++;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sent * 10 - Date.now())));
		}
	})();

	await until(() => got.length >= STREAMED / 4, 'the first events of the stream');
	proxied.cut();
	// pusher-js tries again a second after the drop; let it in as soon as it does, while the
	// stream goes on: the replay and the live events meet
	await until(() => proxied.held > 0, 'pusher-js to notice the cut and try again', BACK_MS);
	const missedFrom = got.length;
	proxied.restore();
	await within(stream, 'the stream to end', STREAM_MS + WAIT_MS);

	assert.equal(sent, STREAMED, 'the stream sent everything in time');
	await settle(got, sent, 'events of the stream', BACK_MS);
	assertExactly(got, range(0, sent), 'the stream');
	t.diagnostic(`away after event ${missedFrom - 1}, back when ${streamAt[0]} were sent`);
	assert.equal(streamAt.length, 1, 'subscribed again once');
	assert.ok(streamAt[0] > missedFrom && streamAt[0] < STREAMED,
		`came back while the stream went on, after missing some: away after ${missedFrom - 1}, back at ${streamAt[0]} of ${STREAMED}`);
});

test('a private channel recovers once the app has authorized the subscription again', async (t) => {
	let authorizations = 0;
	const { proxied, pusher } = await recovering(t, {
		channelAuthorization: {
			endpoint: authEndpoint,
			transport: 'ajax',
			// called for each request to the endpoint
			headersProvider: () => {
				authorizations++;
				return as(users.alice);
			},
		},
	});
	const channel = await subscribe(pusher, RED);
	const got = numbers(channel);
	await publish(RED, 0, 3);
	await settle(got, 3, 'events before the cut');
	assert.equal(authorizations, 1);

	await away(proxied, pusher, () => publish(RED, 3, HISTORY_SIZE));
	await settle(got, 3 + HISTORY_SIZE, 'events after coming back', BACK_MS);
	assertExactly(got, range(0, 3 + HISTORY_SIZE), 'the events before, during and after the cut');
	assert.equal(authorizations, 2, 'the endpoint authorized the subscription on the new connection');

	await publish(RED, 3 + HISTORY_SIZE, 1);
	await settle(got, 4 + HISTORY_SIZE, 'the live event');
	assertExactly(got, range(0, 4 + HISTORY_SIZE), 'then the live event');
});

/**
 * A WebSocket on the app speaking the protocol by hand, for what pusher-js never sends: it
 * records every frame, parsed, in `frames`. Closed when the test ends.
 */
async function raw(t) {
	const socket = new WebSocket(`ws://${config.host}:${config.wsPort}/app/${config.key}?protocol=7&client=js&version=8.6.0`);
	t.after(() => socket.terminate());
	const frames = [];
	socket.on('message', (text) => frames.push(JSON.parse(text.toString())));
	await until(() => frames.some((frame) => frame.event === 'pusher:connection_established'),
		'pusher:connection_established');
	return {
		frames,
		socketId: JSON.parse(frames[0].data).socket_id,
		send: (event, data) => socket.send(JSON.stringify({ event, data })),
	};
}

/** What the endpoint answers alice for a socket and a channel: {auth}. */
async function authorize(socketId, channel) {
	const response = await within(fetch(authEndpoint, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...as(users.alice) },
		body: new URLSearchParams({ socket_id: socketId, channel_name: channel }),
	}), `POST ${authEndpoint}`);
	assert.equal(response.status, 200, 'alice may join her team\'s channel');
	return response.json();
}

/** The frames of a raw connection on a channel, but the connection's own. */
function onChannel(connection, channel) {
	return connection.frames.filter((frame) => frame.channel === channel);
}

test('a position recovers nothing without the authorization of the subscription: forged, or made for another connection', async (t) => {
	// where a client stood: the head the subscription answers, on a connection of alice's
	const before = await raw(t);
	before.send('pusher:subscribe', { channel: RED, ...(await authorize(before.socketId, RED)) });
	await until(() => onChannel(before, RED).length > 0, `the subscription to ${RED}`);
	const [succeeded] = onChannel(before, RED);
	assert.equal(succeeded.event, 'pusher_internal:subscription_succeeded');
	const position = succeeded.position;
	assert.ok(position, `subscription_succeeded carries the channel's position: ${JSON.stringify(succeeded)}`);
	const stolen = await authorize(before.socketId, RED);
	await publish(RED, 0, 5);

	const after = await raw(t);
	after.send('pusher:subscribe', { channel: RED, auth: `${config.key}:${'0'.repeat(64)}`, position });
	after.send('pusher:subscribe', { channel: RED, auth: stolen.auth, position });
	await until(() => onChannel(after, RED).length >= 2, 'an answer to both subscriptions');
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
	const refused = onChannel(after, RED);
	assert.deepEqual(refused.map((frame) => frame.event), ['pusher:subscription_error', 'pusher:subscription_error'],
		`refused, and nothing replayed: ${JSON.stringify(refused)}`);

	// the same position, with the app's authorization of this connection: the five
	after.send('pusher:subscribe', { channel: RED, ...(await authorize(after.socketId, RED)), position });
	await until(() => onChannel(after, RED).length >= 2 + 1 + 5, 'the subscription and the replay');
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
	const recovered = onChannel(after, RED).slice(2);
	assert.deepEqual(recovered.map((frame) => frame.event), ['pusher_internal:subscription_succeeded',
		...Array(5).fill('tick')]);
	assert.deepEqual(recovered.slice(1).map((frame) => JSON.parse(frame.data).n), range(0, 5));
});

/** The ids of a presence channel's members, as the HTTP API lists them. */
async function memberIds(channel) {
	const response = await serverSdk().get({ path: `/channels/${channel}/users` });
	return (await response.json()).users.map((user) => user.id).sort();
}

test('a presence channel: the broadcasts missed are replayed, the members who came and went meanwhile are not', async (t) => {
	const name = channelOf('presence-recovery');
	const { proxied, pusher } = await recovering(t, {
		channelAuthorization: { endpoint: authEndpoint, transport: 'ajax', headers: as(users.alice) },
	});
	const channel = await subscribe(pusher, name);
	const got = numbers(channel);
	const members = [];
	channel.bind('pusher:member_added', (member) => members.push(`added ${member.id}`));
	channel.bind('pusher:member_removed', (member) => members.push(`removed ${member.id}`));
	await publish(name, 0, 3);
	await settle(got, 3, 'events before the cut');

	// meanwhile bob comes and stays, carol comes and goes, and the SDK publishes
	const bob = await connectWithAuthorization(t, as(users.bob));
	const carol = await connectWithAuthorization(t, as(users.carol));
	await away(proxied, pusher, async () => {
		await subscribe(bob, name);
		await subscribe(carol, name);
		await publish(name, 3, HISTORY_SIZE / 2);
		carol.unsubscribe(name);
		await publish(name, 3 + HISTORY_SIZE / 2, HISTORY_SIZE / 2);
		await until(async () => (await memberIds(name)).join() === 'bob', 'the app to see only bob in the channel');
	});
	await settle(got, 3 + HISTORY_SIZE, 'events after coming back', BACK_MS);
	assertExactly(got, range(0, 3 + HISTORY_SIZE), 'the events before, during and after the cut');
	assert.deepEqual(members, [], 'no member event while away, nor on the return');
	const ids = [];
	channel.members.each((member) => ids.push(member.id));
	assert.deepEqual(ids.sort(), ['alice', 'bob'], 'the members as they are now');

	// live member events go on
	await subscribe(carol, name);
	await until(() => members.length > 0, 'carol to join again');
	await publish(name, 3 + HISTORY_SIZE, 1);
	await settle(got, 4 + HISTORY_SIZE, 'the live event');
	assert.deepEqual(members, ['added carol']);
	assertExactly(got, range(0, 4 + HISTORY_SIZE), 'then the live event');
});
