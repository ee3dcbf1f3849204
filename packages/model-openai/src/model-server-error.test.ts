import { describe, expect, it } from "vitest";
import { ModelServerError } from "./model-server-error.js";

describe("ModelServerError", () => {
  it("names the server and the model, then says what was wrong", () => {
    const error = new ModelServerError({
      serverUrl: "http://127.0.0.1:8080/v1",
      modelName: "stories",
      problem: "no-choices",
      detail: "the reply has no choices",
      attempts: 1,
    });
    expect(error.message).toBe("http://127.0.0.1:8080/v1 (model stories): the reply has no choices");
    expect(error).toMatchObject({ name: "ModelServerError", problem: "no-choices", status: undefined, attempts: 1 });
    expect(error).toBeInstanceOf(Error);
  });

  it("says how many attempts were made when it retried", () => {
    const error = new ModelServerError({
      serverUrl: "http://gpu1:8000/v1",
      modelName: "llama",
      problem: "http-status",
      detail: "the server answered 500: boom",
      status: 500,
      attempts: 3,
    });
    expect(error.message).toBe(
      "http://gpu1:8000/v1 (model llama): the server answered 500: boom; gave up after 3 attempts",
    );
    expect(error.status).toBe(500);
  });
});
