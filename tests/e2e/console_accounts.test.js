// Staff accounts by mail link (issue 12, item 1), in Chromium against the real server and
// SMTP sink: an owner invites a German-speaking staff member in Setup → Staff; the
// invitation mail arrives and its link opens a set-password page in German (the login's
// language, not the browser's); the password is set and the console opens in German;
// a used link says so in German. "Forgot your password?" on the sign-in page mails a reset
// link; the new password works and the old one no longer does. axe-core: 0 violations
// on the set-password pages and the sign-in page; screenshots console-accounts-*.png.
'use strict';
const { api, run, assert, axe, axeBoth, shot, signIn, waitFor, mails, plainText } = require('./console_lib.js');

const EMAIL = 'greta@accounts.example';

run('console_accounts', async (ctx) => {
  const { server, browser, log } = ctx;
  const errors = [];
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'owner@demo.kairos', 'kairos-demo');

  // Setup → Staff: invite Greta, staff, German.
  await page.goto(server.base + '/console/#/setup/staff');
  const sf = page.locator('form[data-form="staff"]');
  await sf.getByLabel('Name', { exact: true }).fill('Greta Gast');
  await sf.getByLabel('E-mail').fill(EMAIL);
  await sf.getByLabel('Role').selectOption('staff');
  await sf.getByLabel('Language').selectOption('de');
  await axeBoth(page, 'staff invitation form');
  await sf.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('cell', { name: EMAIL }).waitFor();

  const body = (m) => plainText(m).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const linkIn = (m) => { const x = /(https?:\/\/\S+\/v1\/links\/password\/[^\s"<>]+)/.exec(body(m)); return x && x[1].replace(/^https?:\/\/[^/]+/, server.base); };
  const mailsTo = () => mails(server.sink.dir).filter((m) => m.to.includes(EMAIL));
  await waitFor(async () => { await api(server, 'POST', '/v1/test/tick', {}); return mailsTo().length === 1; }, 'the invitation mail');
  const invitation = linkIn(mailsTo()[0]);
  assert(invitation, 'the invitation has a link: ' + body(mailsTo()[0]).slice(0, 400));

  // The link opens a set-password page in German, though the browser speaks English.
  // bypassCSP: the page allows no script at all, so axe-core is let in only for the test.
  const guest = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 390, height: 844 }, bypassCSP: true });
  const gp = await guest.newPage();
  gp.on('pageerror', (e) => errors.push(String(e)));
  await gp.goto(invitation);
  await gp.getByRole('heading', { name: 'Passwort festlegen' }).waitFor();
  assert(await gp.evaluate(() => document.documentElement.lang) === 'de', 'the page says it is German');
  await axe(gp, 'set-password page (de, 390 px)');
  await shot(gp, 'accounts-set-password-de');
  await gp.getByLabel('Neues Passwort (mindestens 8 Zeichen)').fill('Gretas langes Passwort');
  await gp.getByRole('button', { name: 'Passwort speichern' }).click();
  await gp.getByRole('heading', { name: 'Passwort gespeichert' }).waitFor();
  await axe(gp, 'password saved (de)');
  await gp.getByRole('link', { name: 'in der Konsole anmelden' }).click();
  await gp.getByLabel('E-mail').fill(EMAIL);
  await gp.getByLabel('Password').fill('Gretas langes Passwort');
  await gp.getByRole('button', { name: 'Sign in' }).click();
  await gp.waitForSelector('nav.side');
  assert((await gp.locator('nav.side').textContent()).includes('Kalender'), 'the console speaks German');
  await shot(gp, 'accounts-console-de');

  // The invitation link works once: used again, it says so in German.
  await gp.goto(invitation);
  await gp.getByLabel('Neues Passwort (mindestens 8 Zeichen)').fill('noch ein Passwort');
  await gp.getByRole('button', { name: 'Passwort speichern' }).click();
  await gp.getByRole('heading', { name: 'Das hat nicht geklappt' }).waitFor();
  assert((await gp.locator('main').textContent()).includes('Dieser Link wurde schon benutzt'), 'a used link says so');
  await axe(gp, 'used link (de)');

  // Forgot the password: the sign-in page mails a reset link.
  const rc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const rp = await rc.newPage();
  rp.on('pageerror', (e) => errors.push(String(e)));
  await rp.goto(server.base + '/console/');
  await rp.getByRole('button', { name: 'Forgot your password?' }).click();
  await rp.getByLabel('E-mail').fill(EMAIL);
  await rp.getByRole('button', { name: 'Send me a link' }).click();
  await rp.locator('.banner.ok').waitFor();
  await axeBoth(rp, 'reset requested');
  await shot(rp, 'accounts-reset-requested');
  await waitFor(async () => { await api(server, 'POST', '/v1/test/tick', {}); return mailsTo().length === 2; }, 'the reset mail');
  const reset = linkIn(mailsTo()[1]);
  assert(reset && reset !== invitation, 'the reset mail has its own link');
  await rp.goto(reset);
  await rp.getByLabel('Neues Passwort (mindestens 8 Zeichen)').fill('ein ganz neues Passwort');
  await rp.getByRole('button', { name: 'Passwort speichern' }).click();
  await rp.getByRole('heading', { name: 'Passwort gespeichert' }).waitFor();
  const tryPw = (pw) => api(server, 'POST', '/v1/session', { email: EMAIL, password: pw }, null, { Origin: server.base });
  assert((await tryPw('Gretas langes Passwort')).status === 401, 'the old password no longer works');
  assert((await tryPw('ein ganz neues Passwort')).status === 204, 'the new password works');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('invited in Setup, password set from the mail in German, console in German; used link refused; reset by mail');
});
