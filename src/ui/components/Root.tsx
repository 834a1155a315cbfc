/** The outer element of every view: its stylesheet, language and theme scope. */
import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { UiContext } from "../context.js";
import { SIGNET_CSS } from "../styles.js";

export function Root({ children }: { children: ComponentChildren }) {
  const { catalogue } = useContext(UiContext);
  return (
    <div class="signet" lang={catalogue.lang}>
      <style>{SIGNET_CSS}</style>
      {children}
    </div>
  );
}
