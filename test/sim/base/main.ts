/**
 * `npm run sim:base [-- --port 8787] [--month 2026-11 --count 200]`: serves the Base fake until
 * Ctrl+C. Prints the API URL, the token and the panel pages.
 */
import { parseArgs } from '../../../src/cli/args';
import { makeDemoDataset, makeMonthDataset } from './dataset';
import { SIM_TOKEN, startBaseSim } from './server';

const { opts } = parseArgs(process.argv.slice(2));
const port = typeof opts.port === 'string' ? Number(opts.port) : 8787;
const dataset =
  typeof opts.month === 'string' ? makeMonthDataset(opts.month, Number(opts.count ?? 200)) : makeDemoDataset();
const sim = await startBaseSim({ port, dataset });
process.stdout.write(
  [
    `Base fake: ${dataset.invoices.length} faktur`,
    `API:    POST ${sim.apiUrl}  (nagłówek X-BLToken: ${SIM_TOKEN})`,
    `Lista:  ${sim.origin}/invoices.php  (?page=2, ?variant=ajax, ?variant=unknown)`,
    `Zamówienie: ${sim.origin}/orders.php#order:<id>`,
    `Sterowanie: POST ${sim.origin}/__sim/invoices, POST ${sim.origin}/__sim/faults, GET ${sim.origin}/__sim/requests`,
    '',
  ].join('\n'),
);
const stop = () => {
  sim.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
