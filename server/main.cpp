// kairos-server: opens the store, seeds what was asked for, serves the API and the
// widget, runs the scheduled sweep, and shuts down gracefully on SIGINT/SIGTERM
// (stops accepting work, lets in-flight requests finish, then closes the store).
#include <malloc.h>

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "app/app.hpp"
#include "app/delivery_service.hpp"
#include "app/staff.hpp"
#include "http/front.hpp"
#include "http/log.hpp"
#include "http/pistache_adapter.hpp"
#include "integrations/integrations.hpp"
#include "store/migrate.hpp"
#include "store/open.hpp"

using namespace kairos::server;

int main(int argc, char** argv) {
  // Slot answers are tens of kilobytes and Pistache grows its response buffer by
  // reallocation: keep such blocks on the heap instead of mmap/munmap per response
  // (page faults were a tenth of the slot endpoint's time).
  mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  if (argc > 1 && std::string_view(argv[1]) == "migrate") return store::migrate_main(argc - 1, argv + 1);
  int code = 0;
  auto cfg = parse_config(argc, argv, code);
  if (!cfg) return code;
  log::Level level;
  if (!log::parse_level(cfg->log_level, level)) {
    std::cerr << "kairos-server: --log-level is debug, info, warn or error\n";
    return 2;
  }
  log::set_level(level);

  // Block the signals before any thread starts, so only sigwait below receives them.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  http::Metrics metrics;
  http::Router router;
  std::unique_ptr<store::Store> store;
  if (!cfg->print_routes) {
    try {
      store = store::open_store(cfg->db);
    } catch (const std::exception& e) {
      log::error("cannot open the database", {{"db", cfg->db}, {"error", e.what()}});
      return 1;
    }
  }
  // --print-routes never touches the store; an in-memory one satisfies the reference.
  if (!store) store = store::open_sqlite_store(":memory:");
  std::optional<App> app_holder;
  try {
    app_holder.emplace(*cfg, *store, metrics);  // reads or creates the link secret: a first write
  } catch (const std::exception& e) {
    log::error("cannot use the database", {{"db", cfg->db}, {"error", e.what()}});
    return 1;
  }
  App& app = *app_holder;
  app.register_routes(router);

  if (cfg->print_routes) {
    for (const auto& r : router.routes())
      if (r.documented) std::cout << r.method << " " << r.pattern << "\n";
    return 0;
  }

  try {
    if (!cfg->admin_key.empty()) app.keys.ensure_account(cfg->admin_key, "admin");
    if (cfg->demo) {
      std::string key = app.seed_demo();
      std::cout << "Kairos demo ready.\n  owner API key: " << key << "\n  console:       " << cfg->public_url
                << "/console/  (sign in as " << kDemoOwnerEmail << " / " << kDemoOwnerPassword << ")"
                << "\n  demo site:     " << cfg->public_url
                << "/demo/\n  page:          " << cfg->public_url << "/v1/pages/demo\n"
                << std::flush;
    }
  } catch (const std::exception& e) {
    log::error("start-up failed", {{"error", e.what()}});
    return 1;
  }

  http::FrontOptions fo;
  fo.cors_origins = cfg->cors_origins;
  fo.body_limit = cfg->body_limit;
  fo.https = cfg->public_url.rfind("https://", 0) == 0;
  fo.trust_proxy = cfg->trust_proxy;
  http::Front front(fo, router, metrics, [&app](const std::string& key) { return app.keys.account_for(key); });
  front.set_authenticator([&app](http::Request& req) { return authenticate(app, req); });  // keys and sessions

  http::ListenOptions lo;
  lo.bind = cfg->bind;
  lo.port = cfg->port;
  lo.threads = cfg->threads;
  lo.max_body_bytes = cfg->body_limit;
  lo.max_connections = static_cast<std::size_t>(cfg->max_connections);
  // Behind a proxy every connection comes from the proxy: no per-address cap by default.
  lo.max_connections_per_client =
      static_cast<std::size_t>(cfg->max_connections_per_client >= 0 ? cfg->max_connections_per_client
                                                                    : (cfg->trust_proxy ? 0 : 64));
  lo.keepalive_idle = std::chrono::seconds(cfg->keepalive_seconds);
  http::Listener listener(front, lo);
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  // Before requests arrive: slots must see the calendars' busy blocks from the first
  // answer, and adding a calendar wakes the fetcher thread.
  try {
    integ::start(app);
  } catch (const std::exception& e) {
    log::error("cannot open the integration tables", {{"error", e.what()}});
    return 1;
  }
  bool fetch_now = false;
  app.integrations.wake_fetcher = [&] {
    {
      std::lock_guard lock(stop_mu);
      fetch_now = true;
    }
    stop_cv.notify_all();
  };
  try {
    listener.start();
  } catch (const std::exception& e) {
    log::error("cannot listen", {{"bind", cfg->bind}, {"port", cfg->port}, {"error", e.what()}});
    return 1;
  }
  log::info("listening", {{"bind", cfg->bind}, {"port", listener.port()}, {"db", cfg->db}, {"threads", cfg->threads},
                         {"max_connections", listener.max_connections()}});
  std::printf("listening on %s:%d\n", cfg->bind.c_str(), listener.port());
  std::fflush(stdout);

  try {
    start_delivery(app);
  } catch (const std::exception& e) {
    log::error("cannot start mail delivery", {{"error", e.what()}});
    return 1;
  }
  if (cfg->smtp.empty()) log::warn("no --smtp: messages wait in the outbox until a server with SMTP runs", {});

  std::thread scheduler([&] {
    std::unique_lock lock(stop_mu);
    while (!stopping) {
      lock.unlock();
      try {
        app.sweep();
      } catch (const std::exception& e) {
        log::error("scheduled sweep failed", {{"error", e.what()}});
      }
      lock.lock();
      stop_cv.wait_for(lock, std::chrono::seconds(cfg->scheduler_seconds), [&] { return stopping; });
    }
  });

  std::thread delivery([&] {
    std::unique_lock lock(stop_mu);
    while (!stopping) {
      lock.unlock();
      try {
        run_delivery_once(app);
      } catch (const std::exception& e) {
        log::error("outbox delivery failed", {{"error", e.what()}});
      }
      lock.lock();
      stop_cv.wait_for(lock, std::chrono::seconds(cfg->delivery_seconds), [&] { return stopping; });
    }
  });

  // Calendar feeds: fetched on their own thread, so a slow or dead feed never holds a
  // request or the mail; a new subscription wakes it at once.
  std::thread fetcher([&] {
    std::unique_lock lock(stop_mu);
    while (!stopping) {
      fetch_now = false;
      lock.unlock();
      try {
        integ::run_calendar_pass(app);
      } catch (const std::exception& e) {
        log::error("calendar pass failed", {{"error", e.what()}});
      }
      lock.lock();
      stop_cv.wait_for(lock, std::chrono::seconds(cfg->feed_seconds), [&] { return stopping || fetch_now; });
    }
  });
  std::thread webhooks([&] {
    std::unique_lock lock(stop_mu);
    while (!stopping) {
      lock.unlock();
      try {
        integ::run_webhooks_once(app);
      } catch (const std::exception& e) {
        log::error("webhook delivery failed", {{"error", e.what()}});
      }
      lock.lock();
      stop_cv.wait_for(lock, std::chrono::seconds(cfg->delivery_seconds), [&] { return stopping; });
    }
  });

  int sig = 0;
  sigwait(&sigs, &sig);
  log::info("shutting down", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
  front.start_draining();
  bool idle = front.wait_idle(10000);
  listener.shutdown();
  {
    std::lock_guard lock(stop_mu);
    stopping = true;
  }
  stop_cv.notify_all();
  scheduler.join();
  delivery.join();
  fetcher.join();
  webhooks.join();
  integ::stop(app);
  app.integrations.wake_fetcher = nullptr;
  store.reset();
  log::info("stopped", {{"drained", idle}});
  return 0;
}
