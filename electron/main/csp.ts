// The renderer's Content-Security-Policy: nothing remote, no inline script or style, no eval.
// Sent as a header by the app:// protocol and repeated in renderer/index.html's meta tag.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
