// The chat page: pusher-js receives messages on chat.lobby, fetch() posts them.
// The server skips the sender's own socket (see ChatController), so a message we
// sent is rendered from the POST response and never twice. Everyone reads the lobby;
// a signed-in user writes in it, as themselves (the server takes the author from the
// session), and hears on their own channel, private-user.<name>, when someone writes
// @name in the lobby. A signed-in user also
// joins their team's private channel, private-team.<team>: pusher-js asks the app's
// authorization endpoint first, with the session cookie, and the app grants members.
// It joins the team's presence channel, presence-team.<team>, too, and shows who of
// the team is online: the list from the subscription, then each member who comes or
// goes (the server counts a user once, however many tabs they have open). Typing in the
// team's box sends the client event client-typing on the presence channel, at most every
// TYPING_EVERY_MS: the server relays it to the other members without passing the app, with
// the sender's user_id, which pusher-js hands over as metadata, so nobody can pretend to
// be someone else; the others show "Alice is typing…" for TYPING_SHOWN_MS. A reaction is
// the client event client-reaction on the team's private channel, which the server checks
// (see TeamReactions): the sender gets client-reaction-reply or client-reaction-error, the
// others team.reaction. The lobby and the team rooms keep a history (application.yml):
// with the recovery plugin, a page whose connection dropped gets the messages it missed
// when pusher-js reconnects; when it cannot (pusher:recovery_failed), the page loads the
// room's latest messages from the app.
(async function () {
	'use strict';

	const CHANNEL = 'chat.lobby';

	// far below the starter's limit of 10 client events per second and connection
	const TYPING_EVERY_MS = 2000;

	const TYPING_SHOWN_MS = 3000;

	// where the WebSocket goes: the Netty transport's port (the netty profile), else the
	// page's own
	const config = await fetch('page-config', { headers: { Accept: 'application/json' } })
		.then((response) => response.json())
		.catch(() => ({}));
	const socketsPort = config.socketsPort || location.port;

	// SocketsRecovery comes from sockets/pusher-recovery.js, which the starter serves: it
	// keeps the position of the last event of each channel, and pusher-js subscribes again
	// from there after a reconnect
	const pusher = SocketsRecovery.withRecovery(new Pusher('sample-key', {
		wsHost: location.hostname,
		wsPort: socketsPort || 80,
		wssPort: socketsPort || 443,
		forceTLS: location.protocol === 'https:',
		// no HTTP fallbacks: they would go to Pusher's hosted service
		enabledTransports: ['ws', 'wss'],
		// pusher-js 8 insists on a cluster; it is unused with wsHost
		cluster: '',
		disableStats: true,
		// private channels: pusher-js POSTs socket_id and channel_name here, and the
		// browser adds the session cookie (same origin)
		channelAuthorization: { endpoint: 'sockets/auth', transport: 'ajax' },
	}));

	const connection = document.getElementById('connection');
	const connectionState = document.getElementById('connection-state');
	const messages = document.getElementById('messages');
	const empty = document.getElementById('empty');
	const form = document.getElementById('composer');
	const guest = document.getElementById('guest');
	const text = document.getElementById('text');
	const send = document.getElementById('send');
	const error = document.getElementById('error');
	const login = document.getElementById('login');
	const signedIn = document.getElementById('signed-in');
	const userName = document.getElementById('user-name');
	const team = document.getElementById('team');
	const teamMessages = document.getElementById('team-messages');
	const teamForm = document.getElementById('team-composer');
	const teamText = document.getElementById('team-text');
	const teamSend = document.getElementById('team-send');
	const teamError = document.getElementById('team-error');
	const online = document.getElementById('online');
	const onlineCount = document.getElementById('online-count');
	const typing = document.getElementById('typing');
	const mentions = document.getElementById('mentions');
	const mentionList = document.getElementById('mention-list');
	const noMentions = document.getElementById('no-mentions');
	const mentionsError = document.getElementById('mentions-error');

	const REACTIONS = { like: '👍', party: '🎉', heart: '❤️', laugh: '😂' };

	function showState(state) {
		connection.dataset.state = state;
		connectionState.textContent = state === 'connected'
			? 'connected as ' + pusher.connection.socket_id
			: state;
	}

	// The messages each list shows, by author and time: a message comes from the POST's
	// answer (our own: the server leaves this connection out of its broadcast), live, in
	// the replay after a reconnect (one we posted while the connection was down left out
	// only the old connection) or from the room's latest messages, and is shown once, in
	// time order.
	const shown = new Set();

	function render(message, mine, list = messages) {
		const key = list.id + ' ' + message.author + ' ' + message.sentAt;
		if (shown.has(key)) {
			return;
		}
		shown.add(key);
		if (list === messages) {
			empty.hidden = true;
		}
		if (list === mentionList) {
			noMentions.hidden = true;
		}
		const item = document.createElement('li');
		item.className = mine ? 'message mine' : 'message';
		const meta = document.createElement('div');
		meta.className = 'meta';
		const who = document.createElement('strong');
		who.textContent = message.author;
		const when = document.createElement('time');
		when.dateTime = message.sentAt;
		when.textContent = new Date(message.sentAt).toLocaleTimeString();
		meta.append(who, ' ', when);
		const body = document.createElement('p');
		body.textContent = message.text;
		item.append(meta, body);
		item.dataset.sentAt = message.sentAt;
		const sentAt = Date.parse(message.sentAt);
		const later = [...list.children].find((other) => other.dataset.sentAt && Date.parse(other.dataset.sentAt) > sentAt);
		list.insertBefore(item, later || null);
		item.scrollIntoView({ block: 'end' });
	}

	// The server could not send what a room got while the connection was down: more than
	// the room keeps, or too long ago (pusher:recovery_failed). Its latest messages come
	// from the app instead, which reads them from the room's history (GET url answers the
	// recorded events: name, data, position); render() leaves out those already shown.
	async function reload(url, event, list, errorElement) {
		try {
			const response = await fetch(url, { headers: { 'Accept': 'application/json' } });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			const recent = await response.json();
			recent.events.filter((recorded) => recorded.name === event)
				.forEach((recorded) => render(JSON.parse(recorded.data), false, list));
		}
		catch (ex) {
			showError('Could not load the messages you missed: ' + ex.message, errorElement);
		}
	}

	function showError(message, element = error) {
		element.textContent = message || '';
		element.hidden = !message;
	}

	// Spring Security keeps the CSRF token in the XSRF-TOKEN cookie and expects it back
	// in the X-XSRF-TOKEN header of every POST; GET /me makes sure the cookie is set.
	function csrfToken() {
		const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
		return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
	}

	async function me() {
		const response = await fetch('me', { headers: { 'Accept': 'application/json' } });
		if (!response.ok) {
			throw new Error('GET me: HTTP ' + response.status);
		}
		return response.json();
	}

	const ready = me().catch((ex) => {
		showError('Could not load the session: ' + ex.message);
		return { name: null, team: null };
	});

	async function post(url, body) {
		if (!csrfToken()) {
			await ready;
		}
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'Accept': 'application/json',
				'X-XSRF-TOKEN': csrfToken(),
				// a 401 then has no WWW-Authenticate header, so no browser login dialog
				'X-Requested-With': 'XMLHttpRequest',
			},
			body: JSON.stringify(body),
		});
		const answer = await response.json().catch(() => ({}));
		return { response, body: answer };
	}

	showState(pusher.connection.state);
	pusher.connection.bind('state_change', (states) => showState(states.current));

	const channel = pusher.subscribe(CHANNEL);
	channel.bind('pusher:subscription_error', (status) => showError('Could not join the lobby: ' + JSON.stringify(status)));
	channel.bind('message', (message) => render(message, false));
	channel.bind('pusher:recovery_failed', () => reload('chat/messages', 'message', messages, error));

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		showError(null);
		send.disabled = true;
		try {
			// socket_id is undefined while disconnected, and then left out
			const { response, body } = await post('chat/messages',
				{ text: text.value, socketId: pusher.connection.socket_id });
			if (response.status === 401) {
				showError('You are signed out: log in again to write.');
				return;
			}
			if (!response.ok) {
				showError(body.detail || ('Sending failed: HTTP ' + response.status));
				return;
			}
			render(body, true);
			text.value = '';
		}
		catch (ex) {
			showError('Sending failed: ' + ex.message);
		}
		finally {
			send.disabled = false;
			text.focus();
		}
	});

	// The team's presence channel: pusher-js keeps the members in channel.members, and
	// the list on the page is redrawn from it after every change.
	function showOnline(presence) {
		const items = [];
		presence.members.each((member) => {
			const item = document.createElement('li');
			item.dataset.id = member.id;
			item.textContent = (member.info && member.info.name) || member.id;
			if (member.id === presence.members.me.id) {
				item.className = 'me';
				item.textContent += ' (you)';
			}
			items.push(item);
		});
		online.replaceChildren(...items);
		onlineCount.textContent = presence.members.count;
	}

	// who of the team is typing: user id -> the timer that forgets them
	const typists = new Map();

	function showTyping(presence) {
		const names = [...typists.keys()].map((id) => {
			const member = presence.members.get(id);
			return (member && member.info && member.info.name) || id;
		});
		typing.textContent = names.length === 0 ? ''
			: names.join(', ') + (names.length === 1 ? ' is' : ' are') + ' typing…';
	}

	function stoppedTyping(presence, id) {
		if (typists.has(id)) {
			clearTimeout(typists.get(id));
			typists.delete(id);
			showTyping(presence);
		}
	}

	function joinPresence(name) {
		document.getElementById('presence-channel').textContent = name;
		const presence = pusher.subscribe(name);
		presence.bind('pusher:subscription_succeeded', () => showOnline(presence));
		presence.bind('pusher:member_added', () => showOnline(presence));
		presence.bind('pusher:member_removed', (member) => {
			stoppedTyping(presence, member.id);
			showOnline(presence);
		});
		presence.bind('pusher:subscription_error', (status) => showError('Could not see who is online: ' + JSON.stringify(status), teamError));
		// the server sets user_id; another tab of our own is not someone else typing
		presence.bind('client-typing', (data, metadata) => {
			const id = metadata && metadata.user_id;
			if (!id || id === presence.members.me.id) {
				return;
			}
			clearTimeout(typists.get(id));
			typists.set(id, setTimeout(() => stoppedTyping(presence, id), TYPING_SHOWN_MS));
			showTyping(presence);
		});
		return presence;
	}

	// a reaction, as a line among the team's messages
	function renderReaction(reaction, mine) {
		const item = document.createElement('li');
		item.className = 'reaction';
		item.textContent = (mine ? 'You' : reaction.author) + ' reacted ' + (REACTIONS[reaction.reaction] || reaction.reaction);
		teamMessages.append(item);
		item.scrollIntoView({ block: 'end' });
	}

	// Logging out is a POST with the CSRF token (Spring Security answers 204 to a script),
	// then the chat again, as a guest.
	document.getElementById('logout').addEventListener('click', async () => {
		try {
			const { response } = await post('logout', {});
			if (!response.ok) {
				showError('Logging out failed: HTTP ' + response.status);
				return;
			}
			location.assign('./');
		}
		catch (ex) {
			showError('Logging out failed: ' + ex.message);
		}
	});

	function joinMentions(name) {
		document.getElementById('mentions-channel').textContent = name;
		mentions.hidden = false;
		const channel = pusher.subscribe(name);
		channel.bind('pusher:subscription_error', (status) => showError('Could not hear of mentions: ' + JSON.stringify(status), mentionsError));
		channel.bind('mention', (message) => render(message, false, mentionList));
	}

	ready.then((user) => {
		if (!user.name) {
			return;
		}
		login.hidden = true;
		signedIn.hidden = false;
		userName.textContent = user.name + (user.team ? ' · team ' + user.team : '');
		guest.hidden = true;
		form.hidden = false;
		joinMentions('private-user.' + user.name);
		if (!user.team) {
			return;
		}
		const teamChannel = 'private-team.' + user.team;
		document.getElementById('team-name').textContent = user.team;
		document.getElementById('team-channel').textContent = teamChannel;
		team.hidden = false;
		const channel = pusher.subscribe(teamChannel);
		channel.bind('pusher:subscription_error', (status) => showError('Could not join the team: ' + JSON.stringify(status), teamError));
		const presence = joinPresence('presence-team.' + user.team);
		channel.bind('team.message', (message) => {
			stoppedTyping(presence, message.author);
			render(message, false, teamMessages);
		});
		channel.bind('team.reaction', (reaction) => renderReaction(reaction, false));
		channel.bind('pusher:recovery_failed', () => reload('teams/' + encodeURIComponent(user.team) + '/messages',
			'team.message', teamMessages, teamError));
		channel.bind('client-reaction-reply', (reaction) => renderReaction(reaction, true));
		channel.bind('client-reaction-error', (refusal) => {
			const reasons = refusal.errors ? Object.entries(refusal.errors).map(([field, why]) => field + ' ' + why) : [];
			showError('Reaction refused: ' + (reasons.join('; ') || refusal.error), teamError);
		});
		for (const button of document.querySelectorAll('.reactions button')) {
			button.addEventListener('click', () => {
				showError(null, teamError);
				if (!channel.subscribed || !channel.trigger('client-reaction', { reaction: button.dataset.reaction })) {
					showError('Not connected to the team yet', teamError);
				}
			});
		}

		let typedAt = 0;
		teamText.addEventListener('input', () => {
			if (presence.subscribed && Date.now() - typedAt >= TYPING_EVERY_MS) {
				typedAt = Date.now();
				presence.trigger('client-typing', {});
			}
		});

		teamForm.addEventListener('submit', async (event) => {
			event.preventDefault();
			showError(null, teamError);
			teamSend.disabled = true;
			try {
				const { response, body } = await post('teams/' + encodeURIComponent(user.team) + '/messages',
					{ text: teamText.value, socketId: pusher.connection.socket_id });
				if (!response.ok) {
					showError(body.detail || ('Sending failed: HTTP ' + response.status), teamError);
					return;
				}
				render(body, true, teamMessages);
				teamText.value = '';
			}
			catch (ex) {
				showError('Sending failed: ' + ex.message, teamError);
			}
			finally {
				teamSend.disabled = false;
				teamText.focus();
			}
		});
	});
})();
