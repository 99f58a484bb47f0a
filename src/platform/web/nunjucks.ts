import nunjucks from 'nunjucks';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from './locales/en.ts';
import { ukDateTime } from '../../kernel/time.ts';

const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** govuk-frontend's templates, found through Node's resolver rather than a fixed node_modules path. */
export const GOVUK_DIST = path.resolve(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend')), '..');

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const NUMBER_PLAIN = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, useGrouping: false });

/** 23 November 2026, as GOV.UK writes dates. */
export const formatDate = (iso: string | null | undefined): string => (iso ? DATE_FORMAT.format(new Date(`${iso}T00:00:00Z`)) : '');
export const formatShortDate = (iso: string | null | undefined): string => (iso ? SHORT_DATE.format(new Date(`${iso}T00:00:00Z`)) : '');
/** One decimal place at most: 12.5, 12, 1,234.5. */
export const formatNumber = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : NUMBER.format(x));
export const formatHours = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${formatNumber(x)} ${x === 1 ? 'hour' : 'hours'}`);
/** A ratio as a whole percentage: 0.924 → 92%. */
export const formatPercent = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${Math.round(x * 100)}%`);
/**
 * The number a page shows, as a number, for the downloads: rounded by formatNumber's own rules
 * (Intl rounds the shortest decimal form, 29.95 → 30, where toFixed gives 29.9).
 */
export const roundAsShown = (x: number): number => Number(NUMBER_PLAIN.format(x));
/** A ratio rounded to the whole percentage formatPercent shows, still as a fraction: 0.924 → 0.92. */
export const ratioAsShown = (x: number): number => Math.round(x * 100) / 100;

let environment: nunjucks.Environment | undefined;

/**
 * The one Nunjucks environment: autoescape on, templates named from src/ ("workload/pages/
 * team.njk") and govuk-frontend ("govuk/components/…"), filters for numbers and dates, and the
 * wording as `t`.
 */
export function pagesEnvironment(): nunjucks.Environment {
  if (environment) return environment;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([SRC_DIR, GOVUK_DIST]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('govukDate', formatDate);
  env.addFilter('shortDate', formatShortDate);
  env.addFilter('num', formatNumber);
  env.addFilter('hours', formatHours);
  env.addFilter('percent', formatPercent);
  // A moment (Date or ISO string) in UK local time: "2 December 2026 at 10:19".
  env.addFilter('ukTime', (at: Date | string | null | undefined) => (at ? ukDateTime(typeof at === 'string' ? new Date(at) : at) : ''));
  env.addGlobal('t', en);
  environment = env;
  return env;
}
