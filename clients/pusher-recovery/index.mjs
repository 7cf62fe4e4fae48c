// The ES module entry: `import { withRecovery } from 'sockets-pusher-recovery'`.
// Node and bundlers load the one CommonJS source; there is no second copy to keep in step.
import recovery from './pusher-recovery.js';

export const withRecovery = recovery.withRecovery;
export default recovery;
