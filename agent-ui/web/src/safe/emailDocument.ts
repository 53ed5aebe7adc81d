/**
 * The document an email's HTML is shown in: a srcdoc frame with a sandbox that allows no script,
 * under its own Content-Security-Policy. The hub already sanitized the HTML (no scripts, handlers
 * or forms; remote images disarmed into data-blocked-src); the frame is the second wall.
 *
 * Remote images stay off until the agent asks: they may be trackers that tell the sender the mail
 * was read, and from where.
 */
const BASE_STYLE = `
  body { margin: 0; padding: 4px 2px; font: 15px/1.5 system-ui, sans-serif; color: #1a1d21;
         background: #fff; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  img[data-blocked-src] { display: inline-block; min-width: 24px; min-height: 16px;
         outline: 1px dashed #8a94a6; }
  blockquote { margin: 0 0 0 .5em; padding-left: .75em; border-left: 3px solid #c9d1dc;
         color: #44505f; }
  table { max-width: 100%; }
  pre { white-space: pre-wrap; }
`;

export function emailDocument(sanitizedHtml: string, showRemoteImages: boolean): string {
  const imgSrc = showRemoteImages ? "data: 'self' https:" : "data: 'self'";
  const csp =
    `default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'; ` +
    "font-src 'none'; form-action 'none'; base-uri 'none'";
  const body = recheck(sanitizedHtml, showRemoteImages);
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<base target="_blank"><style>${BASE_STYLE}</style></head><body>${body}</body></html>`
  );
}

const ACTIVE = 'script, iframe, frame, object, embed, form, input, button, meta, link, base, svg';
const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Trusts the hub's sanitizer, but checks again in an inert document (DOMParser runs nothing):
 * drops active elements, event handlers and links that are not http(s) or mailto, and, when the
 * agent asked for them, turns data-blocked-src back into src for http(s) URLs only. Done with the
 * DOM, not string surgery, so a crafted attribute value cannot break out.
 */
function recheck(html: string, showRemoteImages: boolean): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  doc.body.querySelectorAll(ACTIVE).forEach((el) => el.remove());
  doc.body.querySelectorAll('*').forEach((el) => {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.toLowerCase().startsWith('on')) el.removeAttribute(attr.name);
    }
    const href = el.getAttribute('href');
    if (href !== null && !SAFE_LINK.test(href.trim())) el.removeAttribute('href');
  });
  doc.body.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src');
    // Only the hub's own inline images load by themselves.
    if (src !== null && !src.startsWith('/api/v1/attachments/')) {
      img.setAttribute('data-blocked-src', src);
      img.removeAttribute('src');
    }
    const blocked = img.getAttribute('data-blocked-src');
    if (showRemoteImages && blocked !== null && /^https?:\/\//i.test(blocked)) {
      img.setAttribute('src', blocked);
      img.removeAttribute('data-blocked-src');
    }
  });
  return doc.body.innerHTML;
}

export function hasBlockedImages(html: string | null | undefined): boolean {
  return !!html && (html.includes('data-blocked-src') || /<img[^>]+src=["']?https?:/i.test(html));
}
