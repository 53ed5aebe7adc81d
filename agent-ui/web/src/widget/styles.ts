// Styles live inside the shadow root: nothing leaks out to the host page, and `:host { all:
// initial }` keeps the page's inherited styles out.
export const STYLES = `
:host { all: initial; }
[hidden] { display: none !important; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; width: 56px; height: 56px;
  border-radius: 50%; border: none; background: #1f5fbf; color: #fff; cursor: pointer; display: grid; place-items: center;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible {
  outline: 3px solid #f0a500; outline-offset: 2px; }
.panel { position: fixed; right: 16px; bottom: 84px; z-index: 2147483000; width: min(360px, calc(100vw - 16px));
  height: min(560px, calc(100vh - 100px)); display: flex; flex-direction: column; background: #fff; color: #1b1b1b;
  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; font-size: 15px; }
header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px;
  background: #1f5fbf; color: #fff; }
header h2 { margin: 0; font-size: 16px; }
header .state { font-size: 12px; opacity: .9; }
header button { background: transparent; border: none; color: #fff; font-size: 20px; cursor: pointer; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; margin: 0; list-style: none; }
.msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
.msg.visitor { align-self: flex-end; background: #e3edfb; }
.msg.agent { align-self: flex-start; background: #f1f1f1; }
.msg .who { display: block; font-size: 12px; font-weight: 600; color: #444; margin-bottom: 2px; }
.msg .meta { display: block; font-size: 11px; color: #666; margin-top: 2px; text-align: right; }
.msg.pending { opacity: .65; }
.msg.failed { border: 1px solid #b00020; }
form { display: flex; flex-direction: column; gap: 6px; padding: 10px; border-top: 1px solid #ddd; }
.row { display: flex; gap: 6px; }
textarea, input { width: 100%; font-size: 15px; padding: 8px; border: 1px solid #999; border-radius: 6px; color: #1b1b1b; background: #fff; }
textarea { resize: none; height: 44px; }
form button { padding: 8px 14px; border: none; border-radius: 6px; background: #1f5fbf; color: #fff; font-size: 15px; cursor: pointer; }
form button[disabled] { opacity: .5; cursor: default; }
label { font-size: 13px; color: #333; }
.typing { font-style: italic; color: #555; margin: 0 0 4px; }
.note { font-size: 13px; color: #333; padding: 0 10px; margin: 6px 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; border-radius: 0; }
}
`;
