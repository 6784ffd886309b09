import { javascriptLanguage } from "@codemirror/lang-javascript";

/**
 * The 1-based line of the first syntax error in `code`, by the editor's own JavaScript parser
 * (Lezer), or null if it finds none. Used only to place an error the engine already reported.
 *
 * @example syntaxErrorLine("let a = 1;\nlet = ;") // 2
 */
export function syntaxErrorLine(code: string): number | null {
  const tree = javascriptLanguage.parser.parse(code);
  let position: number | null = null;
  tree.iterate({
    enter: (node) => {
      if (position !== null) return false;
      if (node.type.isError) {
        position = node.from;
        return false;
      }
      return undefined;
    },
  });
  if (position === null) return null;
  return code.slice(0, position).split("\n").length;
}
