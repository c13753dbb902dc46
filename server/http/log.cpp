// Log writer. Lines are formatted by the caller's thread; info and debug lines (the
// access log: one per request) are appended to a buffer that a writer thread hands to
// stderr in batches, at most 2 ms after the first line of a batch (one write per batch
// instead of one per request); warnings and errors are written at once, after what is
// buffered, so the order of lines is kept. The buffer is written at exit.
#include "log.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <thread>

namespace kairos::server::log {
namespace {
std::atomic<int> g_level{static_cast<int>(Level::info)};
const char* name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

void write_fd(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to log to
    done += static_cast<std::size_t>(n);
  }
}

// Never destroyed (threads may log while the process exits); what is buffered is
// written by an atexit handler.
class Writer {
 public:
  void add(std::string_view line, bool now) {
    std::unique_lock lock(mu_);
    const bool was_empty = buf_.empty();
    buf_.append(line);
    if (now || buf_.size() >= kMaxBuffered) {
      std::string out;
      out.swap(buf_);
      std::lock_guard out_lock(out_mu_);  // after a batch the thread is writing
      lock.unlock();
      write_fd(out);
      return;
    }
    if (!thread_.joinable()) {
      // Started with every signal blocked: the server's main thread waits for SIGTERM
      // with sigwait, which works only while no other thread would take it.
      sigset_t all, old;
      sigfillset(&all);
      pthread_sigmask(SIG_SETMASK, &all, &old);
      thread_ = std::thread([this] { run(); });
      pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }
    if (was_empty) cv_.notify_one();
  }

  void flush() {
    std::unique_lock lock(mu_);
    std::string out;
    out.swap(buf_);
    std::lock_guard out_lock(out_mu_);
    lock.unlock();
    if (!out.empty()) write_fd(out);
  }

 private:
  static constexpr std::size_t kMaxBuffered = 64 * 1024;

  void run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return !buf_.empty(); });
      // Let the batch grow a little: under load one write carries many lines.
      cv_.wait_for(lock, std::chrono::milliseconds(2), [] { return false; });
      std::string out;
      out.swap(buf_);
      {
        std::lock_guard out_lock(out_mu_);
        lock.unlock();
        if (!out.empty()) write_fd(out);
      }
      lock.lock();
    }
  }

  std::mutex mu_;      // buf_
  std::mutex out_mu_;  // taken (after mu_) while a batch is written: batches stay in order
  std::condition_variable cv_;
  std::string buf_;
  std::thread thread_;
};

Writer& writer() {
  static Writer* w = [] {
    auto* made = new Writer;
    std::atexit([] { writer().flush(); });
    return made;
  }();
  return *w;
}

// "2026-11-30T10:00:00.123Z"; the date and time part is formatted once per second per thread.
void timestamp(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto secs = static_cast<std::time_t>(ms / 1000);
  thread_local std::time_t cached_secs = -1;
  thread_local char cached[80];
  if (secs != cached_secs) {
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::snprintf(cached, sizeof cached, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_secs = secs;
  }
  const int f = static_cast<int>(ms % 1000);
  const char frac[] = {'.', static_cast<char>('0' + f / 100), static_cast<char>('0' + f / 10 % 10),
                       static_cast<char>('0' + f % 10), 'Z'};
  out += cached;
  out.append(frac, sizeof frac);
}

// A JSON string as nlohmann::json dumps it with error_handler_t::replace: quotes,
// backslashes and control characters escaped, invalid UTF-8 replaced by U+FFFD.
void json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", c);
            out += esc;
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence (no overlongs, surrogates or values past U+10FFFF).
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len >= 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xE0) ok = c1 >= 0xA0;
      if (c == 0xED) ok = c1 < 0xA0;
      if (c == 0xF0) ok = c1 >= 0x90;
      if (c == 0xF4) ok = c1 < 0x90;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out.push_back('"');
}
}  // namespace

void set_level(Level l) { g_level = static_cast<int>(l); }
bool enabled(Level l) { return static_cast<int>(l) >= g_level.load(std::memory_order_relaxed); }

bool parse_level(std::string_view text, Level& out) {
  for (Level l : {Level::debug, Level::info, Level::warn, Level::error})
    if (text == name(l)) {
      out = l;
      return true;
    }
  return false;
}

void write(Level l, std::string_view msg, nlohmann::json fields) {
  if (!enabled(l)) return;
  std::string ts;
  timestamp(ts);
  nlohmann::json line{{"ts", ts}, {"level", name(l)}, {"msg", std::string(msg)}};
  if (fields.is_object())
    for (auto& [k, v] : fields.items()) line[k] = v;
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  writer().add(text, l >= Level::warn);
}

void access(std::string_view method, std::string_view path, std::string_view route, int status, double ms,
            std::string_view client) {
  if (!enabled(Level::info)) return;
  // The keys in the order nlohmann::json writes an object (sorted), as write() does.
  thread_local std::string text;
  text.clear();
  text += "{\"client\":";
  json_string(text, client);
  text += ",\"level\":\"info\",\"method\":";
  json_string(text, method);
  // Integers instead of printf's %.3f and %d (printf's float formatting was 2 % of the
  // server's time answering cached slots at 64 connections).
  char num[24];
  const long long us = std::llround((ms < 0 ? 0 : ms) * 1000);
  text += ",\"ms\":";
  text.append(num, std::to_chars(num, num + sizeof num, us / 1000).ptr);
  const int frac = static_cast<int>(us % 1000);
  const char digits[] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                         static_cast<char>('0' + frac % 10)};
  text.append(digits, sizeof digits);
  text += ",\"msg\":\"request\",\"path\":";
  json_string(text, path);
  text += ",\"route\":";
  json_string(text, route);
  text += ",\"status\":";
  text.append(num, std::to_chars(num, num + sizeof num, status).ptr);
  text += ",\"ts\":\"";
  timestamp(text);
  text += "\"}\n";
  writer().add(text, false);
}

void flush() { writer().flush(); }

}  // namespace kairos::server::log
