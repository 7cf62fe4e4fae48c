// The team presence channel, presence-team.<team>: unmodified pusher-js and laravel-echo
// see who of the team is online, a user counting once however many tabs they have open,
// and the pusher server SDK lists the members through the HTTP API.
//
// Every test here uses presence-team.red itself, as the page does. node --test runs the
// tests of one file one after the other, and the files one after the other too
// (--test-concurrency=1 in package.json and NodeSuite), since two-way.test.js joins
// presence-team.red as well; a client is disconnected when its test ends, but the server
// may hear of it a moment later, so each test first waits until the channel is vacant
// again.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import {
	as, authEndpoint, config, connect, connectEcho, connectWithAuthorization, next, QUIET_MS, received,
	roundTrip, serverSdk, subscriptionError, users, WAIT_MS, within,
} from './support.js';

const RED = 'presence-team.red';

const ALICE = Object.freeze({ name: 'Alice' });

const BOB = Object.freeze({ name: 'Bob' });

/** GETs a path of the Pusher HTTP API with the server SDK, and the JSON it answers. */
async function api(path, params) {
	const response = await serverSdk().get({ path, params });
	assert.equal(response.status, 200, `GET ${path}`);
	return response.json();
}

/** Polls `check` until it returns true, for at most WAIT_MS. */
async function eventually(check, what) {
	const deadline = Date.now() + WAIT_MS;
	while (!(await check())) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Waits until the server reports that no connection subscribes to the channel. */
function vacant(channel) {
	return eventually(async () => !(await api(`/channels/${channel}`)).occupied, `${channel} to be vacant`);
}

/** Waits until the server counts this many connections subscribed to the channel. */
function subscriptions(channel, count) {
	return eventually(async () => (await api(`/channels/${channel}`, { info: 'subscription_count' }))
		.subscription_count === count, `${count} subscriptions to ${channel}`);
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

/** Waits QUIET_MS after a round trip on each client, so that anything on its way has arrived. */
async function quiet(...clients) {
	await Promise.all(clients.map(roundTrip));
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}

test('pusher-js: alice and bob see each other come and go, a user with two tabs counting once', async (t) => {
	await vacant(RED);
	const aliceTab = await connectWithAuthorization(t, as(users.alice));

	const onAliceTab = await join(aliceTab, RED);

	assert.equal(onAliceTab.members.count, 1);
	assert.equal(onAliceTab.members.me.id, 'alice');
	assert.deepEqual(onAliceTab.members.me.info, ALICE);
	assert.deepEqual(listed(onAliceTab), [{ id: 'alice', info: ALICE }]);

	// bob joins: alice hears of him, and he sees both of them
	const bob = await connectWithAuthorization(t, as(users.bob));
	const bobAdded = next(onAliceTab, 'pusher:member_added', 'member_added for bob on alice\'s tab');
	const onBob = await join(bob, RED);
	const added = await bobAdded;

	assert.equal(added.id, 'bob');
	assert.deepEqual(added.info, BOB);
	assert.equal(onAliceTab.members.count, 2);
	assert.equal(onBob.members.count, 2);
	assert.equal(onBob.members.me.id, 'bob');
	assert.deepEqual(listed(onBob), [{ id: 'alice', info: ALICE }, { id: 'bob', info: BOB }]);

	// alice opens a second tab: she is already there, so bob hears nothing
	const aliceSecondTab = await connectWithAuthorization(t, as(users.alice));
	const onAliceSecondTab = await join(aliceSecondTab, RED);
	await quiet(bob, aliceTab);

	assert.equal(onAliceSecondTab.members.count, 2);
	assert.deepEqual(listed(onAliceSecondTab), [{ id: 'alice', info: ALICE }, { id: 'bob', info: BOB }]);
	assert.deepEqual(received(bob, RED, 'pusher_internal:member_added'), []);
	assert.equal(onBob.members.count, 2);

	// her first tab closes: she is still there through the second
	aliceTab.disconnect();
	await subscriptions(RED, 2);
	await quiet(bob, aliceSecondTab);

	assert.deepEqual(received(bob, RED, 'pusher_internal:member_removed'), []);
	assert.deepEqual(received(aliceSecondTab, RED, 'pusher_internal:member_removed'), []);
	assert.equal(onBob.members.count, 2);

	// her last tab closes: now she has left
	const aliceRemoved = next(onBob, 'pusher:member_removed', 'member_removed for alice on bob\'s connection');
	aliceSecondTab.disconnect();
	const removed = await aliceRemoved;

	assert.equal(removed.id, 'alice');
	assert.deepEqual(removed.info, ALICE);
	assert.equal(onBob.members.count, 1);
	assert.deepEqual(listed(onBob), [{ id: 'bob', info: BOB }]);
	assert.equal(received(bob, RED, 'pusher_internal:member_removed').length, 1);
	assert.deepEqual(received(bob, RED, 'pusher_internal:member_added'), []);
});

test('pusher-js: a member never hears of itself joining or leaving', async (t) => {
	await vacant(RED);
	const alice = await connectWithAuthorization(t, as(users.alice));
	const bob = await connectWithAuthorization(t, as(users.bob));
	const onAlice = await join(alice, RED);
	const bobAdded = next(onAlice, 'pusher:member_added', 'member_added for bob');
	await join(bob, RED);
	await bobAdded;

	const bobRemoved = next(onAlice, 'pusher:member_removed', 'member_removed for bob');
	bob.unsubscribe(RED);
	assert.equal((await bobRemoved).id, 'bob');
	await quiet(alice, bob);

	assert.deepEqual(received(alice, RED, 'pusher_internal:member_added').map((frame) => frame.data.user_id), ['bob']);
	assert.deepEqual(received(bob, RED, 'pusher_internal:member_added'), []);
	assert.deepEqual(received(bob, RED, 'pusher_internal:member_removed'), []);
	assert.equal(onAlice.members.count, 1);
});

test('carol, who is in team blue, is refused presence-team.red with 403, and an anonymous client with 401', async (t) => {
	const carol = await connectWithAuthorization(t, as(users.carol));
	const anonymous = await connectWithAuthorization(t);

	const refused = await subscriptionError(carol, RED);
	const unknown = await subscriptionError(anonymous, RED);
	const blue = await join(carol, 'presence-team.blue');

	assert.equal(refused.type, 'AuthError');
	assert.equal(refused.status, 403);
	assert.equal(unknown.type, 'AuthError');
	assert.equal(unknown.status, 401);
	assert.deepEqual(listed(blue), [{ id: 'carol', info: { name: 'Carol' } }]);
	assert.deepEqual(received(carol, RED, 'pusher_internal:subscription_succeeded'), []);
	assert.deepEqual(received(anonymous, RED, 'pusher_internal:subscription_succeeded'), []);
});

test('the endpoint answers the member as channel_data, signed with "socket_id:channel_name:channel_data"', async (t) => {
	const client = await connect(t);
	const socketId = client.connection.socket_id;

	const response = await within(fetch(authEndpoint, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...as(users.alice) },
		body: new URLSearchParams({ socket_id: socketId, channel_name: RED }),
	}), `POST ${authEndpoint}`);

	assert.equal(response.status, 200);
	const body = await response.json();
	assert.deepEqual(Object.keys(body).sort(), ['auth', 'channel_data']);
	assert.equal(typeof body.channel_data, 'string');
	assert.deepEqual(JSON.parse(body.channel_data), { user_id: 'alice', user_info: ALICE });
	const signature = createHmac('sha256', config.secret).update(`${socketId}:${RED}:${body.channel_data}`).digest('hex');
	assert.equal(body.auth, `${config.key}:${signature}`);
});

test('laravel-echo: Echo.join(\'team.red\') calls here(), joining() and leaving() with the members\' info', async (t) => {
	await vacant(RED);
	const alice = connectEcho(t, as(users.alice));
	const joined = [];
	const left = [];
	let bobJoined;
	let bobLeft;
	const bobJoins = new Promise((resolve) => { bobJoined = resolve; });
	const bobLeaves = new Promise((resolve) => { bobLeft = resolve; });
	const here = within(new Promise((resolve, reject) => {
		alice.join('team.red')
			.here(resolve)
			.joining((user) => {
				joined.push(user);
				bobJoined(user);
			})
			.leaving((user) => {
				left.push(user);
				bobLeft(user);
			})
			.error((status) => reject(new Error(`Echo could not join: ${JSON.stringify(status)}`)));
	}), 'here() on alice\'s Echo');

	assert.deepEqual(await here, [ALICE]);

	const bob = connectEcho(t, as(users.bob));
	const bobHere = within(new Promise((resolve) => bob.join('team.red').here(resolve)), 'here() on bob\'s Echo');
	const bobSees = await bobHere;
	assert.deepEqual(await within(bobJoins, 'joining() on alice\'s Echo'), BOB);
	assert.deepEqual([...bobSees].sort((a, b) => a.name.localeCompare(b.name)), [ALICE, BOB]);

	bob.leave('team.red');
	assert.deepEqual(await within(bobLeaves, 'leaving() on alice\'s Echo'), BOB);
	await quiet(alice.connector.pusher);

	assert.deepEqual(joined, [BOB]);
	assert.deepEqual(left, [BOB]);
});

test('the pusher server SDK lists the members and counts them through the HTTP API', async (t) => {
	await vacant(RED);
	const [aliceTab, aliceSecondTab, bob] = await Promise.all([
		connectWithAuthorization(t, as(users.alice)),
		connectWithAuthorization(t, as(users.alice)),
		connectWithAuthorization(t, as(users.bob)),
	]);
	await join(aliceTab, RED);
	await join(aliceSecondTab, RED);
	await join(bob, RED);

	const members = await api(`/channels/${RED}/users`);
	const occupied = await api('/channels', { filter_by_prefix: 'presence-', info: 'user_count' });
	const channel = await api(`/channels/${RED}`, { info: 'user_count,subscription_count' });

	assert.deepEqual(members, { users: [{ id: 'alice' }, { id: 'bob' }] });
	assert.deepEqual(occupied.channels[RED], { user_count: 2 });
	assert.deepEqual(channel, { occupied: true, user_count: 2, subscription_count: 3 });

	aliceTab.disconnect();
	aliceSecondTab.disconnect();
	await subscriptions(RED, 1);

	assert.deepEqual(await api(`/channels/${RED}/users`), { users: [{ id: 'bob' }] });
	assert.deepEqual((await api('/channels', { filter_by_prefix: 'presence-', info: 'user_count' })).channels[RED],
		{ user_count: 1 });

	bob.disconnect();
	await vacant(RED);

	assert.deepEqual(await api(`/channels/${RED}/users`), { users: [] });
	assert.equal((await api('/channels', { filter_by_prefix: 'presence-' })).channels[RED], undefined);
});

test('the HTTP API answers 400 to user_count for channels that are not presence channels', async () => {
	const refused = (error) => {
		assert.equal(error.status, 400, `expected HTTP 400, got ${error.status}: ${error.body}`);
		return true;
	};

	// pusher 5 rejects with a RequestError for any status from 400 on
	await assert.rejects(serverSdk().get({ path: '/channels', params: { info: 'user_count' } }), refused);
	await assert.rejects(serverSdk().get({ path: '/channels/private-team.red', params: { info: 'user_count' } }),
		refused);
	await assert.rejects(serverSdk().get({ path: '/channels/private-team.red/users' }), refused);
});
