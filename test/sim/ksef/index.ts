// Entry for tests: start/stop a KSeF 2.0 simulator on a random port (contract in README.md).
import type { KsefSimOptions } from './core';
import { listen } from './server';

export type { KsefSimOptions } from './core';

export interface KsefSim {
  origin: string; // e.g. http://127.0.0.1:41234
  baseUrl: string; // origin + '/v2' (the KSeF API base, like https://api-test.ksef.mf.gov.pl/v2)
  close(): Promise<void>;
}

export async function startKsefSim(opts: KsefSimOptions = {}): Promise<KsefSim> {
  const { origin, close } = await listen(opts);
  return { origin, baseUrl: `${origin}/v2`, close };
}
