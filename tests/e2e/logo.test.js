// Issue 11, Who/what/where (R-PAGE-1): the page's logo is shown in the widget's header,
// 40 px tall, left of the business name, never overlapping it, and named in the mirror
// ("Aurora & Sakura Consulting logo"); the header also says the service with its
// duration and the location. A logo on another site (or a javascript: URL) is never
// loaded: the widget shows data: images and paths on the Kairos server only.
// Screenshots: e2e-artifacts/logo-<width>.png.
'use strict';
const path = require('path');
const { run, assert, api, mirror } = require('./lib');
const probe = require('./probe');

run('logo', async ({ server, browser, artifacts, log }) => {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=en`);
    const frame = page.mainFrame();
    await mirror.screen(frame, 'calendar');
    await frame.waitForSelector('#kairos-mirror [role="img"]', { state: 'attached', timeout: 10000 });
    const alt = await frame.getAttribute('#kairos-mirror [role="img"]', 'aria-label');
    assert(alt === 'Aurora & Sakura Consulting logo', 'the logo is named in the mirror: ' + alt);
    const p = await probe.check(frame, `logo ${width}px`);
    const logo = p.items.find((it) => it.k === 'image');
    const name = p.items.find((it) => it.t === 'Aurora & Sakura Consulting');
    assert(logo && name, 'the probe saw the logo and the name');
    assert(Math.abs(logo.r[3] - 40) < 0.5 && logo.r[2] > 0 && logo.r[2] <= 160, 'the logo is 40 px tall, at most 160 wide: ' + logo.r);
    assert(logo.r[0] + logo.r[2] <= name.r[0], 'the logo sits left of the name');
    const texts = p.items.map((it) => it.t);
    assert(texts.some((t) => /Intro call.*30 min/.test(t)), 'the service and its duration are in the header');
    assert(texts.includes('Video call'), 'the location is in the header, in English');
    await page.screenshot({ path: path.join(artifacts, `logo-${width}.png`) });
    await page.close();
  }

  // A logo elsewhere is not loaded (nor a javascript: URL): the name stands alone.
  for (const logo of ['https://logos.example/acme.png', 'javascript:alert(1)', '//logos.example/acme.png']) {
    const pg = await api(server, 'GET', '/v1/admin/pages/demo', undefined, server.demoKey);
    const doc = pg.json;
    delete doc.id;
    doc.logo = logo;
    const put = await api(server, 'PUT', '/v1/admin/pages/demo', doc, server.demoKey);
    assert(put.status === 200, 'page updated: ' + put.status + ' ' + put.text);
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const requested = [];
    page.on('request', (r) => { if (/logos\.example|acme/.test(r.url())) requested.push(r.url()); });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=en`);
    const frame = page.mainFrame();
    await mirror.screen(frame, 'calendar');
    await page.waitForTimeout(500);
    const p = await probe.read(frame);
    assert(!p.items.some((it) => it.k === 'image'), `${logo}: no logo drawn`);
    assert(await frame.locator('#kairos-mirror [role="img"]').count() === 0, `${logo}: no logo in the mirror`);
    assert(requested.length === 0, `${logo}: nothing was fetched from elsewhere: ${requested}`);
    log(logo, 'not shown, not fetched');
    await page.close();
  }
}, ['availability']);
