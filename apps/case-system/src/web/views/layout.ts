import type { AuthUser } from '../../auth/auth-user.js';
import { html, type SafeHtml } from './html.js';

/** The pages a logged-in person can reach, in menu order; `roles` limits an entry to some roles. */
const NAV: readonly { href: string; label: string; roles?: readonly AuthUser['role'][] }[] = [
  { href: '/oppslag', label: 'Oppslag' },
  { href: '/masseoppslag', label: 'Masseoppslag' },
  { href: '/saker', label: 'Saker' },
  { href: '/innsyn', label: 'Innsyn', roles: ['admin'] },
];

export interface LayoutOptions {
  /** The menu entry to mark as the current page. */
  current?: string;
}

export function layout(title: string, user: AuthUser | undefined, body: SafeHtml, options: LayoutOptions = {}): string {
  return html`<!doctype html>
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Hensatt kjøretøy</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">Hopp til hovedinnholdet</a>
        <header>
          <a class="brand" href="/saker">Hensatt kjøretøy</a>
          ${user
            ? html`<nav aria-label="Hovedmeny">
                  <ul>
                    ${NAV.filter((item) => !item.roles || item.roles.includes(user.role)).map(
                      (item) =>
                        html`<li>
                          <a href="${item.href}" ${item.href === options.current ? html`aria-current="page"` : ''}
                            >${item.label}</a
                          >
                        </li>`,
                    )}
                  </ul>
                </nav>
                <form method="post" action="/logout" class="user">
                  <span>${user.name} (${user.role})</span>
                  <button type="submit">Logg ut</button>
                </form>`
            : ''}
        </header>
        <main id="main" tabindex="-1">${body}</main>
      </body>
    </html>`.value;
}

/**
 * A page without menu that moves the browser on to `to` by itself, by a meta refresh (no script:
 * the CSP allows none), with a link for when it does not. The callers say why a redirect would not
 * do. A delay of 0 is the one meta refresh WCAG (and axe) accepts.
 */
export function movingOnPage(page: { to: string; title: string; heading: string; link: string }): string {
  return html`<!doctype html>
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content="0;url=${page.to}" />
        <title>${page.title} · Hensatt kjøretøy</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <main id="main">
          <h1>${page.heading}</h1>
          <p><a href="${page.to}">${page.link}</a></p>
        </main>
      </body>
    </html>`.value;
}

/** One problem with one form field: `field` is the input's id, so the summary can link to it. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every problem at once, above the form, each linking to its field (the GOV.UK / NAV pattern). */
export function errorSummary(errors: readonly FieldError[]): SafeHtml | string {
  if (errors.length === 0) return '';
  // autofocus: keyboard and screen-reader users land on the summary, not at the top of the page.
  return html`<div class="error-summary" role="alert" aria-labelledby="feil-tittel" tabindex="-1" autofocus>
    <h2 id="feil-tittel">Du må rette opp dette før du kan gå videre</h2>
    <ul>
      ${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}
    </ul>
  </div>`;
}

/** The message under a field, and the attributes that tie it to the input. */
export function fieldError(
  errors: readonly FieldError[],
  field: string,
): { message: SafeHtml | string; attrs: SafeHtml } {
  const error = errors.find((e) => e.field === field);
  if (!error) return { message: '', attrs: html`` };
  return {
    message: html`<p class="field-error" id="${field}-feil">${error.message}</p>`,
    attrs: html`aria-invalid="true" aria-describedby="${field}-feil"`,
  };
}

export const STYLESHEET = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; line-height: 1.45; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; color: #17324d; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; align-items: center; padding: .75rem 1.5rem; background: #17324d; color: #fff; }
header a { color: #fff; }
header a.brand { font-weight: 600; text-decoration: none; }
header nav ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
header nav a[aria-current=page] { font-weight: 700; text-decoration-thickness: 3px; }
header form.user { display: flex; gap: .75rem; align-items: center; margin: 0; }
main { max-width: 68rem; margin: 1.5rem auto; padding: 0 1.5rem; }
main:focus { outline: none; }
a { color: #0b4f8a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e2e5ea; vertical-align: top; font-size: .92rem; }
th { background: #eef1f5; }
dl { display: grid; grid-template-columns: 14rem 1fr; gap: .35rem 1rem; background: #fff; padding: 1rem; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; }
.status { display: inline-block; padding: .1rem .5rem; border-radius: .25rem; font-size: .85rem; font-weight: 600; background: #e2e5ea; }
.status-EIER_FUNNET { background: #d7f0dd; } .status-SKJERMET { background: #fde7c4; }
.status-IKKE_FUNNET { background: #e6e0f5; } .status-FEILET { background: #f7d4d4; }
.skjermet { font-weight: 600; color: #8a4b00; }
form.login, form.skjema { background: #fff; padding: 1.5rem; display: grid; gap: .75rem; }
form.login { max-width: 28rem; }
form.skjema { max-width: 44rem; }
form.skjema > button { justify-self: start; }
fieldset { border: 1px solid #c9ced6; padding: .75rem 1rem 1rem; margin: 0; display: grid; gap: .5rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { font-weight: 600; }
.hint { color: #4a5360; font-size: .9rem; margin: 0; }
.radio { display: flex; gap: .5rem; align-items: center; }
.radio label { font-weight: 400; }
input[type=password], input[type=text], input[type=datetime-local], select, textarea { padding: .5rem; font-size: 1rem; border: 1px solid #6b7480; border-radius: .2rem; max-width: 30rem; }
textarea { min-height: 5rem; }
input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
button, a.button { padding: .45rem .9rem; font-size: .95rem; cursor: pointer; }
a.button { display: inline-block; background: #17324d; color: #fff; text-decoration: none; border-radius: .2rem; }
.error { color: #a30000; }
.field-error { color: #a30000; font-weight: 600; margin: 0; }
[aria-invalid=true] { border-color: #a30000; border-width: 2px; }
.error-summary { border: 3px solid #a30000; background: #fff; padding: .5rem 1.25rem; margin-bottom: 1rem; }
.error-summary h2 { margin-top: .5rem; }
.error-summary a { color: #a30000; font-weight: 600; }
.treff { background: #fff; border: 1px solid #e2e5ea; padding: 0 1rem 1rem; margin: 1rem 0; }
.treff dl { padding: .5rem 0; }
.filtre { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: 1rem; }
form.filter { background: #fff; padding: 1rem; display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; }
form.filter > div { display: grid; gap: .25rem; }
form.filter > div.radio { display: flex; align-self: center; }
.saksbehandling { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
.saksbehandling form.skjema { max-width: none; align-content: start; }
.saksbehandling h3 { margin: 0; }
.status-lukket { background: #d9dde3; }
table.tidslinje caption { text-align: left; font-weight: 600; padding: .5rem 0; }
.sider { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.sider form { margin: 0; }
.fremdrift { background: #fff; padding: 1rem; margin-top: 1.5rem; }
.fremdrift h2 { margin-top: 0; }
.fremdrift label { display: block; }
.fremdrift progress { width: 100%; max-width: 40rem; height: 1.5rem; }
.fremdrift dl.tall { grid-template-columns: 10rem 6rem; padding: .5rem 0 0; }
input[type=file] { font-size: 1rem; }
.melding { background: #fff; border-left: 4px solid #17324d; padding: .75rem 1rem; }
.utskrift-info { font-weight: 600; }
input[type=date] { padding: .5rem; font-size: 1rem; border: 1px solid #6b7480; border-radius: .2rem; max-width: 30rem; justify-self: start; }
table.innsyn { margin: 1rem 0 2rem; }
table.innsyn caption { text-align: left; font-weight: 600; padding: .5rem 0; }
td.id, a.id { overflow-wrap: anywhere; font-size: .85rem; }
@media print {
  body { background: #fff; color: #000; font-size: 10pt; }
  header, .skip, form, .skjerm { display: none !important; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: #000; text-decoration: none; }
  table.innsyn { page-break-inside: auto; }
  table.innsyn tr { page-break-inside: avoid; }
  table.innsyn thead { display: table-header-group; }
  th, td { font-size: 9pt; padding: .2rem .3rem; border-bottom: 1px solid #888; }
}
`;
