// The benchmark's upstream, in its own process so that it does not share a
// core's event loop with the client being measured. Fixed answers, keep-alive,
// and a count of token requests: GET /stats, POST /reset?tokenDelayMs=N.
import { createServer } from 'node:http';

const OK = JSON.stringify({ fulfillmentStatus: 'OK', orderId: 14, errorMessage: null });
let tokenRequests = 0;
let tokenDelayMs = 0;
let serial = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/client/order/fulfillment') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(OK) });
      return res.end(OK);
    }
    if (req.url === '/token') {
      tokenRequests++;
      const body = JSON.stringify({ access_token: `bench-${++serial}`, token_type: 'Bearer', expires_in: 3600 });
      return setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      }, tokenDelayMs);
    }
    if (req.url === '/stats') return res.end(JSON.stringify({ tokenRequests }));
    if (req.url?.startsWith('/reset')) {
      tokenRequests = 0;
      tokenDelayMs = Number(new URL(req.url, 'http://x').searchParams.get('tokenDelayMs') ?? 0);
      return res.end('{}');
    }
    res.writeHead(404).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
