/*
 * sockets-pusher-recovery: missed-message recovery for unmodified pusher-js 8 on a
 * sockets server. withRecovery(pusher) remembers, per channel, the position of the last
 * event the client got, and sends it with the subscription pusher-js makes again after a
 * reconnect, so that the server replays what was broadcast in between.
 * The wire protocol is described in docs/recovery.md of the sockets repository.
 *
 * One file for every loader (UMD): CommonJS require(), a plain <script> tag
 * (window.SocketsRecovery), and index.mjs re-exports it for `import`.
 * ES2017, no dependencies, no build step.
 */
(function (root, factory) {
	if (typeof module === 'object' && module.exports) {
		module.exports = factory();
	} else {
		root.SocketsRecovery = factory();
	}
}(typeof self !== 'undefined' ? self : this, function () {
	'use strict';

	// What the server accepts back in pusher:subscribe (anything else gets InvalidPosition):
	// an epoch of 1 to 64 of A-Z a-z 0-9 - _, an integer offset >= 0.
	const EPOCH = /^[A-Za-z0-9_-]{1,64}$/;

	function isPosition(position) {
		return position !== null && typeof position === 'object'
			&& typeof position.epoch === 'string' && EPOCH.test(position.epoch)
			&& Number.isSafeInteger(position.offset) && position.offset >= 0;
	}

	/**
	 * Adds recovery to a pusher-js instance (for laravel-echo: echo.connector.pusher) and
	 * returns that same instance. Applying it twice does nothing more.
	 */
	function withRecovery(pusher) {
		if (pusher.recovery) {
			return pusher;
		}

		// channel name -> {epoch, offset} of the last frame seen with a position
		const positions = new Map();

		function keep(channel, position, always) {
			const kept = positions.get(channel);
			if (always || !kept || kept.epoch !== position.epoch || position.offset > kept.offset) {
				positions.set(channel, { epoch: position.epoch, offset: position.offset });
			}
		}

		// pusher-js hands the application only event, channel, data and user_id of a frame,
		// so the position is read from the raw text the transport received. Most frames
		// have none: only those that mention "position" are parsed a second time.
		function onFrame(message) {
			const text = message && message.data;
			if (typeof text !== 'string' || text.indexOf('"position"') === -1) {
				return;
			}
			let frame;
			try {
				frame = JSON.parse(text);
			} catch (e) {
				return; // pusher-js reports unreadable frames itself
			}
			if (!frame || typeof frame.channel !== 'string' || !isPosition(frame.position)) {
				return;
			}
			// A frame still in flight when the application unsubscribed must not bring the
			// position back: a later subscription would replay what it chose to leave.
			if (!pusher.channel(frame.channel)) {
				return;
			}
			// recovery_failed carries the channel's head, where the live events go on, even
			// when it is below the kept offset (that position was ahead of the history).
			keep(frame.channel, frame.position, frame.event === 'pusher:recovery_failed');
		}

		// Each (re)connection has a transport of its own. Ours is bound after pusher-js's
		// own listener, so the application's callbacks have run when a position is kept:
		// an event is never marked as received before it was handed over (at-least-once).
		let transport = null;
		function follow() {
			const connection = pusher.connection.connection;
			const current = connection ? connection.transport : null;
			if (current === transport) {
				return;
			}
			if (transport) {
				transport.unbind('message', onFrame);
			}
			transport = current;
			if (transport) {
				transport.bind('message', onFrame);
			}
		}
		pusher.connection.bind('connected', follow);
		if (pusher.connection.state === 'connected') {
			follow();
		}

		// Every subscription goes through the instance's send_event: the first one, the
		// ones pusher-js repeats after a reconnect, of any channel type, and laravel-echo's.
		// Patched on the instance only, so other Pusher instances are left as they are.
		const sendEvent = pusher.send_event;
		pusher.send_event = function (name, data, channel) {
			if (name === 'pusher:subscribe' && data && positions.has(data.channel)) {
				data = Object.assign({}, data, { position: positions.get(data.channel) });
			}
			return sendEvent.call(this, name, data, channel);
		};

		// Leaving a channel forgets its position: subscribing again later starts live.
		const unsubscribe = pusher.unsubscribe;
		pusher.unsubscribe = function (name) {
			positions.delete(name);
			return unsubscribe.call(this, name);
		};

		pusher.recovery = Object.freeze({
			/** The position kept for a channel, a copy: {epoch, offset}, or undefined. */
			position(channel) {
				const kept = positions.get(channel);
				return kept && { epoch: kept.epoch, offset: kept.offset };
			},
			/**
			 * Starts a channel after a position the application loaded with its state (the
			 * `position` of the server's ChannelHistory or of the HTTP API's history): the
			 * subscription that follows gets every event after it, so nothing falls between
			 * the load and the subscription. Call it before subscribe().
			 */
			startFrom(channel, position) {
				if (typeof channel !== 'string' || !isPosition(position)) {
					throw new TypeError('startFrom(channel, {epoch, offset}) needs a channel name and a position '
						+ 'as the server gives it (an epoch of 1 to 64 of A-Z a-z 0-9 - _, an offset >= 0)');
				}
				keep(channel, position, true);
			},
		});
		return pusher;
	}

	return { withRecovery: withRecovery };
}));
