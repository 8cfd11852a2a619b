/**
 * A stand-in for the worker's side of the content commands (messaging.ts CONTENT_COMMANDS): keeps
 * InvoiceViews in a map, answers like the protocol says, records every call.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sender } from '../../src/content/sender';
import { PANEL_LONG_TEXTS } from '../../src/i18n/panel-long';
import type { CommandName, InvoiceView, Req, Res } from '../../src/messaging';

export class FakeCommandError extends Error {
  constructor(readonly info: { code: string; message: string }) {
    super(info.message);
  }
}

export class FakeWorker {
  readonly views = new Map<string, InvoiceView>();
  readonly calls: { cmd: CommandName; req: unknown }[] = [];
  /** Makes the next call of a command fail with this message. */
  readonly failNext = new Map<CommandName, string>();
  qr: Res<'invoice.qr'> = { kod1Svg: null, kod2Svg: null };
  /** The longer texts the worker hands the panel (`panel.texts`), in its user's language. */
  texts: Record<string, string> = { ...PANEL_LONG_TEXTS.pl };
  /** What `invoice.send` turns an invoice into. */
  onSend: (v: InvoiceView) => InvoiceView = (v) => ({ ...v, state: 'processing', blocked: 'in-progress' });

  constructor(items: InvoiceView[] = []) {
    for (const v of items) this.views.set(v.invoiceId, v);
  }

  set(v: InvoiceView): void {
    this.views.set(v.invoiceId, v);
  }

  callsOf(cmd: CommandName): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.req);
  }

  readonly send: Sender = async <K extends CommandName>(cmd: K, req: Req<K>): Promise<Res<K>> => {
    this.calls.push({ cmd, req });
    await Promise.resolve();
    const fail = this.failNext.get(cmd);
    if (fail) {
      this.failNext.delete(cmd);
      throw new FakeCommandError({ code: 'busy', message: fail });
    }
    return this.answer(cmd, req) as Res<K>;
  };

  private answer(cmd: CommandName, req: unknown): unknown {
    const all = [...this.views.values()];
    switch (cmd) {
      case 'invoices.view': {
        const r = req as Req<'invoices.view'>;
        const found = all.filter((v) => r.invoiceIds.includes(v.invoiceId) || r.numbers?.includes(v.number));
        // Like the real worker (src/background/services/invoice-views.ts): an id it has not learnt from
        // Base yet comes back as an empty placeholder view.
        const placeholders = r.invoiceIds
          .filter((id) => !this.views.has(id))
          .map(() => ({ invoiceId: '', number: '' }));
        return { items: [...found, ...placeholders] };
      }
      case 'invoices.recent':
        return { items: all.slice(0, (req as Req<'invoices.recent'>).limit ?? 20) };
      case 'invoices.forOrder':
        return { items: all.filter((v) => v.orderId === (req as Req<'invoices.forOrder'>).orderId) };
      case 'invoice.send':
      case 'invoice.resend': {
        const v = this.views.get((req as { invoiceId: string }).invoiceId);
        if (!v) throw new FakeCommandError({ code: 'bad-request', message: 'Nie znam tej faktury.' });
        const next = this.onSend(v);
        this.views.set(next.invoiceId, next);
        return { item: next };
      }
      case 'invoice.qr':
        return this.qr;
      case 'invoice.openPrint':
      case 'options.open':
        return {};
      case 'panel.texts':
        return { texts: this.texts };
      case 'page.layout':
        return { fileName: 'ksef-uklad-strony-20260513-1015.txt' };
      default:
        throw new FakeCommandError({ code: 'forbidden', message: `not for content: ${cmd}` });
    }
  }
}

/** A fixture page's <body> content (scripts are not run by happy-dom's innerHTML). */
export function fixtureBody(name: string): string {
  const html = readFileSync(resolve(import.meta.dirname, '../fixtures/base', name), 'utf8');
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return m?.[1] ?? html;
}

/** The invoices of test/fixtures/base/invoice-list.html, as the worker would describe them. */
export function listViews(): InvoiceView[] {
  return [
    { invoiceId: '48211937', number: '214/05/2026/FV', orderId: '91822410', buyerName: 'Nowak Serwis Sp. z o.o.' },
    { invoiceId: '48211938', number: '215/05/2026/FV', orderId: '91822411', buyerName: 'Jan Kowalski' },
    { invoiceId: '48211939', number: '7/05/2026/EXP', orderId: '91822412', buyerName: 'Müller GmbH' },
  ];
}
