// Simulates a browser without constructable stylesheets, so Lit falls back to <style> elements
// (which then need the CSP nonce from <meta name="csp-nonce">).
delete Document.prototype.adoptedStyleSheets;
delete ShadowRoot.prototype.adoptedStyleSheets;
