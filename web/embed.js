/*
 * Kairos embed loader. The snippet a site owner pastes (GET /v1/admin/pages/{id}/embed):
 *
 *   <div data-kairos-page="PAGE_ID"></div>
 *   <script src="https://KAIROS_SERVER/embed.js" async></script>
 *
 * Optional data attributes on the placeholder: data-kairos-mode="inline|popup|floating",
 * data-kairos-label (popup / floating button text), data-kairos-lang (en ja fi de hu),
 * data-kairos-theme (light|dark), data-kairos-accent (#RRGGBB), data-kairos-name and
 * data-kairos-email (prefill).
 *
 * The widget runs in an iframe served by the Kairos server, so the host page's CSS never
 * reaches it; the buttons this script adds live in a shadow root for the same reason.
 * Events arrive from the iframe by postMessage and are accepted only from the Kairos
 * origin and from that very iframe; they are re-dispatched on the placeholder as DOM
 * CustomEvents (bubbling) named kairos:loaded, kairos:slotSelected,
 * kairos:bookingSuccessful and kairos:bookingFailed, and passed to Kairos.on(type, fn)
 * listeners. Messages to the widget (Kairos.prefill) are sent to the Kairos origin only.
 */
(function () {
  'use strict';
  if (window.Kairos && window.Kairos.version) { window.Kairos.scan(); return; }

  var script = document.currentScript;
  var kairosOrigin = new URL(script ? script.src : location.href, location.href).origin;
  var events = ['kairos:loaded', 'kairos:slotSelected', 'kairos:bookingSuccessful', 'kairos:bookingFailed'];
  var frames = [];     // { iframe, host }
  var listeners = {};  // type -> [fn]

  function widgetUrl(host) {
    var q = new URLSearchParams();
    q.set('page', host.getAttribute('data-kairos-page'));
    q.set('origin', location.origin);
    ['lang', 'theme', 'accent', 'name', 'email'].forEach(function (k) {
      var v = host.getAttribute('data-kairos-' + k);
      if (v) q.set(k, v);
    });
    return kairosOrigin + '/widget/?' + q.toString();
  }

  function makeFrame(host, height) {
    var iframe = document.createElement('iframe');
    iframe.src = widgetUrl(host);
    iframe.title = host.getAttribute('data-kairos-title') || 'Book an appointment';
    iframe.setAttribute('allow', 'clipboard-read; clipboard-write');
    iframe.style.cssText = 'border:0;display:block;width:100%;min-width:280px;height:' + height +
                           ';background:transparent;color-scheme:normal';
    frames.push({ iframe: iframe, host: host, auto: height !== '100%', close: null });
    return iframe;
  }

  function button(label, floating) {
    var wrap = document.createElement('span');
    var root = wrap.attachShadow({ mode: 'open' });
    var accent = '#2563eb';
    root.innerHTML = '<style>button{font:600 15px/1.2 system-ui,sans-serif;color:#fff;background:' + accent +
      ';border:0;border-radius:999px;padding:12px 20px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)}' +
      'button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}' +
      (floating ? ':host{position:fixed;right:20px;bottom:20px;z-index:2147483000}' : '') + '</style>' +
      '<button type="button" part="button"></button>';
    root.querySelector('button').textContent = label;
    return { element: wrap, button: root.querySelector('button') };
  }

  function openPopup(host) {
    var overlay = document.createElement('div');
    var root = overlay.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{position:fixed;inset:0;z-index:2147483001;background:rgba(15,23,42,.55);' +
      'display:flex;align-items:center;justify-content:center}.box{position:relative;background:#fff;border-radius:12px;' +
      'width:min(760px,96vw);height:min(720px,92vh);overflow:hidden;box-shadow:0 10px 40px rgba(0,0,0,.35)}' +
      '.close{position:absolute;top:6px;right:8px;z-index:1;font:22px/1 system-ui;border:0;background:transparent;' +
      'cursor:pointer;padding:6px 10px}</style><div class="box" role="dialog" aria-modal="true">' +
      '<button class="close" type="button" aria-label="Close">×</button></div>';
    var box = root.querySelector('.box');
    box.appendChild(makeFrame(host, '100%'));
    frames[frames.length - 1].close = close;
    function close() {
      frames = frames.filter(function (f) { return !box.contains(f.iframe); });
      overlay.remove();
      document.removeEventListener('keydown', onKey, true);
    }
    function onKey(e) { if (e.key === 'Escape') close(); }
    root.querySelector('.close').addEventListener('click', close);
    overlay.addEventListener('click', function (e) { if (e.target === overlay) close(); });
    document.addEventListener('keydown', onKey, true);
    document.body.appendChild(overlay);
    box.querySelector('iframe').focus();
  }

  function mount(host) {
    if (host.__kairos) return;
    host.__kairos = true;
    var mode = host.getAttribute('data-kairos-mode') || 'inline';
    var label = host.getAttribute('data-kairos-label') || 'Book an appointment';
    if (mode === 'popup' || mode === 'floating') {
      var b = button(label, mode === 'floating');
      b.button.addEventListener('click', function () { openPopup(host); });
      host.appendChild(b.element);
    } else {
      host.appendChild(makeFrame(host, '520px'));
    }
  }

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-kairos-page]'), mount);
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== kairosOrigin) return;  // only the Kairos server's pages speak to us
    var frame = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].iframe.contentWindow === e.source) frame = frames[i];
    if (!frame) return;                     // … and only from a widget this script created
    var d = e.data;
    if (!d || typeof d.type !== 'string') return;
    if (d.type === 'kairos:escape') {
      if (frame.close) frame.close();
      return;
    }
    if (d.type === 'kairos:resize') {
      var h = Math.max(320, Math.min(4000, Number(d.detail && d.detail.height) || 0));
      if (frame.auto && h) frame.iframe.style.height = h + 'px';
      return;
    }
    if (events.indexOf(d.type) < 0) return;
    frame.host.dispatchEvent(new CustomEvent(d.type, { detail: d.detail, bubbles: true }));
    (listeners[d.type] || []).forEach(function (fn) { try { fn(d.detail, frame.host); } catch (err) { console.error(err); } });
  });

  window.Kairos = {
    version: 1,
    scan: scan,
    on: function (type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    // Prefills the guest's name and e-mail in every widget on the page.
    prefill: function (data) {
      frames.forEach(function (f) {
        f.iframe.contentWindow.postMessage({ type: 'kairos:prefill', name: data.name, email: data.email }, kairosOrigin);
      });
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan); else scan();
  // Pages that add the placeholder later (single-page apps) get their widget too.
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) if (changes[i].addedNodes.length) { scan(); return; }
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
