/** The outer element of every view, in the language of the context's catalogue (Frame.tsx). */
import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { UiContext } from "../context.js";
import { Frame } from "./Frame.js";

export function Root({ children }: { children: ComponentChildren }) {
  return <Frame lang={useContext(UiContext).catalogue.lang}>{children}</Frame>;
}
