// The Pusher HTTP API refuses what the pusher server SDK sends with the wrong credentials.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { config, connect, next, received, serverSdk, subscribe, uniqueChannel } from './support.js';

function rejectedWith(status) {
	return (error) => {
		assert.equal(error.status, status, `expected HTTP ${status}, got ${error.status}: ${error.body}`);
		return true;
	};
}

test('a trigger signed with the wrong secret is rejected with 401 and delivers nothing', async (t) => {
	const client = await connect(t);
	const name = uniqueChannel();
	const channel = await subscribe(client, name);

	await assert.rejects(serverSdk({ secret: `${config.secret}-wrong` }).trigger(name, 'forged', { evil: true }),
		rejectedWith(401));
	// events on one channel arrive in order: once the marker is here, nothing is on its way
	const marker = next(channel, 'marker', 'a correctly signed marker event');
	await serverSdk().trigger(name, 'marker', {});
	await marker;

	assert.deepEqual(received(client, name, 'forged'), []);
});

test('a trigger with an unknown app key is rejected with 401', async () => {
	await assert.rejects(serverSdk({ key: `${config.key}-unknown` }).trigger(uniqueChannel(), 'forged', {}),
		rejectedWith(401));
});

test('a trigger for another app id is rejected with 404', async () => {
	await assert.rejects(serverSdk({ appId: `${config.appId}-other` }).trigger(uniqueChannel(), 'forged', {}),
		rejectedWith(404));
});
