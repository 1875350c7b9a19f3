// Bench child: the physical limit — a bare node:http server answering a fixed JSON body (the same
// size as a real check) to every request, after reading the request body. Counts requests.
import { createServer } from 'node:http';

let body = Buffer.from('{}');
let count = 0;
const server = createServer((req, res) => {
  if (req.url === '/__count') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count }));
    return;
  }
  count++;
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send?.({ origin: `http://127.0.0.1:${server.address().port}` }));
process.on('message', (m) => {
  if (m?.body) {
    body = Buffer.from(m.body);
    process.send?.({ ok: true });
  }
  if (m === 'reset') {
    count = 0;
    process.send?.({ ok: true });
  }
  if (m === 'stop') server.close(() => process.exit(0)) && server.closeAllConnections();
});
