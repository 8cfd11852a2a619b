/** The support CLI exactly as the issue specifies: `npm run --silent cli -- fa3 …` and `… validate …`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEMO_SELLER, makeDemoDataset } from '../sim/base/dataset';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/** Through `npm run --silent cli` exactly as documented, or straight through tsx (same entry, less start-up). */
async function cli(
  args: string[],
  via: 'npm' | 'tsx' = 'tsx',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [cmd, pre] =
    via === 'npm' ? ['npm', ['run', '--silent', 'cli', '--']] : [`${root}node_modules/.bin/tsx`, ['src/cli/main.ts']];
  try {
    const r = await run(cmd as string, [...(pre as string[]), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

// Child processes on a shared 2-core machine can take long to start: a generous timeout, not a timing check.
describe('cli fa3 / validate', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fa3-cli-'));
  const ds = makeDemoDataset();
  const kind = (k: string) => ds.invoices.find((i) => ds.cases!.find((c) => c.invoiceId === i.invoice_id)?.kind === k)!;
  const seller = join(dir, 'seller.json');
  writeFileSync(seller, JSON.stringify(DEMO_SELLER));

  it('prints valid XML for a Base invoice, which `validate` then accepts', async () => {
    const inv = join(dir, 'oss.json');
    writeFileSync(inv, JSON.stringify(kind('oss-de')));
    const r = await cli(['fa3', '--invoice', inv, '--seller', seller, '--oss'], 'npm');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Faktura xmlns="http:\/\/crd.gov.pl\/wzor\/2025\/06\/25\/13775\/">/,
    );
    expect(r.stdout).toContain('<P_12_XII>19</P_12_XII>');
    const out = join(dir, 'out.xml');
    writeFileSync(out, r.stdout);
    const v = await cli(['validate', '--file', out], 'npm');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^POPRAWNY/);
  });

  it('applies --rules and prints a Polish error with exit 1 when the invoice cannot be converted', async () => {
    const inv = join(dir, 'zw.json');
    writeFileSync(inv, JSON.stringify(kind('zw-training')));
    const bad = await cli(['fa3', '--invoice', inv, '--seller', seller]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/podstawy zwolnienia.*\[ZW_BASIS_MISSING, pole: settings\.rules\.exemption\]/);
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ exemption: { basis: 'A', text: 'art. 43 ust. 1 pkt 29 ustawy' } }));
    const good = await cli(['fa3', '--invoice', inv, '--seller', seller, '--rules', rules]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('<P_19A>art. 43 ust. 1 pkt 29 ustawy</P_19A>');
  });

  it('rejects a broken XML file and missing options in Polish', async () => {
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"><Fa/></Faktura>');
    const v = await cli(['validate', '--file', broken]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^NIEPOPRAWNY/);
    const m = await cli(['fa3', '--seller', seller]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/brak wymaganej opcji --invoice/);
  });
});
