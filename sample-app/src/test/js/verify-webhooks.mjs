// Checks webhook requests the app sent with the `pusher` server SDK's own webhook helper,
// as a backend moving off Pusher would: node verify-webhooks.mjs <requests.json>, where the
// file holds [{ "headers": {...}, "body": "<the exact body>" }]. Exits 0 only when the SDK
// accepts every request and rejects each one with a changed byte; prints the events.
import { readFileSync } from 'node:fs';

import PusherServer from 'pusher';

const requests = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pusher = new PusherServer({
	appId: process.env.SOCKETS_APP_ID,
	key: process.env.SOCKETS_APP_KEY,
	secret: process.env.SOCKETS_APP_SECRET,
});

let failures = 0;
for (const request of requests) {
	const webhook = pusher.webhook({ headers: request.headers, rawBody: request.body });
	if (!webhook.isValid()) {
		console.error(`rejected by the SDK: ${JSON.stringify(request)}`);
		failures++;
		continue;
	}
	const tampered = pusher.webhook({ headers: request.headers, rawBody: request.body.replace('"', "'") });
	if (tampered.isValid()) {
		console.error(`a changed body still passed: ${request.body}`);
		failures++;
	}
	for (const event of webhook.getEvents()) {
		console.log(`valid: ${event.name} ${event.channel}${event.user_id ? ` ${event.user_id}` : ''}`);
	}
}
console.log(`${requests.length - failures} of ${requests.length} webhook requests valid`);
process.exit(failures === 0 && requests.length > 0 ? 0 : 1);
