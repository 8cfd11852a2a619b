/** The send pipeline core. The worker builds one `Pipeline` per worker life. */
export { type AutoSendDeps, autoSendHighWater, autoSendTick } from './auto-send';
export { isMonth, isOfflineIssue, monthsBetween, warsawDay, warsawMidnight, warsawMonth } from './dates';
export { PipelineError, type RefusalCode } from './errors';
export type { ExportBatch, ExportJob } from './export';
export { govStatusName, isReasonCode, message, type ReasonCode } from './messages';
export { DEFAULT_OPTIONS as PIPELINE_DEFAULTS } from './options';
export {
  DEFAULT_OPTIONS,
  Pipeline,
  type PipelineDeps,
  type PipelineOptions,
  type SendOptions,
  WAKE,
} from './pipeline';
export * from './ports';
export { isBaseOwned, isConfigured, isSeriesEnabled, isSkipped } from './rules';
export { type PopupLists, popupLists, recentViews } from './summary';
export { blockFor, toView } from './view';
