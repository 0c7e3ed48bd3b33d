// A free TCP port on loopback, for servers started on ports of their own (throwaway PostgreSQL and
// Redis servers, local clusters, tests and benchmarks). Another process may take it before it is
// bound: callers that start a server on it try again on "address in use".
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
