/**
 * "Zgłoś układ strony" in the worker (src/background/services/page-layout.ts): the file is saved
 * when the script runs in the tab; when the browser withholds access to the page (Firefox lets the
 * user do that) the seller is told so, instead of being asked to reload the page.
 */
import { resolveObjectURL } from 'node:buffer';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Services } from '../../src/background/services';
import { saveLayoutReport } from '../../src/background/services/page-layout';

const fake = vi.hoisted(() => ({
  granted: true,
  scriptFails: false,
  downloads: [] as { url: string; filename: string }[],
  asked: [] as string[][],
}));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    runtime: { getManifest: () => ({ version: '1.2.3' }) },
    permissions: {
      contains: async (p: { origins: string[] }) => {
        fake.asked.push(p.origins);
        return fake.granted;
      },
    },
    scripting: {
      executeScript: async () => {
        if (fake.scriptFails) throw new Error('Missing host permission for the tab');
        return [{ result: 'html\n  body' }];
      },
    },
    downloads: {
      download: async (o: { url: string; filename: string }) => {
        fake.downloads.push(o);
        return 1;
      },
    },
  },
}));

const svc = (lang: 'pl' | 'en') => ({ lang: async () => lang }) as unknown as Services;
const sender = { url: 'https://panel-e.baselinker.com/invoices.php?id=5', tab: { id: 7 } };

beforeEach(() => {
  fake.granted = true;
  fake.scriptFails = false;
  fake.downloads.length = 0;
  fake.asked.length = 0;
});

describe('saveLayoutReport', () => {
  it('saves the skeleton with the path, numbers blanked, as a download', async () => {
    const name = await saveLayoutReport(svc('pl'), sender);
    expect(name).toMatch(/^ksef-uklad-strony-\d{8}-\d{4}\.txt$/);
    expect(fake.downloads).toHaveLength(1);
    const url = fake.downloads[0]!.url;
    // Node has URL.createObjectURL (a blob: URL, as in Firefox); Chrome's worker gets a data: URL.
    const text = url.startsWith('blob:')
      ? await resolveObjectURL(url)!.text()
      : decodeURIComponent(url.replace(/^data:[^,]*,/, ''));
    expect(text).toContain('/invoices.php');
    expect(text).toContain('html\n  body');
    expect(text).not.toContain('id=5');
  });

  it('says the extension has no access to the page when the browser withholds it', async () => {
    fake.scriptFails = true;
    fake.granted = false;
    await expect(saveLayoutReport(svc('pl'), sender)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('nie ma w tej przeglądarce dostępu do tej strony'),
    });
    expect(fake.asked).toEqual([['https://panel-e.baselinker.com/*']]);
    await expect(saveLayoutReport(svc('en'), sender)).rejects.toThrow(/has no access to this Base panel page/);
    expect(fake.downloads).toHaveLength(0);
  });

  it('asks for a reload when access is granted but the script still failed', async () => {
    fake.scriptFails = true;
    await expect(saveLayoutReport(svc('pl'), sender)).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('Odśwież stronę'),
    });
  });
});
