// Static guards for the bundled viewer (viewer.md §1): strict-CSP clean, no remote resources,
// context-path safe, modules import-safe in Node (except the entry point), size limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, relative, dirname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { VIEWER } from './paths.mjs';

const ROOT = fileURLToPath(VIEWER);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(ROOT);
const rel = (p) => relative(ROOT, p);
const jsFiles = files.filter((p) => p.endsWith('.js'));
const read = (p) => readFileSync(p, 'utf8');

// The static servlet serves only these extensions (api.md §3.18).
const SERVED = ['.html', '.htm', '.js', '.mjs', '.css', '.map', '.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff', '.woff2', '.ttf', '.otf', '.txt', '.wasm', '.webmanifest'];

test('index.html: module entry, no inline script, handler or style, relative URLs only', () => {
  const html = read(join(ROOT, 'index.html'));
  assert.match(html, /<script type="module" src="js\/app\.js"><\/script>/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'every script has a src');
    assert.equal(body.trim(), '', 'no inline script body');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attributes');
  assert.doesNotMatch(html, /<style\b/i, 'no <style> blocks');
  assert.doesNotMatch(html, /<base\b/i, 'no <base>: URLs resolve against the page');
  for (const [, url] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    assert.ok(!url.startsWith('/') && !/^[a-z]+:/i.test(url), `relative URL expected: ${url}`);
  }
  for (const id of ['app', 'main-content']) assert.match(html, new RegExp(`id="${id}"`), `#${id} test hook`);
});

test('scripts: no eval, no HTML injection, no inline styles, no root-absolute or remote URLs', () => {
  const forbidden = [
    [/\beval\s*\(/, 'eval'],
    [/\bnew\s+Function\s*\(/, 'new Function'],
    [/set(?:Timeout|Interval)\s*\(\s*['"`]/, 'string timers'],
    [/\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write/, 'HTML injection (use textContent / h())'],
    [/setAttribute\(\s*['"]style['"]|\.style\.cssText|\.setAttribute\(\s*['"]on/, 'inline style/handler attributes'],
    [/(?:fetch|apiUrl|new URL)\(\s*['"`]\//, 'root-absolute request path'],
    [/(?:href|src)\s*:\s*['"`]\//, 'root-absolute link'],
  ];
  for (const file of jsFiles) {
    const src = read(file);
    for (const [re, what] of forbidden) assert.doesNotMatch(src, re, `${rel(file)}: ${what}`);
    const remote = [...src.matchAll(/https?:\/\/[^\s'"`)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
    assert.deepEqual(remote, [], `${rel(file)}: remote URLs`);
  }
});

test('css: no remote resources, no imports', () => {
  for (const file of files.filter((p) => p.endsWith('.css'))) {
    const css = read(file);
    assert.doesNotMatch(css, /@import/, rel(file));
    assert.doesNotMatch(css, /url\(\s*['"]?(?:https?:)?\/\//, `${rel(file)}: remote url()`);
  }
});

test('every viewer file is servable by the static servlet', () => {
  for (const file of files) {
    const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
    assert.ok(SERVED.includes(ext), `${rel(file)} would not be served (extension ${ext})`);
    assert.ok(!rel(file).split(/[\\/]/).some((seg) => seg.startsWith('.')), `${rel(file)}: hidden segment`);
  }
});

test('relative imports resolve to existing files with explicit .js extensions', () => {
  for (const file of jsFiles) {
    for (const [, spec] of read(file).matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      assert.ok(spec.startsWith('./') || spec.startsWith('../'), `${rel(file)}: bare import ${spec}`);
      assert.ok(spec.endsWith('.js'), `${rel(file)}: import without .js: ${spec}`);
      assert.ok(existsSync(resolve(dirname(file), spec)), `${rel(file)}: missing ${spec}`);
    }
  }
});

test('modules stay below about 600 lines', () => {
  for (const file of jsFiles) {
    const lines = read(file).split('\n').length;
    assert.ok(lines <= 620, `${rel(file)} has ${lines} lines`);
  }
});

test('every module except the entry point imports in Node (no browser access at import time)', async () => {
  for (const file of jsFiles) {
    if (rel(file) === join('js', 'app.js')) continue;
    await assert.doesNotReject(import(pathToFileURL(file).href), rel(file));
  }
});

test('the entry point is syntactically valid', () => {
  assert.doesNotThrow(() => execFileSync(process.execPath, ['--check', join(ROOT, 'js', 'app.js')], { stdio: 'pipe' }));
});
