import type Pusher from 'pusher-js';

/** Where a channel's history stands: `offset` counts its events within `epoch`. */
export interface Position {
	epoch: string;
	offset: number;
}

/** What withRecovery adds to a pusher-js instance. */
export interface Recovery {
	/** The position kept for a channel (a copy), or undefined when none is kept. */
	position(channel: string): Position | undefined;
	/**
	 * Starts a channel after a position the application loaded with its state (the
	 * `position` of the server's ChannelHistory or HTTP API history): the next
	 * subscription gets every event after it. Call it before `subscribe`.
	 * @throws TypeError if the position is not one the server gives
	 */
	startFrom(channel: string, position: Position): void;
}

/** The `data` of a `pusher:recovery_failed` event, as `channel.bind` receives it. */
export interface RecoveryFailed {
	reason: 'too_old' | 'history_lost' | 'no_history' | 'unavailable' | string;
}

/**
 * Adds missed-message recovery to a pusher-js instance (for laravel-echo:
 * `echo.connector.pusher`) and returns the same instance. Applying it twice does
 * nothing more.
 */
export function withRecovery<P extends Pusher>(pusher: P): P & { recovery: Recovery };

declare const _default: { withRecovery: typeof withRecovery };
export default _default;
