/**
 * The Polish calendar day of an instant. The Warsaw wall clock now lives in src/core/warsaw.ts;
 * this module keeps the old import path working for the folders that still use it.
 */
export { warsawDay } from '../core/warsaw';
