// The Socket.IO reference: clients join a room with a `subscribe` event (answered with
// `subscribed`); a JSON body POSTed to /publish?channel=room is emitted to the room as a
// `bench` event. With --redis-port, the Redis adapter carries emits to every node.
import http from 'node:http';

import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

import { body, options, stats } from './stats.mjs';

const args = options();
const port = Number(args.port ?? 8090);

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
if (args['redis-port']) {
	const url = `redis://127.0.0.1:${args['redis-port']}`;
	const publisher = createClient({ url });
	const subscriber = publisher.duplicate();
	await Promise.all([publisher.connect(), subscriber.connect()]);
	io.adapter(createAdapter(publisher, subscriber));
}
io.on('connection', (socket) => {
	socket.on('subscribe', (room) => {
		socket.join(room);
		socket.emit('subscribed', room);
	});
});

// Socket.IO answers its own paths; everything else is ours
server.prependListener('request', async (request, response) => {
	if (request.url.startsWith('/socket.io/')) {
		return;
	}
	const url = new URL(request.url, 'http://localhost');
	if (request.method === 'POST' && url.pathname === '/publish') {
		const data = JSON.parse(await body(request));
		io.to(url.searchParams.get('channel')).emit('bench', data);
		response.writeHead(200).end();
	}
	else if (url.pathname === '/bench/stats') {
		response.writeHead(200, { 'Content-Type': 'application/json' }).end(stats(request.url, io.engine.clientsCount));
	}
	else {
		response.writeHead(404).end();
	}
});
server.listen(port, '127.0.0.1', () => console.log(`Socket.IO reference server on ${port}`));
