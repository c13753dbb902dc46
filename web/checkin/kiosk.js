// The reception kiosk (R-PROP-9): the visitor types the reception code; inside the
// visit's window the server marks it arrived and tells the hosts at once. The page
// shows only what the server's public answer gives: the time, the room, whom to meet.
(function () {
  "use strict";
  var T = {
    en: { title: "Welcome", lead: "Please enter the reception code from your invitation.", label: "Reception code", submit: "Check in",
      ok: "Thank you — you are checked in.", told: "{host} has been told you are here.", room: "Room: {room}", at: "Your appointment: {time}",
      unknown: "This code is not valid. Please check it or ask the reception staff.", early: "It is too early to check in. Check-in opens at {time}.",
      closed: "The check-in time for this visit is over. Please ask the reception staff.", slow: "Too many attempts. Please ask the reception staff.",
      empty: "Please enter your code.", offline: "The reception system cannot be reached. Please ask the reception staff.", busy: "Checking…" },
    ja: { title: "ようこそ", lead: "ご案内メールに記載の受付コードを入力してください。", label: "受付コード", submit: "受付する",
      ok: "受付が完了しました。", told: "{host}にお越しをお知らせしました。", room: "会議室: {room}", at: "ご予約: {time}",
      unknown: "コードが正しくありません。ご確認のうえ、受付スタッフにお声がけください。", early: "受付開始前です。{time}から受付できます。",
      closed: "このご訪問の受付時間は終了しました。受付スタッフにお声がけください。", slow: "入力回数が多すぎます。受付スタッフにお声がけください。",
      empty: "コードを入力してください。", offline: "受付システムに接続できません。受付スタッフにお声がけください。", busy: "確認しています…" },
    fi: { title: "Tervetuloa", lead: "Kirjoita kutsussasi oleva vastaanottokoodi.", label: "Vastaanottokoodi", submit: "Ilmoittaudu",
      ok: "Kiitos — olet ilmoittautunut.", told: "{host} on saanut tiedon saapumisestasi.", room: "Huone: {room}", at: "Tapaamisesi: {time}",
      unknown: "Koodi ei kelpaa. Tarkista se tai käänny vastaanoton puoleen.", early: "Ilmoittautuminen ei ole vielä auki. Se avautuu klo {time}.",
      closed: "Tämän käynnin ilmoittautumisaika on päättynyt. Käänny vastaanoton puoleen.", slow: "Liian monta yritystä. Käänny vastaanoton puoleen.",
      empty: "Kirjoita koodisi.", offline: "Vastaanottojärjestelmään ei saada yhteyttä. Käänny vastaanoton puoleen.", busy: "Tarkistetaan…" },
    de: { title: "Willkommen", lead: "Bitte geben Sie den Empfangscode aus Ihrer Einladung ein.", label: "Empfangscode", submit: "Anmelden",
      ok: "Danke – Sie sind angemeldet.", told: "{host} weiß Bescheid, dass Sie da sind.", room: "Raum: {room}", at: "Ihr Termin: {time}",
      unknown: "Dieser Code ist ungültig. Bitte prüfen Sie ihn oder wenden Sie sich an den Empfang.", early: "Die Anmeldung ist noch nicht geöffnet. Sie öffnet um {time}.",
      closed: "Die Anmeldezeit für diesen Besuch ist vorbei. Bitte wenden Sie sich an den Empfang.", slow: "Zu viele Versuche. Bitte wenden Sie sich an den Empfang.",
      empty: "Bitte geben Sie Ihren Code ein.", offline: "Das Empfangssystem ist nicht erreichbar. Bitte wenden Sie sich an den Empfang.", busy: "Wird geprüft …" },
    hu: { title: "Üdvözöljük", lead: "Kérjük, adja meg a meghívójában szereplő recepciós kódot.", label: "Recepciós kód", submit: "Bejelentkezés",
      ok: "Köszönjük, bejelentkezett.", told: "{host} értesítést kapott az érkezéséről.", room: "Terem: {room}", at: "Időpontja: {time}",
      unknown: "A kód érvénytelen. Kérjük, ellenőrizze, vagy forduljon a recepcióhoz.", early: "A bejelentkezés még nem nyílt meg. {time}-tól lehetséges.",
      closed: "Ennek a látogatásnak a bejelentkezési ideje lejárt. Kérjük, forduljon a recepcióhoz.", slow: "Túl sok próbálkozás. Kérjük, forduljon a recepcióhoz.",
      empty: "Kérjük, adja meg a kódját.", offline: "A recepciós rendszer nem érhető el. Kérjük, forduljon a recepcióhoz.", busy: "Ellenőrzés…" }
  };
  var params = new URLSearchParams(location.search);
  var lang = params.get("lang");
  if (!T[lang]) {
    lang = (navigator.language || "en").slice(0, 2);
    if (!T[lang]) lang = "en";
  }
  var $ = function (id) { return document.getElementById(id); };
  var result = $("result"), input = $("code"), button = $("submit");
  var resetTimer = null;

  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return vars && vars[k] != null ? vars[k] : ""; });
  }
  function time(iso) {
    try {
      return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", month: "short", day: "numeric" }).format(new Date(iso));
    } catch (e) { return iso; }
  }
  function setLang(l) {
    lang = l;
    document.documentElement.lang = l;
    document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = T[l][el.getAttribute("data-t")]; });
    document.querySelectorAll(".langs button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === l ? "true" : "false");
    });
    document.title = T[l].title;
  }
  function show(kind, lines) {
    result.className = "result " + kind;
    result.textContent = "";
    lines.forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "strong" : "div");
      el.textContent = line;
      result.appendChild(el);
    });
  }
  function later() {
    clearTimeout(resetTimer);
    resetTimer = setTimeout(function () { input.value = ""; result.textContent = ""; result.className = "result"; input.focus(); }, 20000);
  }
  document.querySelectorAll(".langs button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); input.focus(); });
  });
  $("form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var code = input.value.replace(/[\s-]/g, "").toUpperCase();
    var t = T[lang];
    if (!code) { show("err", [t.empty]); input.focus(); return; }
    button.disabled = true;
    show("", [t.busy]);
    fetch("/v1/checkin/" + encodeURIComponent(code), { method: "POST", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (body) { return { status: r.status, body: body, r: r }; }); })
      .then(function (x) {
        var b = x.body || {};
        if (x.status === 200) {
          var lines = [t.ok];
          if (b.hosts && b.hosts.length) lines.push(fmt(t.told, { host: b.hosts[0] }));
          if (b.start) lines.push(fmt(t.at, { time: time(b.start) }));
          if (b.room) lines.push(fmt(t.room, { room: b.room }));
          show("ok", lines);
          input.value = "";
        } else if (b.code === "checkin_too_early") {
          show("err", [fmt(t.early, { time: time(x.r.headers.get("X-Checkin-Opens") || "") })]);
        } else if (b.code === "checkin_closed") {
          show("err", [t.closed]);
        } else if (x.status === 429) {
          show("err", [t.slow]);
        } else {
          show("err", [t.unknown]);
        }
        later();
      })
      .catch(function () { show("err", [t.offline]); later(); })
      .then(function () { button.disabled = false; });
  });
  setLang(lang);
  input.focus();
})();
