import { before, after } from 'node:test';
import assert from 'node:assert/strict';
// Shared helpers for the browser suite: where things are, a throwaway site
// served by the real `qalam` binary, Debian's chromium, and a watcher that
// collects everything a page should never do (console errors, uncaught
// exceptions, CSP violations, failed or 4xx/5xx requests, cookies).
//
// Not a test file itself: `node --test tests/browser/` only runs *.test.mjs.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, readFile, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const suiteDir = path.resolve(here, '..'); // tests/browser

// ctest passes absolute paths; the defaults suit a developer running
// `node --test tests/browser/` from a checkout built in build/.
export const QALAM_BIN = path.resolve(process.env.QALAM_BIN || path.join(suiteDir, '../../build/qalam'));
export const QALAM_SHARED = path.resolve(process.env.QALAM_SHARED || path.join(suiteDir, '../../../shared'));
export const QALAM_ARTIFACTS = path.resolve(process.env.QALAM_ARTIFACTS || path.join(suiteDir, '../../build/artifacts'));
export const SEED_JSONL = path.join(QALAM_SHARED, 'seed', 'seed-article.jsonl');
export const SEED_TEXT = path.join(QALAM_SHARED, 'seed', '000_229becc0b74d6457.txt');

export const CHROMIUM = process.env.QALAM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Budgets (milliseconds). Every wait in the suite is bounded by one of these.
export const CLI_TIMEOUT = 30_000;     // one `qalam init` / `qalam import`
export const SERVE_TIMEOUT = 15_000;   // from spawn to the "serving … at URL" line
export const STOP_TIMEOUT = 10_000;    // from SIGTERM to exit
export const LAUNCH_TIMEOUT = 60_000;  // chromium start
export const ACTION_TIMEOUT = 15_000;  // one navigation, click or wait in a page
export const HOOK_TIMEOUT = 120_000;   // a before()/after() hook
export const TEST_TIMEOUT = 180_000;   // one test

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${ms} ms)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function run(args) {
  return new Promise((resolve, reject) => {
    execFile(QALAM_BIN, args, { timeout: CLI_TIMEOUT, killSignal: 'SIGKILL', encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`qalam ${args.join(' ')} failed (${err.killed ? 'timed out' : `exit ${err.code}`}):\n${stderr}${stdout}`));
        } else {
          resolve({ stdout, stderr });
        }
      });
  });
}

/** The seed article in the interchange format (the one line of seed-article.jsonl). */
export async function readSeed() {
  const lines = (await readFile(SEED_JSONL, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return JSON.parse(lines[0]);
}

/** Line `n` (1-based) of the seed page's visible text, trimmed. */
export async function seedTextLine(n) {
  const lines = (await readFile(SEED_TEXT, 'utf8')).split('\n');
  return lines[n - 1].trim();
}

const live = new Set(); // Servers to kill if the test process goes away early.
process.on('exit', () => { for (const child of live) child.kill('SIGKILL'); });

/**
 * A new site in a temp directory: `qalam init`, the seed imported, and
 * `qalam serve` on a free loopback port. Returns { url, dataDir, stop },
 * where stop() sends SIGTERM, waits for the exit and removes the directory;
 * it resolves to { code, signal } of the server's exit.
 *
 * With `clock` (UTC seconds) the server reads the time from a file
 * (`serve --clock-file`) that starts at `clock`; the result then also has
 * setClock(seconds), which moves the site's time.
 */
export async function startSite({ clock } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'qalam-browser-'));
  const dataDir = path.join(root, 'site');
  let child;
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    await run(['init', '--data', dataDir]);
    await run(['import', '--data', dataDir, SEED_JSONL]);

    const serveArgs = ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--access-log', 'off'];
    const clockFile = path.join(root, 'clock');
    if (clock !== undefined) {
      await writeClock(clockFile, clock);
      serveArgs.push('--clock-file', clockFile);
    }
    child = spawn(QALAM_BIN, serveArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(child);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }));
    let stderr = '';
    child.stderr.setEncoding('utf8');
    const url = await withTimeout(new Promise((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        if (stderr.length < 64 * 1024) stderr += chunk; // Keep draining the pipe; keep a bounded copy.
        const m = /^qalam: serving .* at (http:\/\/127\.0\.0\.1:\d+)\/\s*$/m.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('error', reject);
      exited.then(({ code, signal }) => reject(new Error(
        `qalam serve exited (${code ?? signal}) before printing its address:\n${stderr}`)));
    }), SERVE_TIMEOUT, 'qalam serve did not print "qalam: serving … at http://127.0.0.1:PORT/"');

    let stopped;
    const stop = () => {
      stopped ??= (async () => {
        try {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          try {
            return await withTimeout(exited, STOP_TIMEOUT, 'qalam serve did not exit after SIGTERM');
          } catch (err) {
            child.kill('SIGKILL');
            await exited;
            throw err;
          }
        } finally {
          await cleanup();
        }
      })();
      return stopped;
    };
    const site = { url, dataDir, stop, stderr: () => stderr };
    if (clock !== undefined) site.setClock = (seconds) => writeClock(clockFile, seconds);
    return site;
  } catch (err) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await cleanup();
    throw err;
  }
}

/** Debian's chromium through playwright-core; never a downloaded browser. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: LAUNCH_TIMEOUT,
  });
}

/** A new context (own cookie jar) with the suite's page timeouts. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'ar', ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
  // Collect CSP violations as the page sees them (the console message is a
  // second witness). Init scripts are injected by the browser, not inline,
  // so they are not themselves subject to the page's CSP.
  await context.addInitScript(() => {
    window.__qalamCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__qalamCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return context;
}

/**
 * Watches a page for what a reader's page must never do. problems lists
 * them as strings; check() adds the CSP violations the page recorded.
 * `allowCookies` is for the newsroom desk (/admin), whose pages do sign
 * people in: everything else is still watched.
 */
export function watch(page, { allowCookies = false } = {}) {
  const problems = [];
  const responses = [];
  const pending = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // ERR_ABORTED is the browser cancelling a request itself, typically the
    // icon of a page we navigate away from: not the site's fault. A server
    // that fails shows as another error or as a 4xx/5xx status.
    const why = req.failure()?.errorText || '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${why})`);
  });
  page.on('response', (res) => {
    responses.push(res);
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    pending.push(res.headerValue('set-cookie').then(
      (cookie) => { if (cookie && !allowCookies) problems.push(`Set-Cookie from ${res.url()}: ${cookie}`); },
      () => {}));
  });
  return {
    problems,
    responses,
    /**
     * Call after each document is done with (before leaving it): waits for
     * the header checks and adds the CSP violations the document recorded.
     */
    async settle() {
      const seen = await page.evaluate(() => window.__qalamCsp || []).catch(() => []);
      for (const v of seen) problems.push(`CSP violation on ${page.url()}: ${v}`);
      await withTimeout(Promise.all(pending.splice(0)), ACTION_TIMEOUT, 'response header checks');
    },
  };
}

/** The two sizes every journey is looked at: a phone and a desktop. */
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
};

/** Fails unless the page is right-to-left and no wider than `width`. */
export async function fitsScreen(page, where, width) {
  const m = await page.evaluate(() => ({
    dir: document.documentElement.dir,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.equal(m.dir, 'rtl', `${where}: <html dir>`);
  assert.ok(m.scrollWidth <= width && m.innerWidth <= width,
    `${where}: wider than the screen (${width}): scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}`);
}

export async function ensureArtifacts() {
  await mkdir(QALAM_ARTIFACTS, { recursive: true });
  return QALAM_ARTIFACTS;
}

/** Collapses runs of white space, so text from innerText compares simply. */
export function squash(s) {
  return s.replace(/\s+/g, ' ').trim();
}


/**
 * Registers the hooks every browser test file needs: before all tests, a
 * fresh seeded site on a free port and a chromium; after them, both closed,
 * and the server must have exited 0 on SIGTERM. Returns an object whose
 * `site`, `browser` and `seed` are set once the hook has run; `ready(env)`,
 * if given, runs at the end of that hook. `siteOptions` go to startSite().
 */
export function useSite(ready, siteOptions = {}) {
  const env = {};
  before(async () => {
    env.seed = await readSeed();
    env.site = await startSite(siteOptions);
    env.browser = await launchBrowser();
    if (ready) await ready(env);
  }, { timeout: HOOK_TIMEOUT });
  after(async () => {
    try {
      if (env.browser) await withTimeout(env.browser.close(), STOP_TIMEOUT, 'closing chromium');
    } finally {
      if (env.site) {
        const { code, signal } = await env.site.stop();
        assert.equal(code, 0, `qalam serve should exit 0 on SIGTERM (got ${code ?? signal})`);
      }
    }
  }, { timeout: HOOK_TIMEOUT });
  return env;
}

/**
 * Writes the clock file of a site started with startSite({ clock }): to a
 * new file renamed over the old, so the server never reads a half-written
 * (empty) file and falls back to the real time.
 */
async function writeClock(file, seconds) {
  const next = `${file}.next`;
  await writeFile(next, `${Math.floor(seconds)}\n`);
  await rename(next, file);
}

/** Runs `qalam ARGS…` to completion; resolves to { stdout, stderr }. */
export function qalam(args) {
  return run(args);
}

/**
 * Makes a newsroom account with `qalam user add` and returns the path and
 * query of its one-time set-password link (`/admin/set-password?token=…`),
 * to be opened against the test server (the link's origin is the server's
 * own address while one runs and site_url is the default, else site_url).
 * Setting the password through it signs the person in.
 */

export async function addUser(dataDir, { role, email, name }) {
  const { stdout } = await run(['user', 'add', '--data', dataDir, '--role', role, '--email', email, '--name', name]);
  const m = /\/admin\/set-password\?token=[A-Za-z0-9_-]+/.exec(stdout);
  if (!m) throw new Error(`qalam user add printed no set-password link:\n${stdout}`);
  return m[0];
}
