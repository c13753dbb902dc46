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
 * kairos:bookingSuccessful, kairos:bookingFailed and kairos:inquirySent, and passed to Kairos.on(type, fn)
 * listeners. Messages to the widget (Kairos.prefill) are sent to the Kairos origin only.
 */
(function () {
  'use strict';
  if (window.Kairos && window.Kairos.version) { window.Kairos.scan(); return; }

  var script = document.currentScript;
  var kairosOrigin = new URL(script ? script.src : location.href, location.href).origin;
  var events = ['kairos:loaded', 'kairos:slotSelected', 'kairos:bookingSuccessful', 'kairos:bookingFailed',
                'kairos:inquirySent'];
  var frames = [];     // { iframe, host }
  var listeners = {};  // type -> [fn]

  // The few words embed.js itself shows, in the widget's five languages.
  var words = {
    en: ['Book an appointment', 'Close'], de: ['Termin buchen', 'Schließen'], fi: ['Varaa aika', 'Sulje'],
    hu: ['Időpontfoglalás', 'Bezárás'], ja: ['予約する', '閉じる']
  };
  function wordsFor(host) {
    var tags = [host.getAttribute('data-kairos-lang') || ''].concat(navigator.languages || [navigator.language || 'en']);
    for (var i = 0; i < tags.length; i++) {
      var w = words[String(tags[i]).slice(0, 2).toLowerCase()];
      if (w) return w;
    }
    return words.en;
  }
  function accentOf(host) {
    var a = host.getAttribute('data-kairos-accent');
    return a && /^#[0-9a-fA-F]{6}$/.test(a) ? a : '#2563eb';
  }

  function widgetUrl(host, mode) {
    var q = new URLSearchParams();
    q.set('page', host.getAttribute('data-kairos-page'));
    q.set('origin', location.origin);
    q.set('mode', mode);
    ['lang', 'theme', 'accent', 'name', 'email'].forEach(function (k) {
      var v = host.getAttribute('data-kairos-' + k);
      if (v) q.set(k, v);
    });
    return kairosOrigin + '/widget/?' + q.toString();
  }

  function makeFrame(host, height) {
    var iframe = document.createElement('iframe');
    iframe.src = widgetUrl(host, height === '100%' ? 'popup' : 'inline');
    iframe.title = host.getAttribute('data-kairos-title') || wordsFor(host)[0];
    iframe.setAttribute('allow', 'clipboard-read; clipboard-write');
    iframe.style.cssText = 'border:0;display:block;width:100%;min-width:280px;height:' + height +
                           ';background:transparent;color-scheme:normal';
    frames.push({ iframe: iframe, host: host, auto: height !== '100%', close: null });
    return iframe;
  }

  function button(host, label, floating) {
    var wrap = document.createElement('span');
    var root = wrap.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>button{font:600 15px/1.2 system-ui,sans-serif;color:#fff;background:' + accentOf(host) +
      ';border:0;border-radius:999px;padding:12px 20px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)}' +
      'button:focus-visible{outline:3px solid ' + accentOf(host) + ';outline-offset:3px}' +
      (floating ? ':host{position:fixed;right:20px;bottom:20px;z-index:2147483000}' +
                  ':host([hidden]){display:none}' : '') + '</style>' +
      '<button type="button" part="button"></button>';
    root.querySelector('button').textContent = label;
    return { element: wrap, button: root.querySelector('button') };
  }

  // The popup is a real modal dialog (<dialog>.showModal(): the page behind is inert and
  // not focusable), named, closed by Escape, the close button or a click outside; the
  // page behind does not scroll while it is open, and the focus returns to the button
  // that opened it.
  function openPopup(host, opener) {
    var w = wordsFor(host);
    var overlay = document.createElement('div');
    var root = overlay.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>dialog{padding:0;border:0;border-radius:12px;background:' +
      (host.getAttribute('data-kairos-theme') === 'dark' ? '#17191e' : '#fff') + ';' +
      // The dialog is as tall as the widget's content (--kairos-h, from its height
      // messages) up to the viewport; taller content scrolls inside the frame.
      'width:min(760px,96vw);height:min(var(--kairos-h,720px),92vh);max-width:none;max-height:none;overflow:hidden;' +
      'box-shadow:0 10px 40px rgba(0,0,0,.35)}dialog::backdrop{background:rgba(15,23,42,.55)}' +
      '@media (max-width:600px){dialog{width:100vw;height:min(var(--kairos-h,100%),100%);border-radius:0}}' +
      '.close{position:absolute;top:8px;right:8px;z-index:1;font:24px/1 system-ui;border:0;border-radius:999px;' +
      'width:40px;height:40px;cursor:pointer;color:#fff;background:' + accentOf(host) + '}' +
      '.close:focus-visible{outline:3px solid ' + accentOf(host) + ';outline-offset:2px}</style>' +
      '<dialog><span class="trap" tabindex="0"></span><button class="close" type="button">×</button>' +
      '<span class="trap" tabindex="0"></span></dialog>';
    var box = root.querySelector('dialog');
    box.setAttribute('aria-label', host.getAttribute('data-kairos-title') || w[0]);
    root.querySelector('.close').setAttribute('aria-label', w[1]);
    var iframe = makeFrame(host, '100%');
    box.insertBefore(iframe, box.lastChild);
    // Focus trap: Tab past the widget's last element comes back to the close button,
    // Shift+Tab before the close button goes to the widget.
    var traps = root.querySelectorAll('.trap');
    traps[0].addEventListener('focus', function () { iframe.focus(); });
    traps[1].addEventListener('focus', function () { root.querySelector('.close').focus(); });
    var frame = frames[frames.length - 1];
    frame.close = close;
    frame.dialog = box;
    var html = document.documentElement;
    var overflow = html.style.overflow;
    function close() {
      frames = frames.filter(function (f) { return f !== frame; });
      if (box.open) box.close();
      overlay.remove();
      html.style.overflow = overflow;
      if (opener && opener.isConnected) opener.focus();
    }
    box.addEventListener('cancel', function (e) { e.preventDefault(); close(); });
    root.querySelector('.close').addEventListener('click', close);
    box.addEventListener('click', function (e) { if (e.target === box) close(); });
    document.body.appendChild(overlay);
    html.style.overflow = 'hidden';
    box.showModal();
    iframe.focus();
  }

  // On a phone the floating button steps aside while an inline widget is on screen (it
  // would cover its title or times); the open popup covers it anyway.
  function watchFloating(element) {
    if (!window.IntersectionObserver) return;
    var visible = new Set();
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target); });
      element.hidden = visible.size > 0 && window.innerWidth < 720;
    });
    function observeAll() {
      frames.forEach(function (f) { if (f.auto) io.observe(f.iframe); });
    }
    observeAll();
    setTimeout(observeAll, 0);
  }

  function mount(host) {
    if (host.__kairos) return;
    host.__kairos = true;
    var mode = host.getAttribute('data-kairos-mode') || 'inline';
    var label = host.getAttribute('data-kairos-label') || wordsFor(host)[0];
    if (mode === 'popup' || mode === 'floating') {
      var b = button(host, label, mode === 'floating');
      b.button.addEventListener('click', function () { openPopup(host, b.button); });
      host.appendChild(b.element);
      if (mode === 'floating') watchFloating(b.element);
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
    // The widget's content height (sent only when it changes): an inline frame takes it
    // exactly, so short screens (success, an error) shrink it; a popup's dialog takes it
    // up to the viewport.
    if (d.type === 'kairos:resize') {
      var h = Math.round(Math.min(4000, Number(d.detail && d.detail.height) || 0));
      if (h < 40) return;
      if (frame.auto) frame.iframe.style.height = h + 'px';
      else if (frame.dialog) frame.dialog.style.setProperty('--kairos-h', h + 'px');
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
