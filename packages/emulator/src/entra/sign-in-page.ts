const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fake's sign-in page: a form with the authorization request carried in hidden fields. */
export function signInPage(action: string, hidden: Readonly<Record<string, string>>, message?: string): string {
  const fields = Object.entries(hidden).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join("\n    ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account (bcts fake Entra ID)</title></head>
<body>
  <h1>Sign in</h1>
  <p>bcts emulator — fake Microsoft Entra ID. Use a demo user of this tenant.</p>
  ${message ? `<p role="alert">${escape(message)}</p>` : ""}
  <form method="post" action="${escape(action)}">
    ${fields}
    <label>Email <input name="username" type="email" autocomplete="username"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
  </form>
</body></html>`;
}

export function messagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`;
}
