/**
 * Formats a date as SynDisco's `yy-MM-dd-HH-mm` timestamp (local time, as Python's `strftime` gives it).
 */
export function syndiscoTimestamp(date: Date = new Date()): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return [
    two(date.getFullYear() % 100),
    two(date.getMonth() + 1),
    two(date.getDate()),
    two(date.getHours()),
    two(date.getMinutes()),
  ].join("-");
}
