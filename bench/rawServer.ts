// bench/http's baseline: a raw node:http handler answering the same JSON as the API, in its own
// process like the API (so neither shares a thread with the load generator). Started by bench/http
// with the answer in RAW_ANSWER; reports its port over IPC.
import http from 'node:http';

const answer = process.env.RAW_ANSWER ?? '{}\n';
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    JSON.parse(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as { port: number }).port));
process.on('disconnect', () => process.exit(0));
