// Issue 11, "Who, what, where": the widget's header in the guest's language and with the
// host once known.
// - A location kind ("video", "phone", …) is shown in each of the five languages, never
//   as the stored English word; the demo page's description is in the guest's language.
// - A page with several hosts (any mode) names the host a chosen time goes to on the
//   form and the review, and the host the server assigned on the success screen — the
//   same one.
// - A page without a logo shows the account's (PUT /v1/admin/account), the page's own
//   logo winning.
// Screenshots: e2e-artifacts/header-<lang>.png, header-review.png, header-success.png,
// header-account-logo.png.
'use strict';
const path = require('path');
const { run, assert, api, mirror } = require('./lib');
const flow = require('./flow');
const probe = require('./probe');

const VIDEO = { en: 'Video call', fi: 'Videopuhelu', de: 'Videoanruf', hu: 'Videóhívás', ja: 'ビデオ通話' };
// A word of the demo page's description in each language.
const DESCRIPTION = { en: 'Tokyo or Helsinki', fi: 'Helsingin', de: 'Erstgespräch', hu: 'helsinki', ja: '東京' };
const HOSTS = ['Yui Tanaka', 'Aino Virtanen'];

const texts = (frame) => frame.$$eval('#kairos-mirror p', (ps) => ps.map((p) => p.textContent));

run('widget_header', async ({ server, browser, artifacts, log }) => {
  for (const lang of Object.keys(VIDEO)) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=${lang}`);
    const frame = page.mainFrame();
    await mirror.screen(frame, 'calendar');
    const ps = await texts(frame);
    assert(ps.includes(VIDEO[lang]), `${lang}: the location reads "${VIDEO[lang]}": ${JSON.stringify(ps)}`);
    assert(!ps.includes('video'), `${lang}: the stored word "video" is not shown`);
    assert(ps.some((p) => p.includes(DESCRIPTION[lang])), `${lang}: the page description is in ${lang}: ${JSON.stringify(ps)}`);
    // Several hosts in any mode: nobody is named before a time is chosen.
    assert(!ps.some((p) => HOSTS.includes(p)), `${lang}: no host before a time is chosen`);
    const p = await probe.check(frame, `header ${lang}`);
    assert(p.items.some((it) => it.t === VIDEO[lang]), `${lang}: the canvas draws "${VIDEO[lang]}"`);
    await page.screenshot({ path: path.join(artifacts, `header-${lang}.png`) });
    await page.close();
  }

  // The host a chosen time goes to, then the one the server assigned: the same.
  {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=en`);
    const frame = page.mainFrame();
    await flow.toForm(frame);
    const onForm = (await texts(frame)).find((t) => t.startsWith('Host: '));
    assert(onForm && HOSTS.includes(onForm.slice(6)), 'the form names the host: ' + onForm);
    await mirror.fill(frame, 'name', 'Maria Lindqvist');
    await mirror.fill(frame, 'email', 'maria.lindqvist@example.com');
    await mirror.activate(frame, 'to_review');
    await mirror.screen(frame, 'review');
    assert((await texts(frame)).includes(onForm), 'the review names the host');
    await probe.check(frame, 'review with host');
    await page.screenshot({ path: path.join(artifacts, 'header-review.png') });
    await mirror.activate(frame, 'confirm');
    await mirror.screen(frame, 'success');
    const onSuccess = (await texts(frame)).find((t) => t.startsWith('Host: '));
    const list = await api(server, 'GET', '/v1/admin/bookings?q=maria.lindqvist', undefined, server.demoKey);
    const items = Array.isArray(list.json) ? list.json : (list.json.bookings || list.json.items || []);
    assert(items.length === 1, 'the booking exists: ' + list.text.slice(0, 300));
    const hostIds = items[0].hosts || [items[0].host];
    const pageDoc = (await api(server, 'GET', '/v1/pages/demo')).json;
    const assigned = pageDoc.hosts.find((h) => h.id === hostIds[0]);
    assert(assigned, 'the public page names the booked host by id: ' + JSON.stringify(pageDoc.hosts));
    assert(onSuccess === 'Host: ' + assigned.name, `the success screen names the assigned host (${assigned.name}): ${onSuccess}`);
    assert(onSuccess === onForm, 'the host chosen with the time is the one assigned');
    await page.screenshot({ path: path.join(artifacts, 'header-success.png') });
    log('host', onForm, '→', onSuccess);
    await page.close();
  }

  // The account's logo stands in for a page without one (the page's own wins).
  {
    const doc = (await api(server, 'GET', '/v1/admin/pages/demo', undefined, server.demoKey)).json;
    delete doc.id;
    delete doc.logo;
    const put = await api(server, 'PUT', '/v1/admin/pages/demo', doc, server.demoKey);
    assert(put.status === 200, 'page without a logo: ' + put.status + ' ' + put.text);
    const account = (await api(server, 'GET', '/v1/admin/account', undefined, server.demoKey)).json;
    const logo = `${server.base}/brand/account-logo.svg`;
    const acc = await api(server, 'PUT', '/v1/admin/account', { name: account.name, logo }, server.demoKey);
    assert(acc.status === 200, 'account logo set: ' + acc.status + ' ' + acc.text);
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    // The account's image, served on the Kairos origin (the widget loads no other site's).
    let fetched = 0;
    await page.route('**/brand/account-logo.svg', (route) => {
      fetched++;
      route.fulfill({ contentType: 'image/svg+xml',
                      body: "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 48'><rect width='48' height='48' rx='12' fill='#0f766e'/></svg>" });
    });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=en`);
    const frame = page.mainFrame();
    await mirror.screen(frame, 'calendar');
    await frame.waitForSelector('#kairos-mirror [role="img"]', { state: 'attached', timeout: 10000 });
    const p = await probe.check(frame, 'account logo');
    assert(p.items.some((it) => it.k === 'image'), 'the account logo is drawn');
    assert(fetched === 1, 'the account logo was fetched once: ' + fetched);
    await page.screenshot({ path: path.join(artifacts, 'header-account-logo.png') });
    await page.close();
  }
}, ['availability', 'book', 'owner_bookings']);
