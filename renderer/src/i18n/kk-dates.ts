/**
 * Kazakh dates as they are written ("2022 жылғы 8 қаңтар"), made here because browsers without
 * Kazakh locale data print "2022 M01 8". Times are UTC parts of the value given.
 */
const MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

export function kazakhDay(date: Date, utc = true): string {
  const [year, month, day] = utc
    ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]
    : [date.getFullYear(), date.getMonth(), date.getDate()];
  return `${year} жылғы ${day} ${MONTHS[month]}`;
}

export function kazakhMonth(date: Date): string {
  return `${date.getUTCFullYear()} ж. ${MONTHS[date.getUTCMonth()]}`;
}

export function kazakhDateTime(date: Date): string {
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return `${kazakhDay(date, false)}, ${time}`;
}
