// @vitest-environment happy-dom
// The content script's context (src/platform/content-context.ts): a copy of the script that starts
// in the page stops the older copy, with the started-event wxt's own context uses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '../../src/platform/content-context';

beforeEach(() => {
  vi.stubGlobal('chrome', { runtime: { id: 'ext-id' } });
});
afterEach(() => vi.unstubAllGlobals());

describe('ContentScriptContext', () => {
  it('a newer copy of the same script invalidates the older one, once; another script is left alone', () => {
    const older = new ContentScriptContext('base-panel');
    const other = new ContentScriptContext('other-script');
    const stopped = vi.fn();
    const otherStopped = vi.fn();
    older.onInvalidated(stopped);
    other.onInvalidated(otherStopped);
    const newer = new ContentScriptContext('base-panel');
    const newerStopped = vi.fn();
    newer.onInvalidated(newerStopped);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(newerStopped).not.toHaveBeenCalled();
    new ContentScriptContext('base-panel');
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(newerStopped).toHaveBeenCalledTimes(1);
    expect(otherStopped).not.toHaveBeenCalled();
  });

  it('hears the event a copy built with wxt context sends, and a cancelled callback is not run', () => {
    const ctx = new ContentScriptContext('base-panel');
    const cancelled = vi.fn();
    const kept = vi.fn();
    const cancel = ctx.onInvalidated(cancelled);
    ctx.onInvalidated(kept);
    cancel();
    document.dispatchEvent(
      new CustomEvent('ext-id:base-panel:wxt:content-script-started', {
        detail: { contentScriptName: 'base-panel', messageId: 'from-a-newer-copy' },
      }),
    );
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
