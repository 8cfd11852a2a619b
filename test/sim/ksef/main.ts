// CLI: npm run sim:ksef -- --port <port> [--env test|demo|prod] [--host h] [--rate-limits] [--delays a,b]
import { parseArgs } from 'node:util';
import { startKsefSim } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    env: { type: 'string', default: 'test' },
    'rate-limits': { type: 'boolean', default: false },
    delays: { type: 'string', default: '0,0' },
  },
});
const env = values.env;
if (env !== 'test' && env !== 'demo' && env !== 'prod') {
  console.error(`Nieznane środowisko "${env}": użyj test, demo albo prod.`);
  process.exit(2);
}
const [a = 0, b = 0] = values.delays.split(',').map(Number);
const sim = await startKsefSim({
  env,
  port: Number(values.port),
  host: values.host,
  rateLimits: values['rate-limits'],
  processingDelaysMs: [a, b],
});
console.log(`KSeF simulator: ${sim.baseUrl}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
