/**
 * Dates as pages and stories give them, compared by calendar day. Only forms
 * that say which day unambiguously are read: ISO dates ("2023-11-17",
 * "2023-11-17T21:30:00Z", what meta tags and JSON-LD carry) and dates with a
 * month name ("17 November 2023", "Nov. 17, 2023"). "12/01/2022" is 12
 * January in Dhaka and 1 December in New York: not read.
 */
const ISO_DAY = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NAMED_DAY =
  /\b(\d{1,2})\.?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b|\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/;
const DAY_MS = 86_400_000;

/** The calendar day a date string names, as days since 1970-01-01; null when it names none unambiguously. */
export function dayOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const iso = ISO_DAY.exec(text);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const named = NAMED_DAY.exec(text);
  if (!named) return null;
  const [day, month, year] = named[1] ? [named[1], named[2]!, named[3]!] : [named[5]!, named[4]!, named[6]!];
  const m = MONTHS.indexOf(month.toLowerCase());
  return m < 0 ? null : validDay(Number(year), m, Number(day));
}

function validDay(year: number, month: number, day: number): number | null {
  const t = Date.UTC(year, month, day);
  const d = new Date(t);
  // 2023-02-30 is not a day.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day ? t / DAY_MS : null;
}

/** Whole days between two dates; null when either is unknown. */
export function daysApart(a: string | null | undefined, b: string | null | undefined): number | null {
  const x = dayOf(a);
  const y = dayOf(b);
  return x === null || y === null ? null : Math.abs(x - y);
}
