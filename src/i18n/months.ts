/** The months slice: month names by 'MM', for labels like "listopad 2026" / "November 2026". */
import type { Texts } from './fill';

export type MonthKey = '10' | '11' | '12' | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09';

const pl: Record<MonthKey, string> = {
  '10': 'październik',
  '11': 'listopad',
  '12': 'grudzień',
  '01': 'styczeń',
  '02': 'luty',
  '03': 'marzec',
  '04': 'kwiecień',
  '05': 'maj',
  '06': 'czerwiec',
  '07': 'lipiec',
  '08': 'sierpień',
  '09': 'wrzesień',
};

const en: Record<MonthKey, string> = {
  '10': 'October',
  '11': 'November',
  '12': 'December',
  '01': 'January',
  '02': 'February',
  '03': 'March',
  '04': 'April',
  '05': 'May',
  '06': 'June',
  '07': 'July',
  '08': 'August',
  '09': 'September',
};

export const MONTH_TEXTS: Texts<MonthKey> = { pl, en };
