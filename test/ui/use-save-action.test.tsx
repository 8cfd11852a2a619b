// @vitest-environment happy-dom
/** The options forms' shared busy flag and status line around a worker call. */
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/messaging';
import { type ActionOutcome, useSaveAction } from '../../src/ui/options/use-save-action';
import { FakeCommandError, fakePlatform, flush, mount } from './harness';

type Hook = ReturnType<typeof useSaveAction<'save' | 'check'>>;

/** Mounts a component holding the hook and shows its state as text, so a test reads both the
 * values the forms get and what the page shows. */
async function setup(lang: Lang = 'pl') {
  const box: { hook: Hook | null } = { hook: null };
  function Probe() {
    const hook = useSaveAction<'save' | 'check'>();
    box.hook = hook;
    return (
      <p>
        {hook.working ?? 'idle'}|{hook.status ? `${hook.status.kind}:${hook.status.text}` : 'none'}
      </p>
    );
  }
  const el = await mount(<Probe />, fakePlatform({}, { lang }));
  const current = () => box.hook as Hook;
  /** Starts an action whose outcome the test decides later. */
  const start = (what?: 'save' | 'check') => {
    let ok!: (v: ActionOutcome) => void;
    let fail!: (e: unknown) => void;
    const work = () =>
      new Promise<ActionOutcome>((resolve, reject) => {
        ok = resolve;
        fail = reject;
      });
    let result!: Promise<boolean>;
    act(() => {
      result = what ? current().run(work, what) : current().run(work);
    });
    const finish = async (how: (s: { ok: typeof ok; fail: typeof fail }) => void) => {
      how({ ok, fail });
      await flush();
      return result;
    };
    return { finish };
  };
  return { el, current, start };
}

describe('useSaveAction', () => {
  it('starts idle with no status', async () => {
    const { el, current } = await setup();
    expect(current().busy).toBe(false);
    expect(current().working).toBeNull();
    expect(el.textContent).toBe('idle|none');
  });

  it('is busy under the action name while the work runs, then shows its success text', async () => {
    const { el, current, start } = await setup();
    const run = start('save');
    await flush();
    expect(current().busy).toBe(true);
    expect(el.textContent).toBe('save|none');
    expect(await run.finish((s) => s.ok('Zapisano.'))).toBe(true);
    expect(current().busy).toBe(false);
    expect(el.textContent).toBe('idle|success:Zapisano.');
  });

  it("names an unnamed action 'busy'", async () => {
    const { el, start } = await setup();
    const run = start();
    await flush();
    expect(el.textContent).toBe('busy|none');
    await run.finish((s) => s.ok('ok'));
    expect(el.textContent).toBe('idle|success:ok');
  });

  it('shows a status of another kind as given', async () => {
    const { el, start } = await setup();
    await start().finish((s) => s.ok({ kind: 'info', text: 'Uzupełniono z Base.' }));
    expect(el.textContent).toBe('idle|info:Uzupełniono z Base.');
  });

  it('leaves the status alone when the work says nothing', async () => {
    const { el, current, start } = await setup();
    act(() => current().setStatus({ kind: 'info', text: 'wcześniej' }));
    await flush();
    expect(await start('check').finish((s) => s.ok(undefined))).toBe(true);
    expect(el.textContent).toBe('idle|info:wcześniej');
  });

  it("shows the worker's worded error and lowers the flag when the work fails", async () => {
    const { el, current, start } = await setup();
    expect(await start('save').finish((s) => s.fail(new FakeCommandError('Token KSeF jest nieprawidłowy.')))).toBe(
      false,
    );
    expect(current().busy).toBe(false);
    expect(el.textContent).toBe('idle|danger:Token KSeF jest nieprawidłowy.');
  });

  it('words a failure without a message, and a missing worker, in the page language', async () => {
    const pl = await setup('pl');
    await pl.start().finish((s) => s.fail('boom'));
    expect(pl.el.textContent).toBe('idle|danger:Wystąpił nieoczekiwany błąd rozszerzenia. Spróbuj ponownie.');
    const en = await setup('en');
    await en.start().finish((s) => s.fail(new Error('no reply')));
    expect(en.el.textContent).toBe('idle|danger:Cannot reach the extension. Reload the page.');
  });

  it('a later success replaces an earlier error', async () => {
    const { el, start } = await setup();
    await start().finish((s) => s.fail(new FakeCommandError('Brak sieci.')));
    expect(el.textContent).toBe('idle|danger:Brak sieci.');
    await start().finish((s) => s.ok('Zapisano.'));
    expect(el.textContent).toBe('idle|success:Zapisano.');
  });
});
