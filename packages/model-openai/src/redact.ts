import { hideUrlCredentials } from "@syndisco/core";

/** What a secret is replaced with wherever it would be shown. */
export const REDACTED = "***";

/**
 * The shortest piece of a secret that is removed where the secret was cut off. Shorter pieces would also
 * match ordinary words; three characters are at most a key's well-known prefix (`sk-`).
 */
export const MIN_PARTIAL_SECRET = 4;

/**
 * Text with the secret taken out, whole or in part, and with the credentials of any URL in it hidden.
 *
 * Error messages from servers may echo request headers, and a server or proxy may cut its
 * message short in the middle of the key, so besides every whole occurrence this removes every run of at
 * least {@link MIN_PARTIAL_SECRET} characters that is the beginning of the secret (a cut after it) and a
 * run at the very start of the text that is the end of the secret (a cut before it). Every message this
 * package shows passes through here, before any shortening of its own.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  const withoutUrlCredentials = hideUrlCredentials(text);
  if (!secret) return withoutUrlCredentials;
  return redactPartialSecret(withoutUrlCredentials.split(secret).join(REDACTED), secret);
}

/**
 * A server's own words, shown in an error: the secret removed first, then cut to `maxLength` characters.
 * Cutting first could leave the front part of a key that the cut separated from its end.
 */
export function quoteServerText(text: string, maxLength: number, secret: string | undefined): string {
  const clean = redactSecret(text, secret);
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

function redactPartialSecret(text: string, secret: string): string {
  const minimum = Math.min(MIN_PARTIAL_SECRET, secret.length);
  let result = "";
  let position = 0;
  const leading = longestSuffixAtStart(text, secret);
  if (leading >= minimum) {
    result = REDACTED;
    position = leading;
  }
  while (position < text.length) {
    const matched = commonPrefixLength(text, position, secret);
    if (matched >= minimum) {
      result += REDACTED;
      position += matched;
    } else {
      result += text[position];
      position += 1;
    }
  }
  return result;
}

/** How many characters of `secret`, from its start, `text` holds at `position`. */
function commonPrefixLength(text: string, position: number, secret: string): number {
  let length = 0;
  while (length < secret.length && text[position + length] === secret[length]) length += 1;
  return length;
}

/** The length of the longest end of `secret` that `text` begins with. */
function longestSuffixAtStart(text: string, secret: string): number {
  for (let length = Math.min(secret.length, text.length); length > 0; length -= 1) {
    if (text.startsWith(secret.slice(secret.length - length))) return length;
  }
  return 0;
}
