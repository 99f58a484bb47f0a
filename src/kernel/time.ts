/**
 * Times as people in England read them: UK local time (GMT in winter, BST in summer), never UTC.
 * Dates in the register are whole days and stay as they are; these are for moments (a sign-in,
 * an audit event, an import). Pure.
 */
const UK = 'Europe/London';
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: UK });
const TIME_ONLY = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: UK });
const PARTS = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: UK });

/** "2 December 2026 at 10:19": the GOV.UK style for a date with a time. */
export function ukDateTime(at: Date): string {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** "10:19", UK local time. */
export const ukClock = (at: Date): string => TIME_ONLY.format(at);

/** The UK calendar day of a moment, as an ISO day ("2026-12-02"): what "today" means in a council. */
export function ukDay(at: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The same wall-clock reading as a Date whose UTC fields hold UK local time: for spreadsheets,
 * which have no time zones, so the cell shows what the page shows.
 */
export function ukWallClock(at: Date): Date {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? 0 : Number(p.hour);
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), hour, Number(p.minute), Number(p.second), at.getUTCMilliseconds()));
}

/** The UTC moment at which a UK local day begins (00:00 GMT or BST): for "from this date" filters. */
export function ukDayStart(isoDay: string): Date {
  const guess = new Date(`${isoDay}T00:00:00Z`);
  // London is UTC or UTC+1; the wall clock at the UTC midnight tells which.
  const offsetHours = ukWallClock(guess).getUTCHours();
  return new Date(guess.getTime() - offsetHours * 3_600_000);
}
