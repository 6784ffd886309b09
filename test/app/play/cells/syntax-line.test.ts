import { describe, expect, it } from "vitest";
import { syntaxErrorLine } from "@/app/play/[code]/cells/syntax-line";

describe("syntaxErrorLine", () => {
  it("finds the line of the first syntax error", () => {
    expect(syntaxErrorLine("function linear(x) {\n  return [;\n}")).toBe(2);
    expect(syntaxErrorLine("const a = 1;\nconst b = 2;\nconst = 3;\n")).toBe(3);
  });

  it("is null for code that parses", () => {
    expect(
      syntaxErrorLine("function linear(x, w, b) {\n  return w.map((row, r) => row[0] * x[0] + b[r]);\n}"),
    ).toBeNull();
  });
});
