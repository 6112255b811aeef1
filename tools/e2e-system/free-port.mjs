// A free loopback port for a child process that must be told its port up front (n8n's servers,
// the case-system app), so nobody has to parse a log to find where it listens.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
