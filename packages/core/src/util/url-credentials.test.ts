import { describe, expect, it } from "vitest";
import { hideUrlCredentials } from "./url-credentials.js";

describe("hideUrlCredentials", () => {
  it("hides a user name and password, valid URL or not", () => {
    expect(hideUrlCredentials("http://me:SECRET@host:99999/v1")).toBe("http://***@host:99999/v1");
    expect(hideUrlCredentials('"https://token@hf.example/model.gguf" is bad')).toBe(
      '"https://***@hf.example/model.gguf" is bad',
    );
  });

  it("hides a password that holds an @ or a colon, up to the host", () => {
    expect(hideUrlCredentials("http://me:p@ss:w@rd@host/v1?q=a@b")).toBe("http://***@host/v1?q=a@b");
  });

  it("hides the credentials of every URL in a text, and of a URL with no path", () => {
    expect(hideUrlCredentials("a http://u:1@x and HTTPS://u:2@y.")).toBe("a http://***@x and HTTPS://***@y.");
  });

  it("leaves URLs without credentials and e-mail addresses alone", () => {
    const text = "see http://host:8000/v1/path?mail=a@b.c or write to me@example.com";
    expect(hideUrlCredentials(text)).toBe(text);
  });
});
