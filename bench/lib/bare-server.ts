/**
 * The runtime's own limit, for `npm run bench:http`: a bare `node:http` server that answers every
 * request with the same bytes and content type (a page the benchmark captured from Newsdesk), and
 * nothing else — no routing, no headers beyond what `http` adds. Run as a child process:
 *
 *   node bench/lib/bare-server.ts <port> <body-file> <content-type>
 */
import fs from 'node:fs';
import http from 'node:http';

const [port, file, contentType] = process.argv.slice(2);
const body = fs.readFileSync(file!);
const headers = { 'content-type': contentType!, 'content-length': String(body.length) };
http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));
