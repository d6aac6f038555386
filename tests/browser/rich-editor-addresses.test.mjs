// The rich editor's address rule (src/render/rich_editor/src/addresses.js),
// run under Node: the server's IsSafeUrl as a browser reads an address, and
// for images only what the CSP loads. The XSS audit (xss-audit.test.mjs)
// found pasted <a href="javascript:…"> kept as links and images of other
// schemes shown on the desk; the schema and the node views ask these.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_TIMEOUT } from './support/qalam.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '../../src/render/rich_editor/src/addresses.js');
let rule;

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'qalam-rich-addr-'));
  const out = path.join(dir, 'addresses.mjs');
  await new Promise((resolve, reject) => execFile('esbuild', [
    source, '--bundle', '--platform=node', '--format=esm', '--log-level=warning', `--outfile=${out}`,
  ], { timeout: CLI_TIMEOUT }, (err, _o, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())));
  rule = await import(pathToFileURL(out).href);
  await rm(dir, { recursive: true, force: true });
}, { timeout: CLI_TIMEOUT });

test('links: javascript:, vbscript:, file: and data: refused however written; other addresses kept', () => {
  const { safeAddress } = rule;
  for (const bad of ['javascript:xss(1)', 'JaVaScRiPt:xss(2)', ' \u0001javascript:xss(3)', 'jav\tascript:xss(4)',
    'java\nscript:xss(5)', 'jav\r\nascript:xss(6)', 'vbscript:msgbox(7)', 'file:///etc/passwd',
    'data:text/html,<script>xss(8)</script>', 'DATA:image/png;base64,AAAA', null, undefined]) {
    assert.equal(safeAddress(bad), false, JSON.stringify(bad));
  }
  for (const good of ['https://example.com/a', 'http://example.com/', '/article/x', 'a.html', '#top', 'mailto:a@example.com',
    'tel:+9621234', 'https://example.com/javascript:x', '?q=data:x']) {
    assert.equal(safeAddress(good), true, good);
  }
});

test('images: only a site path or an http(s) address is shown', () => {
  const { safeImageAddress, shownImage } = rule;
  for (const bad of ['x:xss(1)', 'ftp://example.com/a.png', 'FTP://example.com/a.png', 'cid:image001', ' x:y',
    'javascript:xss(2)', 'data:image/png;base64,AAAA', 'blob:https://example.com/1']) {
    assert.equal(safeImageAddress(bad), false, bad);
    assert.equal(shownImage(bad), '', `${bad} is shown without its address`);
  }
  for (const good of ['/media/a.jpg', 'https://example.com/a.jpg', 'HTTP://example.com/a.jpg', 'a.jpg', 'images/a:b.jpg']) {
    assert.equal(safeImageAddress(good), true, good);
    assert.equal(shownImage(good), good);
  }
});
