"use client";

import { javascript } from "@codemirror/lang-javascript";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";

type CodeEditorProps = {
  /** The text when the editor is created; later changes come from the student. */
  initialCode: string;
  /** Accessible name of the editing area. */
  label: string;
  onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter runs the cell. */
  onRun: () => void;
};

/** The keys that run the cell: Ctrl+Enter and Cmd+Enter (CodeMirror's names). */
const RUN_KEYS = ["Ctrl-Enter", "Meta-Enter"] as const;

/**
 * CodeMirror 6 with JavaScript highlighting. Uncontrolled: the text lives in CodeMirror; `key` the
 * component to start over. Tab is left to the browser (no indentWithTab), so keyboard users can
 * leave the editor; Ctrl/Cmd+Enter runs the cell.
 */
export function CodeEditor({ initialCode, label, onChange, onRun }: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const handlersRef = useRef({ onChange, onRun });
  handlersRef.current = { onChange, onRun };
  const initialRef = useRef(initialCode);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const runCell = () => {
      handlersRef.current.onRun();
      return true;
    };
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: initialRef.current,
        extensions: [
          basicSetup,
          javascript(),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) handlersRef.current.onChange(update.state.doc.toString());
          }),
          // Highest precedence: basicSetup's default keymap binds Mod-Enter to "insert blank line",
          // and a keymap runs before any DOM keydown handler. Both Ctrl and Cmd on every platform.
          Prec.highest(keymap.of(RUN_KEYS.map((key) => ({ key, run: runCell, preventDefault: true })))),
          EditorView.theme({ "&": { fontSize: "14px" }, ".cm-scroller": { fontFamily: "ui-monospace, monospace" } }),
        ],
      }),
    });
    return () => view.destroy();
  }, [label]);

  return (
    <div
      ref={hostRef}
      className="overflow-hidden rounded-lg border border-slate-300 bg-white"
      data-testid="code-editor"
    />
  );
}
