/**
 * The user-information part of a URL (`user:password@`) right after its scheme. It runs up to the last `@`
 * before the host's end (`/`, `\`, `?`, `#` or whitespace), as URL parsers read it, so that an `@` inside a
 * password cannot leave the rest of the password behind.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/\\?#]*@/gi;

/**
 * Text with the user name and password of every URL in it replaced by `***`
 * (`http://me:secret@host/v1` becomes `http://***@host/v1`). Use it on every message or log line that may
 * show a URL a user gave: such URLs can carry credentials, which must never be printed, even in part.
 * Apply it before any shortening, since a cut between the password and its `@` hides what to remove.
 */
export function hideUrlCredentials(text: string): string {
  return text.replace(USERINFO, "$1***@");
}
