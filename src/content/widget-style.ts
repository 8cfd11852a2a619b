/**
 * The stylesheet of the KSeF block (src/content/widget.ts), one constructed sheet shared by every
 * block of the page (src/content/dom.ts), so a 1,000-row list does not parse it 1,000 times.
 */

// Row mode (`data-mode=row`, src/content/row-layer.ts): the block floats over the room reserved
// in the row, two lines at most (icon + state, then the KSeF number or the reason); the rest opens
// under the state.
// The badge's parts wrap as the host's own flex items: icon, state and number stay on one line.
// The opened part (.more) sits left of the block, over its own row's cells: every row's block is
// in the same column, so it never covers the next row's block. A row's message takes the second
// line's place, cut to it (whole in its title): it never spills over the next row. (No comments
// inside the CSS text: they would ship in the content bundle.)
export const WIDGET_CSS = `
:host { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; vertical-align: middle; margin-left: 4px;
  font: 12px/1.4 system-ui, sans-serif; color: #222; }
:host([hidden]) { display: none; }
button { font: inherit; cursor: pointer; }
.send { all: unset; cursor: pointer; box-sizing: border-box; width: 20px; height: 20px; border-radius: 3px; text-align: center;
  font: 700 12px/20px system-ui, sans-serif; color: #fff; background: #d7141a; }
.send:hover { background: #a80f14; }
.send:focus-visible { outline: 2px solid #2a6ebb; outline-offset: 1px; }
.send:disabled { cursor: not-allowed; opacity: .4; }
.send.setup { width: auto; padding: 0 6px; }
.badge { display: contents; }
.b { display: inline-block; padding: 1px 6px; border-radius: 9px; font-weight: 600; font-size: 11px; white-space: nowrap; }
.proc { background: #fff4d6; color: #7a5600; }
.acc { background: #ddf3e2; color: #14642c; }
.rej { background: #fde2e1; color: #a1130c; }
.att { background: #fde9d4; color: #8a4300; }
.off { background: #e5e9f2; color: #2f3d5c; }
.env { background: #fff; color: #7a5600; border: 1px solid #e0b84d; }
.lnk { all: unset; cursor: pointer; color: #2a6ebb; text-decoration: underline; }
.num { all: unset; cursor: copy; user-select: all; font-family: ui-monospace, monospace; font-size: 11px; border-bottom: 1px dashed #999; }
.muted { color: #666; font-size: 11px; }
.warn { color: #a1130c; font-size: 11px; }
.reason { color: #a1130c; font-size: 11px; max-width: 28em; }
.msg { display: block; width: 100%; font-size: 11px; color: #a1130c; }
.msg.ok { color: #14642c; }
.msg[hidden] { display: none; }
.qr { display: flex; gap: 8px; width: 100%; padding: 4px 0; }
.qr svg { width: 132px; height: auto; background: #fff; }
:host([data-mode=row]) { position: absolute; display: flex; align-content: center; margin: 0; row-gap: 1px;
  box-sizing: border-box; overflow: visible; }
:host([data-open]) { z-index: 1; }
button.b { border: 0; cursor: pointer; }
button.b:focus-visible { outline: 2px solid #2a6ebb; outline-offset: 1px; }
.l2 { flex-basis: 100%; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
:host([data-mode=row]) .num { font-size: 10px; }
:host([data-mode=row]) .reason { max-width: none; }
.more { position: absolute; top: 0; right: 100%; margin-right: 4px; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  width: max-content; max-width: 300px; padding: 6px 8px; background: #fff; border: 1px solid #cfd6e0;
  border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.more[hidden] { display: none; }
:host([data-mode=row]) .msg { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
:host([data-msg]) .l2 { display: none; }
`;
