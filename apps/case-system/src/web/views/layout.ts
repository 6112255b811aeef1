import type { AuthUser } from '../../auth/auth-user.js';
import { html, type SafeHtml } from './html.js';

export function layout(title: string, user: AuthUser | undefined, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Hensatt kjøretøy</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/saker">Hensatt kjøretøy</a>
          ${user
            ? html`<form method="post" action="/logout" class="user">
                <span>${user.name} (${user.role})</span>
                <button type="submit">Logg ut</button>
              </form>`
            : ''}
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}

export const STYLESHEET = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; }
header { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1.5rem; background: #17324d; color: #fff; }
header a.brand { color: #fff; font-weight: 600; text-decoration: none; }
header form.user { display: flex; gap: .75rem; align-items: center; margin: 0; }
main { max-width: 68rem; margin: 1.5rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e2e5ea; vertical-align: top; font-size: .92rem; }
th { background: #eef1f5; }
dl { display: grid; grid-template-columns: 14rem 1fr; gap: .35rem 1rem; background: #fff; padding: 1rem; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; }
.status { display: inline-block; padding: .1rem .5rem; border-radius: .25rem; font-size: .85rem; font-weight: 600; background: #e2e5ea; }
.status-EIER_FUNNET { background: #d7f0dd; } .status-SKJERMET { background: #fde7c4; }
.status-IKKE_FUNNET { background: #e6e0f5; } .status-FEILET { background: #f7d4d4; }
.skjermet { font-weight: 600; color: #8a4b00; }
form.login { background: #fff; padding: 1.5rem; max-width: 28rem; display: grid; gap: .75rem; }
input[type=password] { padding: .5rem; font-size: 1rem; }
button { padding: .45rem .9rem; font-size: .95rem; cursor: pointer; }
.error { color: #a30000; }
`;
