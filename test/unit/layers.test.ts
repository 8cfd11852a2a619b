/**
 * The layer rules of biome.jsonc (docs/architecture.md, "Layers") proven to fire: the repository's
 * own configuration is copied next to a small fixture tree that breaks each rule once, plus files
 * that import the same modules from folders where it is allowed, and Biome lints the tree. Removing
 * or weakening a rule in biome.jsonc makes this test fail; `npm run lint` then keeps the real tree
 * clean.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

const PURE = ['core', 'ksef', 'fa3', 'qr', 'base/api', 'pipeline', 'outbox', 'secrets', 'print', 'time'];
const PURE_FORBIDDEN = ['platform/browser', 'background/alarms', 'ui/i18n', 'content/widget', 'entrypoints/background'];
const CONTENT_FORBIDDEN = [
  'pipeline/send',
  'ksef/client',
  'fa3/build',
  'outbox/store',
  'secrets/store',
  'background/router',
];

/** `src/<from>/…` importing `src/<to>` (or `entrypoints/…`), with the relative specifier a person would write. */
function importer(from: string, to: string): string {
  const up = '../'.repeat(from.split('/').length + 1);
  const target = to.startsWith('entrypoints/') ? `${up}${to}` : `${up}src/${to}`;
  return `import { x } from '${target}';\nexport const y = x;\n`;
}

type Expected = Record<string, string[]>;

function fixture(): { files: Record<string, string>; expected: Expected } {
  const files: Record<string, string> = {};
  const expected: Expected = {};
  const bad = (path: string, text: string, rule: string) => {
    files[path] = text;
    expected[path] = [...(expected[path] ?? []), rule];
  };
  const restricted = 'lint/style/noRestrictedImports';

  PURE.forEach((folder) => {
    PURE_FORBIDDEN.forEach((to, i) => {
      bad(`src/${folder}/up${i}.ts`, importer(folder, to), restricted);
    });
    bad(`src/${folder}/global.ts`, 'export const id = chrome.runtime.id;\n', 'lint/style/noRestrictedGlobals');
  });
  CONTENT_FORBIDDEN.forEach((to, i) => {
    bad(`src/content/leak${i}.ts`, importer('content', to), restricted);
  });
  bad('entrypoints/leak.content.ts', "import { x } from '../src/ksef/client';\nexport const y = x;\n", restricted);
  bad('src/settings/words.ts', importer('settings', 'ui/i18n'), restricted);

  // A cycle through values, and one through a type only (type-only cycles count too).
  bad('src/ui/a.ts', "import { b } from './b';\nexport const a = () => b;\n", 'lint/suspicious/noImportCycles');
  bad('src/ui/b.ts', "import { a } from './a';\nexport const b = () => a;\n", 'lint/suspicious/noImportCycles');
  bad(
    'src/ui/page.ts',
    "import { tab } from './tab';\nexport type Page = { n: number };\nexport const page = tab;\n",
    'lint/suspicious/noImportCycles',
  );
  bad(
    'src/ui/tab.ts',
    "import type { Page } from './page';\nexport const tab = (p: Page) => p.n;\n",
    'lint/suspicious/noImportCycles',
  );

  // The same imports where they are allowed: no diagnostic expected.
  files['src/ui/allowed.ts'] =
    "import { a } from '../platform/browser';\nimport { b } from '../ksef/client';\nexport const y = [a, b];\n";
  files['src/background/allowed.ts'] = importer('background', 'pipeline/send');
  files['src/settings/allowed.ts'] = importer('settings', 'platform/browser');
  files['src/content/allowed.ts'] = importer('content', 'platform/browser');
  files['src/ksef/allowed.ts'] = importer('ksef', 'core/env');
  return { files, expected };
}

interface Diagnostic {
  category: string;
  location: { path: string };
}

let dir: string;
let found: Record<string, string[]>;
const { files, expected } = fixture();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'layers-'));
  copyFileSync(join(ROOT, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  let out: string;
  try {
    // Only the lint rules are under test here; formatting of the fixture is not.
    out = execFileSync(BIOME, ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { diagnostics: Diagnostic[] };
  found = {};
  for (const d of report.diagnostics) {
    const path = d.location.path.replace(/\\/g, '/');
    found[path] = [...(found[path] ?? []), d.category].sort();
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('layer rules in biome.jsonc', () => {
  it('refuses extension APIs and upper layers in every pure folder, src/core included', () => {
    for (const folder of PURE) {
      PURE_FORBIDDEN.forEach((to, i) => {
        expect(found[`src/${folder}/up${i}.ts`], `src/${folder} importing ${to}`).toEqual([
          'lint/style/noRestrictedImports',
        ]);
      });
      expect(found[`src/${folder}/global.ts`], `chrome in src/${folder}`).toEqual(['lint/style/noRestrictedGlobals']);
    }
  });

  it('keeps worker-side modules out of the content script', () => {
    CONTENT_FORBIDDEN.forEach((to, i) => {
      expect(found[`src/content/leak${i}.ts`], `content importing ${to}`).toEqual(['lint/style/noRestrictedImports']);
    });
    expect(found['entrypoints/leak.content.ts']).toEqual(['lint/style/noRestrictedImports']);
  });

  it('keeps the UI out of settings', () => {
    expect(found['src/settings/words.ts']).toEqual(['lint/style/noRestrictedImports']);
  });

  it('finds import cycles, type-only ones included', () => {
    for (const f of ['src/ui/a.ts', 'src/ui/b.ts', 'src/ui/page.ts', 'src/ui/tab.ts']) {
      expect(found[f], f).toEqual(['lint/suspicious/noImportCycles']);
    }
  });

  it('reports nothing else: the same imports pass where the layers allow them', () => {
    expect(Object.keys(found).sort()).toEqual(Object.keys(expected).sort());
  });
});
