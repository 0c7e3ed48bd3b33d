// Baseline for benchmarks: Aedes with no hooks, on a TCP port — what the gateway costs on top of it.
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const aedes = await Aedes.createBroker({ maxClientsIdLength: 128 });
const server = createServer((socket) => aedes.handle(socket));
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => aedes.close(() => process.exit(0))));
