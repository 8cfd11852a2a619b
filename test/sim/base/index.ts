/** Base fake: API server, panel pages and datasets (see server.ts for the control endpoints). */
export {
  type BaseDataset,
  DEMO_GOV_IDS,
  DEMO_SELLER,
  DEMO_SELLER_SETTINGS,
  DEMO_SERIES,
  type DemoCase,
  makeDemoDataset,
  makeMonthDataset,
  type RawInvoice,
  type RawItem,
  type RawSeries,
  totalsOfItems,
  warsawUnix,
} from './dataset';
export { type BaseSim, type FaultKind, SIM_TOKEN, startBaseSim } from './server';
