/** The outer element of every view, given its language: its stylesheet, language and theme scope. */
import type { ComponentChildren } from "preact";
import { SIGNET_CSS } from "../styles.js";

export function Frame({ lang, children }: { lang: string; children: ComponentChildren }) {
  return (
    <div class="signet" lang={lang}>
      <style>{SIGNET_CSS}</style>
      {children}
    </div>
  );
}
