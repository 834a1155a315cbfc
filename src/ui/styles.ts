/**
 * The views' stylesheet, as text: it is put inside each root (a shadow root
 * for the banner), so the message's own CSS can neither restyle nor reach it.
 * Colours follow the host's light or dark theme; every state also has an icon
 * and a word, so colour is never the only signal.
 */
export const SIGNET_CSS = `
:host, .signet { all: initial; }
.signet {
  color-scheme: light dark;
  --fg: #1b1b1f; --muted: #55555e; --bg: #ffffff; --panel: #f4f4f6; --line: #d4d4da; --focus: #0a5fd6;
  --verified: #176b2c; --verified-bg: #e3f4e7; --warning: #7a4d00; --warning-bg: #fff1d1;
  --danger: #a1141c; --danger-bg: #fde4e4; --none: #4a4a52; --none-bg: #ececf0; --checking: #1d4f91; --checking-bg: #e3edfb;
  display: block; box-sizing: border-box; color: var(--fg); background: var(--bg);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
}
@media (prefers-color-scheme: dark) {
  .signet {
    --fg: #ececf1; --muted: #b2b2bd; --bg: #1f1f24; --panel: #2a2a31; --line: #44444e; --focus: #7fb2ff;
    --verified: #7fdc95; --verified-bg: #183a22; --warning: #ffd27a; --warning-bg: #3d2f10;
    --danger: #ff9a9f; --danger-bg: #47181b; --none: #c9c9d2; --none-bg: #33333b; --checking: #a9c8ff; --checking-bg: #1b2d4a;
  }
}
.signet *, .signet *::before, .signet *::after { box-sizing: inherit; }
.signet h2 { font-size: 15px; margin: 0; }
.signet h3 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.signet ul, .signet ol { margin: 0; padding: 0; list-style: none; }
.signet button, .signet a.button, .signet input, .signet label { font: inherit; color: inherit; }
.signet button, .signet a.button {
  border: 1px solid var(--line); background: var(--panel); border-radius: 4px; padding: 3px 10px; cursor: pointer; text-decoration: none; display: inline-block;
}
.signet :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.signet .tone-verified { color: var(--verified); background: var(--verified-bg); }
.signet .tone-warning { color: var(--warning); background: var(--warning-bg); }
.signet .tone-danger { color: var(--danger); background: var(--danger-bg); }
.signet .tone-none { color: var(--none); background: var(--none-bg); }
.signet .tone-checking { color: var(--checking); background: var(--checking-bg); }
.signet .banner { display: flex; align-items: center; gap: 10px; padding: 6px 10px; border-radius: 6px; border: 1px solid currentColor; margin: 0 0 8px; }
.signet .banner .text { flex: 1; min-width: 0; }
.signet .banner .title { font-weight: 600; color: var(--fg); }
.signet .banner .detail { color: var(--fg); opacity: .85; }
.signet .signed-part-mark { display: flex; align-items: center; gap: 8px; padding: 4px 8px; margin: 6px 0; border: 2px solid var(--checking); border-radius: 6px; background: var(--checking-bg); }
.signet .mark { display: inline-block; color: #fff; font-weight: 700; padding: 1px 7px; border-radius: 4px; white-space: nowrap; }
.signet .mark-editor { padding: 12px; max-width: 760px; }
.signet .mark-editor p { margin: 6px 0; }
.signet fieldset.colours { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px 12px; }
.signet fieldset.colours legend { padding: 0; margin-bottom: 4px; }
.signet .colour { display: inline-flex; align-items: center; gap: 4px; }
.signet .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.signet .badge { display: inline-flex; align-items: center; gap: 4px; font-weight: 700; padding: 1px 8px; border-radius: 10px; max-width: 100%; overflow-wrap: anywhere; }
.signet .headline .badge { white-space: nowrap; flex: none; }
/* No minimum width: Outlook's task pane is about 320 px wide, and the report must fit it with room to spare. */
.signet .report { padding: 12px; max-width: 760px; }
@media (max-width: 420px) { .signet .report { padding: 8px 0; } .signet .headline { padding: 8px; } }
.signet .headline { display: flex; gap: 10px; align-items: flex-start; padding: 10px; border-radius: 6px; }
.signet .headline .title { font-weight: 600; color: var(--fg); }
.signet .headline .detail { color: var(--fg); }
.signet .status-line { min-height: 1.6em; margin: 6px 0 0; color: var(--muted); }
.signet .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 6px 0; background: var(--panel); }
.signet dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 2px 12px; margin: 4px 0; }
.signet dt { color: var(--muted); }
.signet dd { margin: 0; overflow-wrap: anywhere; }
.signet .chain li { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 2px 0; }
.signet .chain li + li::before { content: "↑"; color: var(--muted); }
.signet .chain button { text-align: left; }
.signet .issue { padding: 6px 10px; border-left: 4px solid currentColor; margin: 6px 0; border-radius: 0 4px 4px 0; }
.signet .issue .title { font-weight: 600; color: var(--fg); }
.signet .issue .advice { color: var(--fg); }
.signet .issue .particulars summary { cursor: pointer; color: var(--muted); }
.signet .issue .particulars ul { margin: 2px 0 0; padding-left: 1.2em; overflow-wrap: anywhere; }
.signet .muted { color: var(--muted); }
.signet .signed-preview { margin: 6px 0; }
.signet .signed-preview figcaption { color: var(--muted); }
.signet .decrypted-body { margin: 6px 0; }
.signet .decrypted-body.foreign { border: 2px dashed var(--warning); padding: 6px; }
.signet .foreign-note, .signet .open-part p { margin: 4px 0; color: var(--warning); font-weight: 600; }
.signet .decrypted-body figcaption { color: var(--muted); }
.signet .decrypted-body pre { margin: 4px 0 0; padding: 6px 8px; border-left: 4px solid var(--muted); background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; max-height: 24em; overflow: auto; }
.signet .decrypted-body iframe { display: block; width: 100%; height: 24em; margin-top: 4px; border: 1px solid var(--muted); background: #fff; }
.signet .signed-preview pre { margin: 4px 0 0; padding: 6px 8px; border-left: 4px solid var(--verified); background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; max-height: 16em; overflow: auto; }
.signet .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.signet table { border-collapse: collapse; width: 100%; }
.signet th, .signet td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
/* In Outlook's 320 px pane a row's cells stack: a table's columns would squeeze each to a word. */
@media (max-width: 420px) {
  .signet table, .signet tbody, .signet tr, .signet td { display: block; width: auto; }
  .signet td { border-bottom: 0; padding: 2px 0; }
  .signet tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
}
.signet .toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.signet input[type=search], .signet input[type=text] { border: 1px solid var(--line); background: var(--bg); border-radius: 4px; padding: 3px 6px; min-width: 16em; }
`;
