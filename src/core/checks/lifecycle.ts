/**
 * lifecycle_announcement: a response that announces its operation's end
 * (Deprecation, Sunset, or a deprecation/sunset Link) is reported on every
 * response, with the dates and links parsed: a warning, and an error once the
 * sunset is within `sunsetWithinDays` or has passed. A header that cannot be
 * read is a warning that quotes it. Titles name the announcement, so that a
 * repeated one keeps its fingerprint and a changed date makes a new one.
 */
import {
  announcementDetails,
  announcementTitle,
  DEFAULT_SUNSET_WITHIN_DAYS,
  readLifecycle,
  sunsetIsNear,
} from '../lifecycle.js';
import { API_NAME } from '../spec.js';
import type { Diagnostic } from '../diagnostic.js';
import { type Check, defineCheck } from './define.js';

export interface LifecycleOptions {
  /** The clock the dates are judged against. @default () => new Date() */
  readonly now?: () => Date;
  /** From how many days before a sunset its announcement is an error. @default 90 */
  readonly sunsetWithinDays?: number;
}

export const LIFECYCLE_CHECK = 'lifecycle_announcement';

/** What a message ends with when the sunset is near; `judgeSunset` takes it off again before judging anew. */
const nearNote = (days: number) => ` within ${days} days (--sunset-within)`;
const NEAR_NOTE = / within \d+ days \(--sunset-within\)$/;

/**
 * A lifecycle finding judged against a number of days: an error when its
 * sunset is that near (or has passed), a warning otherwise; any other finding
 * as it is. The check judges with its own options; `--sunset-within` judges
 * a run's findings again with this.
 */
export function judgeSunset<D extends Diagnostic>(days: number, now: Date = new Date()): (d: D) => D {
  return (d) => {
    if (d.check !== LIFECYCLE_CHECK || !d.lifecycle?.sunset) return d;
    const near = sunsetIsNear(d.lifecycle.sunset, now, days);
    const message = `${d.message.replace(NEAR_NOTE, '')}${near ? nearNote(days) : ''}`;
    return { ...d, severity: near ? 'error' : 'warning', message };
  };
}

export function lifecycleAnnouncement(options: LifecycleOptions = {}): Check {
  const days = options.sunsetWithinDays ?? DEFAULT_SUNSET_WITHIN_DAYS;
  return defineCheck(LIFECYCLE_CHECK, (exchange, report) => {
    const read = readLifecycle(exchange.response.headers, exchange.request?.url);
    if (!read) return;
    const { lifecycle, problems } = read;
    for (const problem of problems) report.warning('Unreadable lifecycle header', 'response.headers', problem);
    if (!lifecycle.deprecation && !lifecycle.sunset && !lifecycle.deprecationLink && !lifecycle.sunsetLink) return;
    const now = options.now?.() ?? new Date();
    const operation = `${exchange.operation.method.toUpperCase()} ${exchange.operation.path}`;
    const title = announcementTitle(API_NAME, operation, lifecycle, now);
    const location = lifecycle.sunset ? 'response.headers.sunset' : 'response.headers.deprecation';
    const near = lifecycle.sunset !== undefined && sunsetIsNear(lifecycle.sunset, now, days);
    const message = `${announcementDetails(lifecycle)}${near ? nearNote(days) : ''}`;
    // About the operation, not one status: the same announcement on a 200 and a 400 is one finding.
    (near ? report.error : report.warning)(title, location, message, { lifecycle, status: undefined });
  });
}

/**
 * Tells each announcement of deprecation or sunset once: the filter is false
 * for one already told under the same key (the last `max` keys remembered),
 * and true for every other finding. The client keys by what it says, a run by
 * its fingerprint.
 */
export function announcementsOnce(max = Number.POSITIVE_INFINITY): (finding: Diagnostic, key: string) => boolean {
  const told = new Set<string>();
  return (finding, key) => {
    if (finding.check !== LIFECYCLE_CHECK) return true;
    if (told.has(key)) return false;
    if (told.size >= max) told.delete(told.values().next().value!);
    told.add(key);
    return true;
  };
}
