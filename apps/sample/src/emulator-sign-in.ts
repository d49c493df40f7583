import { request } from "node:https";

/**
 * Signs in on the emulator's fake Entra page the way a person's browser would: GET the
 * authorization URL (an HTML form with the request in hidden fields), fill in user name and
 * password, POST the form, and return the redirect Entra answers with (`redirect_uri?code=…&state=…`).
 * The redirect is not followed: the caller hands it to its callback handler.
 */
export async function signInOnEmulatorPage(authorizationUrl: string, user: { readonly username: string; readonly password: string }, ca: string): Promise<URL> {
  const page = await send(new URL(authorizationUrl), "GET", undefined, ca);
  if (page.status !== 200) throw new Error(`The sign-in page answered ${page.status}.`);
  const action = /<form[^>]*\baction="([^"]*)"/.exec(page.text)?.[1];
  if (!action) throw new Error("No sign-in form on the page.");
  const form = new URLSearchParams();
  for (const m of page.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(unescapeHtml(m[1]!), unescapeHtml(m[2]!));
  form.set("username", user.username);
  form.set("password", user.password);
  const answer = await send(new URL(unescapeHtml(action), authorizationUrl), "POST", form.toString(), ca);
  if (answer.status !== 302 || !answer.location) {
    const alert = /role="alert">([^<]*)</.exec(answer.text)?.[1] ?? `HTTP ${answer.status}`;
    throw new Error(`Sign-in failed: ${unescapeHtml(alert)}`);
  }
  return new URL(answer.location);
}

function send(url: URL, method: "GET" | "POST", body: string | undefined, ca: string): Promise<{ status: number; location: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) };
    const req = request(url, { method, ca, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
