import { describe, expect, it } from "vitest";
import { TEACHER_COOKIE } from "@/server/http/teacher-auth";
import { readCookie } from "@/server/realtime/authenticate-socket";

describe("socket cookies", () => {
  it("reads the cookie the teacher pages set", () => {
    expect(readCookie(`theme=dark; ${TEACHER_COOKIE}=token123`, TEACHER_COOKIE)).toBe("token123");
  });

  it("finds one cookie among others, decoded, and ignores malformed or huge headers", () => {
    expect(readCookie("a=1; mlp_teacher=abc%2D123; b=2", "mlp_teacher")).toBe("abc-123");
    expect(readCookie("xmlp_teacher=1; mlp_teacher_old=2", "mlp_teacher")).toBeUndefined();
    expect(readCookie("mlp_teacher=%E0%A4%A", "mlp_teacher")).toBeUndefined();
    expect(readCookie(undefined, "mlp_teacher")).toBeUndefined();
    expect(readCookie(`mlp_teacher=${"x".repeat(10_000)}`, "mlp_teacher")).toBeUndefined();
  });
});
