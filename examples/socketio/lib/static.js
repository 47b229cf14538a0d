// @ts-check
'use strict';

// The page's files. Only the files listed here are served, so no request
// path ever reaches the file system: there is nothing to traverse.

const fs = require('node:fs');
const path = require('node:path');

const PUBLIC = path.join(__dirname, '..', 'public');

/** URL path -> [file, content type]. */
const FILES = new Map([
  ['/', ['index.html', 'text/html; charset=utf-8']],
  ['/index.html', ['index.html', 'text/html; charset=utf-8']],
  ['/app.js', ['app.js', 'text/javascript; charset=utf-8']],
  ['/view.js', ['view.js', 'text/javascript; charset=utf-8']],
  ['/style.css', ['style.css', 'text/css; charset=utf-8']],
  ['/favicon.svg', ['favicon.svg', 'image/svg+xml']],
]);

// The page loads only its own files and the socket.io client from this
// server, and talks only to it.
const CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} urlPath
 */
function serveStatic(req, res, urlPath) {
  const entry = FILES.get(urlPath);
  if (entry === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const [file, type] = entry;
  // Read per request: the files are small, and an edit shows on reload.
  fs.readFile(path.join(PUBLIC, file), (error, body) => {
    if (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('cannot read the page\n');
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

module.exports = { serveStatic };
