// The floor for item 5: a bare node:http server in its own process (as the app is) that reads
// the whole body and answers 202 with a small JSON body, doing none of the app's work. Prints
// its port on stdout and stops on SIGTERM.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const server = createServer((request, response) => {
  // Read and discard the body, as the app reads it before answering.
  request.resume();
  request.on('end', () => {
    const id = randomUUID();
    const body = JSON.stringify({ id, status: 'MOTTATT', href: `/api/saker/${id}` });
    response.writeHead(202, { 'content-type': 'application/json', location: `/api/saker/${id}` });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
