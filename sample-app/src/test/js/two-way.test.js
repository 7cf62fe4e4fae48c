// Two-way features of the starter with unmodified pusher-js and the pusher server SDK:
// client events (channel.trigger('client-…'), which the sample enables with
// sockets.client-events.enabled), and users: pusher.signin() at the app's user
// authentication endpoint (POST /sockets/user-auth), events the SDK sends to a user
// (sendToUser, on #server-to-user-<id>), and terminateUserConnections.
//
// The tests join presence-team.red and close alice's connections, as presence.test.js's
// clients would notice; package.json and NodeSuite run the files one after the other
// (--test-concurrency=1), so no other file's clients are connected meanwhile.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import {
	as, baseUrl, connect, connectWithAuthorization, next, QUIET_MS, received, roundTrip, serverSdk, subscribe,
	users, within,
} from './support.js';

const TEAM = 'private-team.red';

const PRESENCE = 'presence-team.red';

/** The user authentication endpoint that pusher.signin() calls. */
const userAuthEndpoint = `${baseUrl}/sockets/user-auth`;

/** The starter's default sockets.client-events.rate-limit: client events per connection and second. */
const RATE_LIMIT = 10;

/**
 * A connected pusher-js client that authorizes channels and signs in (once `signIn` is
 * called) as `user`, sending HTTP Basic credentials to both endpoints.
 */
function connectAs(t, user) {
	return connectWithAuthorization(t, as(user), {
		userAuthentication: { endpoint: userAuthEndpoint, transport: 'ajax', headers: as(user) },
	});
}

/** The first frame the client received, or receives within WAIT_MS, that matches. */
function frame(client, what, predicate) {
	const seen = client.frames.find(predicate);
	return seen ? Promise.resolve(seen) : next(client.connection, 'message', what, predicate);
}

/**
 * Signs the client in with pusher.signin() and waits until the server has answered
 * pusher:signin_success and subscribed the client to its user's channel.
 */
async function signIn(client, user) {
	const userChannel = `#server-to-user-${user.name}`;
	const subscribed = frame(client, `pusher_internal:subscription_succeeded on ${userChannel}`,
		(message) => message.event === 'pusher_internal:subscription_succeeded' && message.channel === userChannel);
	client.signin();
	await subscribed;
}

/** Every call of `event` on a pusher-js emitter, with the metadata pusher-js passes as the second argument. */
function record(emitter, event) {
	const calls = [];
	emitter.bind(event, (data, metadata) => calls.push({ data, metadata }));
	return calls;
}

/** Waits QUIET_MS after a round trip on each client, so that anything on its way has arrived. */
async function quiet(...clients) {
	await Promise.all(clients.map(roundTrip));
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}

/**
 * Records the state changes and errors of a connected client that the server is about to
 * close; `closed` resolves with the first change away from 'connected'.
 */
function watchClose(t, client) {
	const states = [];
	const errors = [];
	client.connection.bind('state_change', ({ current }) => states.push(current));
	client.connection.bind('error', (error) => errors.push(error));
	// pusher-js answers a close code it does not retry on (4000-4099) by closing its
	// WebSocket once more, from within the close event, and the WebSocket client it
	// bundles (faye-websocket) then arms its 30 s close timeout on the socket that is
	// already closed, which would keep node running for 30 s after the test: clear it
	const socket = client.connection.connection.transport.socket;
	t.after(() => clearTimeout(socket._closeTimer));
	const closed = next(client.connection, 'state_change', `connection ${client.connection.socket_id} to close`,
		({ current }) => current !== 'connected');
	return { states, errors, closed };
}

/** The pusher:error frames the client received. */
function errors(client) {
	return client.frames.filter((message) => message.event === 'pusher:error');
}

test('a client event on private-team.red reaches the other subscriber, and never comes back to the sender', async (t) => {
	const [alice, bob] = await Promise.all([connectAs(t, users.alice), connectAs(t, users.bob)]);
	const onAlice = await subscribe(alice, TEAM);
	const onBob = await subscribe(bob, TEAM);
	const onItsWay = record(alice, 'client-hello');
	const echoed = record(onAlice, 'client-hello');

	const arrived = next(onBob, 'client-hello', 'client-hello on bob\'s connection');
	assert.equal(onAlice.trigger('client-hello', { text: 'hi' }), true, 'pusher-js sent the event');

	assert.deepEqual(await arrived, { text: 'hi' });
	await quiet(alice, bob);
	const [relayed, ...more] = received(bob, TEAM, 'client-hello');
	assert.deepEqual(more, []);
	assert.deepEqual(relayed.data, { text: 'hi' });
	// only presence channels name the sender
	assert.equal(relayed.user_id, undefined);
	assert.deepEqual(echoed, []);
	assert.deepEqual(onItsWay, []);
	assert.deepEqual(received(alice, TEAM, 'client-hello'), []);
	assert.deepEqual(errors(alice), []);
});

test('on presence-team.red the client event names its sender: pusher-js passes metadata.user_id', async (t) => {
	const [alice, bob] = await Promise.all([connectAs(t, users.alice), connectAs(t, users.bob)]);
	const onAlice = await subscribe(alice, PRESENCE);
	const onBob = await subscribe(bob, PRESENCE);
	const echoed = record(onAlice, 'client-hello');

	const arrived = within(new Promise((resolve) => {
		onBob.bind('client-hello', (data, metadata) => resolve({ data, metadata }));
	}), 'client-hello on bob\'s presence channel');
	onAlice.trigger('client-hello', { text: 'hi' });
	const { data, metadata } = await arrived;

	assert.deepEqual(data, { text: 'hi' });
	assert.equal(metadata.user_id, 'alice');
	// who sent it is a member of the channel, with the info the app gave her
	assert.deepEqual(onBob.members.get(metadata.user_id), { id: 'alice', info: { name: 'Alice' } });
	await quiet(alice, bob);
	assert.deepEqual(received(bob, PRESENCE, 'client-hello').map((message) => message.user_id), ['alice']);
	assert.deepEqual(echoed, []);
	assert.deepEqual(received(alice, PRESENCE, 'client-hello'), []);
});

test(`more than ${RATE_LIMIT} client events in a second: the excess is refused with pusher:error 4301, and the connection stays open`, async (t) => {
	const [alice, bob] = await Promise.all([connectAs(t, users.alice), connectAs(t, users.bob)]);
	const onAlice = await subscribe(alice, TEAM);
	const onBob = await subscribe(bob, TEAM);
	const refusals = [];
	alice.connection.bind('error', (error) => refusals.push(error));
	const states = [];
	alice.connection.bind('state_change', ({ current }) => states.push(current));
	const burst = 3 * RATE_LIMIT;

	const refused = next(alice.connection, 'error', 'pusher:error 4301 on alice\'s connection',
		(error) => error.type === 'PusherError' && error.data.code === 4301);
	for (let n = 0; n < burst; n++) {
		onAlice.trigger('client-burst', { n });
	}
	const error = await refused;
	await quiet(alice, bob);

	assert.match(error.data.message, /rate limit/);
	// the server counts per second of its clock, so a burst that straddles a second may
	// get up to twice the limit through, never more
	const relayed = received(bob, TEAM, 'client-burst').map((message) => message.data.n);
	assert.ok(relayed.length >= RATE_LIMIT && relayed.length <= 2 * RATE_LIMIT,
		`${relayed.length} of ${burst} relayed`);
	assert.deepEqual(relayed, [...relayed].sort((a, b) => a - b), 'relayed in the order sent');
	assert.equal(relayed[0], 0, 'the first events of the burst went through');
	assert.equal(refusals.length, burst - relayed.length, 'every event that was not relayed was refused');
	assert.ok(refusals.every((refusal) => refusal.type === 'PusherError' && refusal.data.code === 4301),
		JSON.stringify(refusals));
	assert.equal(errors(alice).length, refusals.length);

	// still connected: in the next second her events go through again
	assert.equal(alice.connection.state, 'connected');
	assert.deepEqual(states, []);
	await new Promise((resolve) => setTimeout(resolve, 1100));
	const later = next(onBob, 'client-later', 'client-later on bob\'s connection');
	onAlice.trigger('client-later', { text: 'still here' });
	assert.deepEqual(await later, { text: 'still here' });
	assert.equal(alice.connection.state, 'connected');
	assert.equal(refusals.length, burst - relayed.length);
});

test('pusher.signin() makes the connection alice\'s: every connection of hers receives what the SDK sends to her, bob none of it', async (t) => {
	const [aliceTab, aliceSecondTab, bob] = await Promise.all([
		connectAs(t, users.alice), connectAs(t, users.alice), connectAs(t, users.bob),
	]);
	await Promise.all([signIn(aliceTab, users.alice), signIn(aliceSecondTab, users.alice), signIn(bob, users.bob)]);
	const onBob = record(bob.user, 'notice');
	const notice = { text: `for alice ${randomUUID()}` };

	const first = next(aliceTab.user, 'notice', 'the notice on alice\'s first connection');
	const second = next(aliceSecondTab.user, 'notice', 'the notice on alice\'s second connection');
	const response = await serverSdk().sendToUser('alice', 'notice', notice);
	assert.equal(response.status, 200);

	assert.deepEqual(await first, notice);
	assert.deepEqual(await second, notice);
	await quiet(aliceTab, aliceSecondTab, bob);
	// the sample's SignInUser bean adds the display name as user_info
	assert.deepEqual(aliceTab.user.user_data, { id: 'alice', user_info: { name: 'Alice' } });
	assert.deepEqual(bob.user.user_data, { id: 'bob', user_info: { name: 'Bob' } });
	assert.deepEqual(received(aliceTab, '#server-to-user-alice', 'notice').map((message) => message.data), [notice]);
	assert.deepEqual(received(aliceSecondTab, '#server-to-user-alice', 'notice').map((message) => message.data),
		[notice]);
	assert.deepEqual(onBob, []);
	assert.deepEqual(bob.frames.filter((message) => message.event === 'notice'), []);
	const signedIn = aliceTab.frames.find((message) => message.event === 'pusher:signin_success');
	assert.deepEqual(JSON.parse(signedIn.data.user_data), { id: 'alice', user_info: { name: 'Alice' } });
});

test('the user authentication endpoint signs nobody in anonymously, and only alice may subscribe to her user channel', async (t) => {
	const anonymous = await connect(t, { userAuthentication: { endpoint: userAuthEndpoint, transport: 'ajax' } });
	const bob = await connectAs(t, users.bob);
	await signIn(bob, users.bob);

	const signinError = next(anonymous.user, 'pusher:signin_error', 'pusher:signin_error on the anonymous client');
	anonymous.signin();
	const refused = await signinError;
	const subscriptionError = frame(bob, 'subscription_error on #server-to-user-alice',
		(message) => message.event === 'pusher:subscription_error' && message.channel === '#server-to-user-alice');
	// pusher-js itself refuses to subscribe to a # channel, so send the frame by hand
	bob.send_event('pusher:subscribe', { channel: '#server-to-user-alice' });
	const { data } = await subscriptionError;

	assert.equal(refused.type, 'AuthError');
	assert.equal(refused.status, 401);
	assert.equal(anonymous.user.user_data, null);
	assert.equal(data.status, 403);
	assert.equal(data.type, 'AuthError');
	assert.equal(bob.connection.state, 'connected');
});

test('terminateUserConnections(\'alice\') closes her connections with 4009, which pusher-js does not reopen, and bob stays connected', async (t) => {
	const [aliceTab, aliceSecondTab, bob] = await Promise.all([
		connectAs(t, users.alice), connectAs(t, users.alice), connectAs(t, users.bob),
	]);
	await Promise.all([signIn(aliceTab, users.alice), signIn(aliceSecondTab, users.alice), signIn(bob, users.bob)]);
	const [onAliceTab, onAliceSecondTab] = [aliceTab, aliceSecondTab].map((alice) => watchClose(t, alice));
	const bobStates = [];
	bob.connection.bind('state_change', ({ current }) => bobStates.push(current));

	const response = await serverSdk().terminateUserConnections('alice');
	assert.equal(response.status, 200);

	for (const closing of [onAliceTab, onAliceSecondTab]) {
		const { current } = await closing.closed;
		assert.equal(current, 'disconnected');
		// 4009 is in 4000-4099: pusher-js does not reconnect
		assert.ok(closing.errors.some((error) => error.type === 'PusherError' && error.data.code === 4009),
			JSON.stringify(closing.errors));
	}
	// longer than the 1 s pusher-js waits before it reconnects after other close codes
	await roundTrip(bob);
	await new Promise((resolve) => setTimeout(resolve, 1500));
	assert.deepEqual(onAliceTab.states, ['disconnected']);
	assert.deepEqual(onAliceSecondTab.states, ['disconnected']);
	assert.equal(aliceTab.connection.state, 'disconnected');
	assert.equal(aliceSecondTab.connection.state, 'disconnected');
	assert.equal(bob.connection.state, 'connected');
	assert.deepEqual(bobStates, []);
});
