// @vitest-environment happy-dom
// The content script's context (src/platform/content-context.ts): a copy of the script that starts
// in the page stops the older copy, with the started-event wxt's own context uses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '../../src/platform/content-context';

const runtime: { id?: string | undefined } = { id: 'ext-id' };
beforeEach(() => {
  runtime.id = 'ext-id';
  vi.stubGlobal('chrome', { runtime });
});
afterEach(() => vi.unstubAllGlobals());

describe('ContentScriptContext', () => {
  it('a newer copy of the same script invalidates the older one, once; another script is left alone', () => {
    const older = new ContentScriptContext('base-panel');
    const other = new ContentScriptContext('other-script');
    const stopped = vi.fn();
    older.onInvalidated(stopped);
    expect(older.isValid).toBe(true);
    const newer = new ContentScriptContext('base-panel');
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(older.isInvalid).toBe(true);
    expect(newer.isValid).toBe(true);
    expect(other.isValid).toBe(true);
    new ContentScriptContext('base-panel');
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(newer.isInvalid).toBe(true);
  });

  it('hears the event a copy built with wxt context sends, and a cancelled callback is not run', () => {
    const ctx = new ContentScriptContext('base-panel');
    const cb = vi.fn();
    const cancel = ctx.onInvalidated(cb);
    cancel();
    document.dispatchEvent(
      new CustomEvent('ext-id:base-panel:wxt:content-script-started', {
        detail: { contentScriptName: 'base-panel', messageId: 'from-a-newer-copy' },
      }),
    );
    expect(ctx.isInvalid).toBe(true);
    expect(cb).not.toHaveBeenCalled();
  });

  it('is invalid once the extension runtime is gone (extension reloaded)', () => {
    const ctx = new ContentScriptContext('base-panel');
    const stopped = vi.fn();
    ctx.onInvalidated(stopped);
    runtime.id = undefined;
    expect(ctx.isInvalid).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
  });
});
