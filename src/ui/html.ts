/**
 * The web view's HTML: escaping, the page frame, its style and its one small script. Everything a
 * page needs ships here (no font, script or style from the internet); pages are rendered on the
 * server, and the script only refreshes the parts of a running run's page that carry `data-live`.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or an attribute value) made safe for HTML. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A link to a page of this view (the path's segments are encoded). */
export function href(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

/** A state's CSS class: lower case, letters only. */
export function stateClass(state: string): string {
  return `st-${state.toLowerCase().replace(/[^a-z]/g, '')}`;
}

export function badge(state: string): string {
  return `<span class="badge ${stateClass(state)}">${esc(state)}</span>`;
}

/** An external link (Fabric portal, Temporal Web UI), opened without giving the page access to this one. */
export function externalLink(url: string | undefined, text: string, cls: string): string {
  return url ? `<a class="${cls}" href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(text)}</a>` : '';
}

const STYLE = `
:root{--fg:#1d2330;--muted:#5d6778;--line:#d8dde6;--bg:#f7f8fa;--card:#fff;--accent:#2557d6}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:18px;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}header .sub{color:#aab3c5;font-size:12px}
main{padding:16px 20px;max-width:1400px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}
a{color:var(--accent)}table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{font-size:12px;color:var(--muted);font-weight:600}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e5e8ee;color:#333}
.st-completed,.st-succeeded{background:#d6f5df;color:#0f6b2c}.st-failed,.st-compensationfailed,.st-timedout,.st-terminated{background:#fde0de;color:#a3170d}
.st-running,.st-active,.st-compensating,.st-cancelling{background:#dde8ff;color:#1742a8}.st-retrying,.st-waiting,.st-paused{background:#fff0c8;color:#7a5300}
.st-skipped,.st-pending,.st-cancelled,.st-deduped,.st-disabled{background:#eceef2;color:#4b5363}.st-compensated,.st-reused{background:#ece0fb;color:#5b2a96}
form.filters{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
input,select,button{font:inherit;padding:3px 6px}button{cursor:pointer}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px;margin:10px 0}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px}.kv dt{color:var(--muted)}.kv dd{margin:0;word-break:break-all}
svg text{font:12px system-ui,sans-serif}.node rect{stroke:#5d6778;stroke-width:1}.node.selected rect{stroke:#000;stroke-width:2.5}
.fill-completed{fill:#bfeccc}.fill-failed,.fill-compensationfailed{fill:#f9c3bf}.fill-running,.fill-compensating{fill:#c6d8ff}
.fill-retrying,.fill-waiting,.fill-paused{fill:#ffe49a}.fill-skipped,.fill-cancelled{fill:#e1e4ea}.fill-pending{fill:#fff}
.fill-compensated,.fill-reused{fill:#dcc7f7}.edge{stroke:#8a93a3;fill:none;stroke-width:1.4}
.reason{color:#a3170d;white-space:pre-wrap}.muted{color:var(--muted)}.pager{margin:10px 0;display:flex;gap:12px}
.grid{width:auto;min-width:480px}.grid td{text-align:center}.grid td a{text-decoration:none}.actions form{display:inline-block;margin-right:6px}
.notice{background:#fff7d6;border:1px solid #e9d27a;padding:8px 12px;border-radius:6px}
`;

/**
 * Refreshes every `[data-live]` element of the page from the same URL every 2 s while the page
 * says `data-running`, without a reload; stops when the run has ended.
 */
const SCRIPT = `
(function(){
  var live=document.body.getAttribute('data-running')==='true';
  if(!live)return;
  function tick(){
    fetch(location.href,{headers:{'accept':'text/html'},credentials:'same-origin'}).then(function(r){return r.text()}).then(function(t){
      var doc=new DOMParser().parseFromString(t,'text/html');
      document.querySelectorAll('[data-live]').forEach(function(el){
        var fresh=doc.querySelector('[data-live="'+el.getAttribute('data-live')+'"]');
        if(fresh&&fresh.innerHTML!==el.innerHTML)el.innerHTML=fresh.innerHTML;
      });
      if(doc.body.getAttribute('data-running')==='true')setTimeout(tick,2000);
      else document.body.setAttribute('data-running','false');
    }).catch(function(){setTimeout(tick,5000)});
  }
  setTimeout(tick,2000);
})();
document.addEventListener('submit',function(e){
  var f=e.target;var q=f.getAttribute('data-confirm');
  if(q&&!confirm(q))e.preventDefault();
});
`;

export interface PageOptions {
  title: string;
  body: string;
  /** A running run: the page refreshes its live parts. */
  running?: boolean;
  /** The nonce that allows the page's own inline script (Content-Security-Policy). */
  nonce: string;
}

export function page(options: PageOptions): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(options.title)} · fabric-temporal</title><style>${STYLE}</style></head>
<body data-running="${options.running === true}"><header><a href="/">fabric-temporal</a><a href="/">Runs</a><a href="/schedules">Schedules</a><span class="sub">reads Temporal; no database of its own</span></header>
<main>${options.body}</main><script nonce="${esc(options.nonce)}">${SCRIPT}</script></body></html>`;
}
