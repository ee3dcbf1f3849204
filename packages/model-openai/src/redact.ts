/** What a secret is replaced with wherever it would be shown. */
export const REDACTED = "***";

/**
 * Deletes every occurrence of `secret` from `text`. Error messages from servers and from the SDK may echo
 * request headers, so every message this package shows passes through here.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join(REDACTED);
}
