/** Narrows an unknown error to a Node.js system error with a `code`. */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/**
 * A system error in words with its code once ("permission denied, EACCES"): the words `reasons` gives for
 * its code, else Node's message without the code in front and the path behind.
 */
export function systemErrorInWords(
  { message }: Error,
  code: string,
  reasons: Readonly<Record<string, string>>,
): string {
  const words = reasons[code] ?? message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
  return `${words}, ${code}`;
}
