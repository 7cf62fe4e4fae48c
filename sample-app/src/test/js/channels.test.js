// Public channels with pusher-js, and events published through the pusher server SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	connect, next, QUIET_MS, received, roundTrip, serverSdk, subscribe, uniqueChannel, within,
} from './support.js';

test('pusher-js subscribes to a public channel', async (t) => {
	const client = await connect(t);
	const name = uniqueChannel();

	const channel = await subscribe(client, name);

	assert.equal(channel.subscribed, true);
	assert.equal(received(client, name, 'pusher_internal:subscription_succeeded').length, 1);
});

test('an event triggered with the server SDK arrives with its exact data', async (t) => {
	const client = await connect(t);
	const name = uniqueChannel();
	const channel = await subscribe(client, name);
	const data = { text: 'héllo, wörld ✓ "quoted" </script>', count: 42, ratio: 0.5, nested: { ok: true, list: [1, 'two', null] } };

	const arrived = next(channel, 'greeting', 'event greeting');
	const response = await serverSdk().trigger(name, 'greeting', data);
	const event = await arrived;

	assert.equal(response.status, 200);
	assert.deepEqual(event, data);
	const [frame] = received(client, name, 'greeting');
	assert.deepEqual(frame.data, data);
});

test('string data that is not JSON arrives unchanged', async (t) => {
	const client = await connect(t);
	const name = uniqueChannel();
	const channel = await subscribe(client, name);

	const arrived = next(channel, 'note', 'event note');
	await serverSdk().trigger(name, 'note', 'just text, not JSON');

	assert.equal(await arrived, 'just text, not JSON');
});

test('one trigger reaches several channels and every subscriber', async (t) => {
	const [first, second] = await Promise.all([connect(t), connect(t)]);
	const [a, b] = [uniqueChannel(), uniqueChannel()];
	const onA = await subscribe(first, a);
	const onB = await subscribe(second, b);

	const arrivals = Promise.all([next(onA, 'fanout', `fanout on ${a}`), next(onB, 'fanout', `fanout on ${b}`)]);
	await serverSdk().trigger([a, b], 'fanout', { n: 1 });

	assert.deepEqual(await arrivals, [{ n: 1 }, { n: 1 }]);
});

test('trigger with socket_id skips that connection only', async (t) => {
	const [sender, other] = await Promise.all([connect(t), connect(t)]);
	const name = uniqueChannel();
	await subscribe(sender, name);
	const otherChannel = await subscribe(other, name);
	const sdk = serverSdk();

	const otherGotIt = next(otherChannel, 'excluded', 'the event on the other connection');
	await sdk.trigger(name, 'excluded', { from: 'sender' }, { socket_id: sender.connection.socket_id });
	assert.deepEqual(await otherGotIt, { from: 'sender' });
	// Events on one channel arrive in order, so once the sender has this marker it has
	// been sent everything published before it.
	const marker = next(sender.channel(name), 'marker', 'the marker on the excluded connection');
	await sdk.trigger(name, 'marker', {});
	await marker;

	assert.deepEqual(received(sender, name, 'excluded'), []);
});

test('after unsubscribing no more events arrive', async (t) => {
	const [leaving, staying] = await Promise.all([connect(t), connect(t)]);
	const name = uniqueChannel();
	const control = uniqueChannel('control');
	await subscribe(leaving, name);
	const controlChannel = await subscribe(leaving, control);
	const stayingChannel = await subscribe(staying, name);
	const sdk = serverSdk();

	const before = next(leaving.channel(name), 'tick', 'tick before unsubscribing');
	await sdk.trigger(name, 'tick', { n: 1 });
	assert.deepEqual(await before, { n: 1 });

	leaving.unsubscribe(name);
	// pusher:unsubscribe has no reply; a ping behind it tells when the server handled it
	await roundTrip(leaving);
	const stayed = next(stayingChannel, 'tick', 'tick on the connection that stayed', (data) => data.n === 2);
	await sdk.trigger(name, 'tick', { n: 2 });
	assert.deepEqual(await stayed, { n: 2 });
	const marker = next(controlChannel, 'marker', 'the marker on the control channel');
	await sdk.trigger(control, 'marker', {});
	await marker;
	await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

	// raw frames: pusher-js itself would drop events for a channel it left
	assert.deepEqual(received(leaving, name, 'tick').map((frame) => frame.data), [{ n: 1 }]);
});

test('batch trigger delivers every event in order', async (t) => {
	const client = await connect(t);
	const name = uniqueChannel();
	const channel = await subscribe(client, name);
	const events = [];
	const all = new Promise((resolve) => channel.bind('step', (data) => {
		events.push(data.n);
		if (events.length === 3) {
			resolve();
		}
	}));

	await serverSdk().triggerBatch([1, 2, 3].map((n) => ({ channel: name, name: 'step', data: { n } })));
	await within(all, 'three batched events');

	assert.deepEqual(events, [1, 2, 3]);
});

test('a cache channel gives pusher-js its last event, or pusher:cache_miss when it has none', async (t) => {
	const client = await connect(t);
	const empty = uniqueChannel('cache-test');
	const emptyChannel = client.subscribe(empty);
	await next(emptyChannel, 'pusher:cache_miss', `pusher:cache_miss on ${empty}`);

	const name = uniqueChannel('cache-test');
	await serverSdk().trigger(name, 'price', { value: 7 });
	const late = await connect(t);
	const channel = late.subscribe(name);
	assert.deepEqual(await next(channel, 'price', `the cached price on ${name}`), { value: 7 });
	assert.equal(received(late, name, 'pusher:cache_miss').length, 0);

	const response = await serverSdk().get({ path: `/channels/${name}`, params: { info: 'cache' } });
	const { cache } = await response.json();
	assert.equal(cache.data, JSON.stringify({ value: 7 }));
	assert.ok(cache.ttl > 0 && cache.ttl <= 1800, `ttl ${cache.ttl}`);
});
