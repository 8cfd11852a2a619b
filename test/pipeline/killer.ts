/**
 * Simulated worker death for tests: every store write and every port call is a step; at step N
 * the "worker" dies (before the step, or after an outside-world step acted: the answer is lost),
 * and from then on everything it touches throws `Killed`.
 */
import type { OutboxStore } from '../../src/outbox/store';

export class Killed extends Error {
  constructor() {
    super('worker killed');
  }
}

export class Killer {
  count = 0;
  dead = false;
  steps: string[] = [];
  constructor(
    readonly killAt: number,
    readonly mode: 'before' | 'after',
  ) {}

  async step<T>(name: string, run: () => Promise<T>, external: boolean): Promise<T> {
    if (this.dead) throw new Killed();
    this.count++;
    this.steps.push(name);
    if (this.count === this.killAt && this.mode === 'before') {
      this.dead = true;
      throw new Killed();
    }
    const result = await run();
    // "after" only means something for the outside world: it acted, the answer is lost.
    if (this.count === this.killAt && this.mode === 'after' && external) {
      this.dead = true;
      throw new Killed();
    }
    return result;
  }

  guard(): void {
    if (this.dead) throw new Killed();
  }
}

const STORE_WRITES = new Set(['update', 'patch', 'apply', 'claim', 'release', 'setMeta']);

export function killableStore(store: OutboxStore, k: Killer): OutboxStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (STORE_WRITES.has(String(prop))) {
          return k.step(`store.${String(prop)}`, () => v.apply(target, args), false);
        }
        if (prop !== 'close') k.guard();
        return v.apply(target, args);
      };
    },
  });
}

export function killablePort<T extends object>(port: T, k: Killer, label: string): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) =>
        k.step(`${label}.${String(prop)}`, () => Promise.resolve(v.apply(target, args)), true);
    },
  });
}
