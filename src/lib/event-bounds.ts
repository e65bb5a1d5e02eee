/**
 * How far a recurring series may go: at most MAX_OCCURRENCES dates, none more than MAX_YEARS after
 * the first. Its own module, without imports, so that the series' expansion (event-series.ts, run
 * by the seeder in plain Node too) and the pages (through words/events.ts) say the same bounds.
 */
export const MAX_OCCURRENCES = 200;
export const MAX_YEARS = 2;
