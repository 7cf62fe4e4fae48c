// Missed-message recovery across the two nodes of ClusterCompatibilityIntegrationTests, node A
// on the servlet container and node B on the Netty transport, joined by Redis, which keeps the
// history of the recovery.* channels (100 events): a pusher-js client with the recovery plugin
// connects through a TCP proxy of the test's own to one node, is cut off while the pusher SDK
// publishes 100 events on node A, and comes back through the proxy on the other node, which
// replays them from Redis.
//
// Not named *.test.js, so that a plain `node --test` (the single-node suite) leaves it out; it
// runs as `node --test cluster/recovery.spec.js`, with SOCKETS_PORT_A and SOCKETS_PORT_B.
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import { withRecovery } from 'sockets-pusher-recovery';

import { connect, serverSdk, subscribe, WAIT_MS } from '../support.js';
import { assertExactly, away, BACK_MS, numbers, proxy, publish, range, settle, until } from '../recovery-support.js';

const A = Number(process.env.SOCKETS_PORT_A ?? 8080);

const B = Number(process.env.SOCKETS_PORT_B ?? 8081);

const NODES = Object.freeze({ [A]: 'A', [B]: 'B' });

/** The pusher server SDK, pointed at node A. */
const sdkA = serverSdk({ port: A });

/** What recovery.* keeps (the test's sockets.namespaces). */
const HISTORY_SIZE = 100;

for (const [from, to] of [[B, A], [A, B]]) {
	test(`a client cut off on node ${NODES[from]} while node A publishes ${HISTORY_SIZE} events gets all of them, in order, back on node ${NODES[to]}`, async (t) => {
		const name = `recovery.${randomUUID()}`;
		const proxied = await proxy(t, from);
		const pusher = withRecovery(await connect(t, { wsPort: proxied.port }));
		const channel = await subscribe(pusher, name);
		const got = numbers(channel);
		// node A's broadcasts reach the client's node once that node listens to the channel in Redis
		const probes = numbers(channel, 'probe');
		let probe = 0;
		await until(async () => {
			await sdkA.trigger(name, 'probe', { n: probe++ });
			await new Promise((resolve) => setTimeout(resolve, 100));
			return probes.length > 0;
		}, `node ${NODES[from]} to hear node A on ${name}`, 3 * WAIT_MS);
		await publish(name, 0, 3, { sdk: sdkA });
		await settle(got, 3, 'events before the cut');

		// the client comes back through the proxy on the other node
		proxied.to(to);
		await away(proxied, pusher, () => publish(name, 3, HISTORY_SIZE, { sdk: sdkA }));
		await settle(got, 3 + HISTORY_SIZE, `events back on node ${NODES[to]}`, BACK_MS);
		assertExactly(got, range(0, 3 + HISTORY_SIZE), 'the events before, during and after the cut');

		await publish(name, 3 + HISTORY_SIZE, 1, { sdk: sdkA });
		await settle(got, 4 + HISTORY_SIZE, 'the live event');
		assertExactly(got, range(0, 4 + HISTORY_SIZE), 'then the live event');
	});
}
