// The raw `ws` reference: every socket at /raw gets every frame POSTed to /raw/publish,
// as the servlet benchmark server's raw handler does. With --redis-port, publishes go
// through Redis pub/sub, so every node delivers them (the cluster scenario).
import http from 'node:http';

import { createClient } from 'redis';
import { WebSocketServer } from 'ws';

import { body, options, stats } from './stats.mjs';

const args = options();
const port = Number(args.port ?? 8090);
const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });

function broadcast(text) {
	// encoded once; ws frames it for each socket
	const payload = Buffer.from(text, 'utf8');
	for (const socket of sockets.clients) {
		if (socket.readyState === 1) {
			socket.send(payload, { binary: false });
		}
	}
}

let publisher = null;
if (args['redis-port']) {
	const url = `redis://127.0.0.1:${args['redis-port']}`;
	publisher = createClient({ url });
	const subscriber = publisher.duplicate();
	await Promise.all([publisher.connect(), subscriber.connect()]);
	await subscriber.subscribe('bench', (message) => broadcast(message));
}

const server = http.createServer(async (request, response) => {
	if (request.method === 'POST' && request.url === '/raw/publish') {
		const text = await body(request);
		if (publisher) {
			await publisher.publish('bench', text);
		}
		else {
			broadcast(text);
		}
		response.writeHead(200).end();
	}
	else if (request.url.startsWith('/bench/stats')) {
		response.writeHead(200, { 'Content-Type': 'application/json' }).end(stats(request.url, sockets.clients.size));
	}
	else {
		response.writeHead(404).end();
	}
});
server.on('upgrade', (request, socket, head) => {
	if (!request.url.startsWith('/raw')) {
		socket.destroy();
		return;
	}
	sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1', () => console.log(`ws reference server on ${port}`));
