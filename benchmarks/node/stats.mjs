// GET /bench/stats for the reference servers, in the shape the load generator reads from
// the Java benchmark server: process id, heap after an optional collection, CPU time.
export function stats(url, connections) {
	if (new URL(url, 'http://localhost').searchParams.get('gc') === 'true' && globalThis.gc) {
		globalThis.gc();
	}
	const cpu = process.cpuUsage();
	return JSON.stringify({
		pid: process.pid,
		heapUsed: process.memoryUsage().heapUsed,
		cpuNanos: (cpu.user + cpu.system) * 1000,
		connections,
		rawSessions: 0,
		threads: 1,
	});
}

// the whole body of a request, as a string
export function body(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

// --name=value arguments
export function options() {
	return Object.fromEntries(process.argv.slice(2).map((arg) => {
		const [name, ...value] = arg.replace(/^--/, '').split('=');
		return [name, value.join('=')];
	}));
}
