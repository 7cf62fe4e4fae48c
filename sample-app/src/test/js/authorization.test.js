// Private team channels: unmodified pusher-js and laravel-echo ask the app's channel
// authorization endpoint (POST /sockets/auth) as a user of the sample, and only the
// team's members get in. Messages posted to /teams/{team}/messages reach the members.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { test } from 'node:test';

import {
	as, authEndpoint, baseUrl, basic, config, connect, connectEcho, connectWithAuthorization, csrfHeaders, next,
	postJson, QUIET_MS, received, serverSdk, subscribe, subscriptionError, users, within,
} from './support.js';

const RED = 'private-team.red';

const EVENT = 'team.message';

/** Posts to a team as a user, the way an API client does: HTTP Basic plus the CSRF token. */
function postToTeam(team, body, headers) {
	return postJson(`/teams/${team}/messages`, body, headers);
}

/** The next team message with this text on a pusher-js channel. */
function nextTeamMessage(channel, text, what) {
	return next(channel, EVENT, what, (message) => message.text === text);
}

/** Calls the authorization endpoint as pusher-js does: form-encoded, with any headers. */
function authorize(socketId, channel, headers = {}) {
	return within(fetch(authEndpoint, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams({ socket_id: socketId, channel_name: channel }),
	}), `POST ${authEndpoint}`);
}

test('pusher-js subscribes alice to her team channel and she receives what bob posts to the team', async (t) => {
	const client = await connectWithAuthorization(t, as(users.alice));
	const channel = await subscribe(client, RED);
	const text = `for team red ${randomUUID()}`;

	const arrived = nextTeamMessage(channel, text, 'the team message on alice\'s connection');
	const response = await postToTeam('red', { text }, as(users.bob));
	assert.equal(response.status, 200);
	const body = await response.json();
	const message = await arrived;

	assert.deepEqual(message, body);
	assert.equal(message.team, 'red');
	assert.equal(message.author, 'bob');
	assert.ok(Math.abs(Date.now() - Date.parse(message.sentAt)) < 60_000, `sentAt is about now: ${message.sentAt}`);
	assert.equal(received(client, RED, 'pusher_internal:subscription_succeeded').length, 1);
});

test('every member of the team receives a team message, and the sender\'s socket can be skipped', async (t) => {
	const [alice, bob] = await Promise.all([
		connectWithAuthorization(t, as(users.alice)),
		connectWithAuthorization(t, as(users.bob)),
	]);
	const onAlice = await subscribe(alice, RED);
	const onBob = await subscribe(bob, RED);
	const text = `from alice ${randomUUID()}`;

	const bobGotIt = nextTeamMessage(onBob, text, 'the team message on bob\'s connection');
	const response = await postToTeam('red', { text, socketId: alice.connection.socket_id }, as(users.alice));
	assert.equal(response.status, 200);
	assert.equal((await bobGotIt).author, 'alice');
	// events on one channel arrive in order: once alice has the marker, nothing else is on its way
	const marker = `marker ${randomUUID()}`;
	const markerArrived = nextTeamMessage(onAlice, marker, 'the marker on alice\'s connection');
	await postToTeam('red', { text: marker }, as(users.bob));
	await markerArrived;

	assert.deepEqual(received(alice, RED, EVENT).filter((frame) => frame.data.text === text), []);
});

test('carol, who is in team blue, is refused team red with 403 and joins her own team', async (t) => {
	const client = await connectWithAuthorization(t, as(users.carol));

	const error = await subscriptionError(client, RED);
	const blue = await subscribe(client, 'private-team.blue');

	assert.equal(error.type, 'AuthError');
	assert.equal(error.status, 403);
	assert.equal(blue.subscribed, true);
	// the server never confirmed the refused channel
	assert.deepEqual(received(client, RED, 'pusher_internal:subscription_succeeded'), []);
});

test('an anonymous client is refused a team channel with 401', async (t) => {
	const client = await connectWithAuthorization(t);

	const error = await subscriptionError(client, RED);

	assert.equal(error.type, 'AuthError');
	assert.equal(error.status, 401);
});

test('a wrong password is refused with 401', async (t) => {
	const client = await connectWithAuthorization(t, { Authorization: basic('alice', 'not-her-password') });

	const error = await subscriptionError(client, RED);

	assert.equal(error.status, 401);
});

test('a channel no authorizer grants is refused even to a signed-in user', async (t) => {
	const client = await connectWithAuthorization(t, as(users.alice));

	const error = await subscriptionError(client, `private-${randomUUID()}`);

	assert.equal(error.status, 403);
});

test('team messages do not reach the connections of other teams', async (t) => {
	const [alice, carol] = await Promise.all([
		connectWithAuthorization(t, as(users.alice)),
		connectWithAuthorization(t, as(users.carol)),
	]);
	const onAlice = await subscribe(alice, RED);
	const onBlue = await subscribe(carol, 'private-team.blue');
	const text = `red only ${randomUUID()}`;

	const aliceGotIt = nextTeamMessage(onAlice, text, 'the team message on alice\'s connection');
	assert.equal((await postToTeam('red', { text }, as(users.bob))).status, 200);
	await aliceGotIt;
	const marker = `blue marker ${randomUUID()}`;
	const blueMarker = nextTeamMessage(onBlue, marker, 'the marker on team blue');
	assert.equal((await postToTeam('blue', { text: marker }, as(users.carol))).status, 200);
	await blueMarker;
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

	assert.deepEqual(carol.frames.filter((frame) => frame.channel === RED), []);
});

test('the endpoint answers the signature of "socket_id:channel_name" made with the app secret', async (t) => {
	const client = await connect(t);
	const socketId = client.connection.socket_id;

	const response = await authorize(socketId, RED, as(users.alice));

	assert.equal(response.status, 200);
	assert.match(response.headers.get('content-type'), /^application\/json/);
	const signature = createHmac('sha256', config.secret).update(`${socketId}:${RED}`).digest('hex');
	assert.deepEqual(await response.json(), { auth: `${config.key}:${signature}` });
});

test('the endpoint answers refusals as JSON errors with 401 and 403', async (t) => {
	const client = await connect(t);
	const socketId = client.connection.socket_id;

	const anonymous = await authorize(socketId, RED);
	const stranger = await authorize(socketId, RED, as(users.carol));

	assert.equal(anonymous.status, 401);
	assert.equal((await anonymous.json()).status, 401);
	assert.equal(stranger.status, 403);
	const refusal = await stranger.json();
	assert.equal(refusal.status, 403);
	assert.equal(typeof refusal.error, 'string');
});

test('a browser session from the login form authorizes the team channel', async (t) => {
	// the login page posts as the chat page does: the CSRF token from the XSRF-TOKEN
	// cookie goes back in the X-XSRF-TOKEN header
	const cookies = (response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	const login = await within(fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(await csrfHeaders()) },
		body: new URLSearchParams({ username: 'bob', password: users.bob.password }),
	}), 'POST /login');
	assert.equal(login.status, 302);
	assert.doesNotMatch(login.headers.get('location'), /error/);
	const session = cookies(login).find((cookie) => cookie.startsWith('JSESSIONID='));
	assert.ok(session, 'signing in starts a new session');

	const me = await within(fetch(`${baseUrl}/me`, { headers: { Cookie: session } }), 'GET /me');
	assert.deepEqual(await me.json(), { name: 'bob', team: 'red' });
	const client = await connect(t);
	const granted = await authorize(client.connection.socket_id, RED, { Cookie: session });
	assert.equal(granted.status, 200);
	const refused = await authorize(client.connection.socket_id, 'private-team.blue', { Cookie: session });
	assert.equal(refused.status, 403);
});

test('posting to a team needs a signed-in member and the CSRF token', async () => {
	const text = `not delivered ${randomUUID()}`;

	const anonymous = await postToTeam('red', { text });
	const stranger = await postToTeam('red', { text }, as(users.carol));
	const withoutCsrf = await within(fetch(`${baseUrl}/teams/red/messages`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...as(users.alice) },
		body: JSON.stringify({ text }),
	}), 'POST /teams/red/messages without the CSRF token');
	const blank = await postToTeam('red', { text: '  ' }, as(users.alice));

	assert.equal(anonymous.status, 401);
	assert.equal(stranger.status, 403);
	const problem = await stranger.json();
	assert.equal(problem.title, 'Not a member of the team');
	assert.equal(problem.detail, 'carol is not a member of team red');
	assert.equal(withoutCsrf.status, 403);
	assert.equal(blank.status, 400);
});

test('GET /teams/{team}/messages answers the team\'s latest messages from its history, to its members only', async () => {
	const text = `recent ${randomUUID()}`;
	const posted = await postToTeam('red', { text }, as(users.bob));
	assert.equal(posted.status, 200);
	const get = (headers) => within(fetch(`${baseUrl}/teams/red/messages`, { headers: { Accept: 'application/json', ...headers } }),
		'GET /teams/red/messages');

	const response = await get(as(users.alice));
	assert.equal(response.status, 200);
	const recent = await response.json();
	const last = recent.events.at(-1);
	assert.equal(last.name, EVENT);
	assert.deepEqual(JSON.parse(last.data), await posted.json());
	assert.deepEqual(recent.position, last.position);

	assert.equal((await get(as(users.carol))).status, 403, 'carol is in team blue');
	assert.equal((await get({})).status, 401, 'anonymous');
});

test('the pusher server SDK can publish to a team channel too', async (t) => {
	const client = await connectWithAuthorization(t, as(users.alice));
	const channel = await subscribe(client, RED);
	const text = `from the server SDK ${randomUUID()}`;

	const arrived = nextTeamMessage(channel, text, 'the event from the server SDK');
	await serverSdk().trigger(RED, EVENT, { text });

	assert.deepEqual(await arrived, { text });
});

test('laravel-echo: Echo.private(\'team.red\').listen(\'.team.message\') receives what bob posts, for alice', async (t) => {
	const client = connectEcho(t, as(users.alice));
	const text = `echo ${randomUUID()}`;
	const channel = client.private('team.red');
	const subscribed = within(new Promise((resolve, reject) => {
		channel.subscribed(resolve);
		channel.error((status) => reject(new Error(`Echo could not subscribe: ${JSON.stringify(status)}`)));
	}), 'Echo to subscribe to private-team.red');
	const arrived = within(new Promise((resolve) => {
		channel.listen('.team.message', (message) => {
			if (message.text === text) {
				resolve(message);
			}
		});
	}), 'the team message through Echo');
	await subscribed;

	const response = await postToTeam('red', { text }, as(users.bob));
	assert.equal(response.status, 200);
	const message = await arrived;

	assert.equal(message.author, 'bob');
	assert.equal(message.team, 'red');
	assert.equal(client.connector.pusher.channel(RED).subscribed, true);
});

test('laravel-echo: .error() reports 403 when carol asks for team red', async (t) => {
	const client = connectEcho(t, as(users.carol));

	const status = await within(new Promise((resolve, reject) => {
		client.private('team.red')
			.subscribed(() => reject(new Error('Echo subscribed carol to team red')))
			.error(resolve);
	}), 'Echo\'s error callback');

	assert.equal(status.type, 'AuthError');
	assert.equal(status.status, 403);
});
