/** The quota day is the Norwegian calendar day (docs/contract.md#s7e: "Prøv igjen etter midnatt (norsk tid)"). */
const OSLO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface OsloParts {
  date: string;
  secondOfDay: number;
}

function osloParts(ms: number): OsloParts {
  const parts: Record<string, string> = {};
  for (const p of OSLO.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    secondOfDay: Number(parts['hour']) * 3600 + Number(parts['minute']) * 60 + Number(parts['second']),
  };
}

/** `YYYY-MM-DD` in Europe/Oslo. */
export function osloDate(ms: number): string {
  return osloParts(ms).date;
}

/** Whole seconds (≥ 1) until the next midnight in Europe/Oslo, DST changes included. */
export function secondsUntilOsloMidnight(ms: number): number {
  const wholeMs = Math.floor(ms / 1000) * 1000;
  let candidate = wholeMs + (86_400 - osloParts(wholeMs).secondOfDay) * 1000;
  // On a 23- or 25-hour day the naive guess lands an hour off midnight; correct it once.
  const landed = osloParts(candidate).secondOfDay;
  if (landed !== 0) candidate += (landed > 43_200 ? 86_400 - landed : -landed) * 1000;
  return Math.max(1, Math.round((candidate - ms) / 1000));
}
