// Pistache adapter.
#include "pistache_adapter.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <pistache/peer.h>

#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "encoding.hpp"
#include "framing.hpp"
#include "log.hpp"

namespace kairos::server::http {
namespace P = Pistache;

namespace {

// Reads a head that frame_request accepted (request line and CRLF-ended header lines,
// validated there) into `req`. Pistache's parser did this before, building a typed
// object for every known header that the adapter then wrote back into text, and
// allocating for each: a third of the adapter's time per request. Refuses (false) a
// method Pistache does not know, as its parser did.
bool read_head(std::string_view head, Request& req, bool& http10) {
  const std::size_t line_end = head.find("\r\n");
  if (line_end == std::string_view::npos) return false;
  const std::string_view line = head.substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 <= sp1) return false;
  const std::string_view method = line.substr(0, sp1);
  static constexpr std::string_view known[] = {"GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  bool ok = false;
  for (auto k : known) ok = ok || k == method;
  if (!ok) return false;
  req.method.assign(method);
  http10 = line.substr(sp2 + 1) == "HTTP/1.0";
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  const std::size_t qmark = target.find('?');
  req.path.assign(target.substr(0, qmark));
  if (qmark != std::string_view::npos) {
    std::string_view q = target.substr(qmark + 1);
    while (!q.empty()) {
      const std::size_t amp = q.find('&');
      const std::string_view pair = q.substr(0, amp);
      q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
      if (pair.empty()) continue;
      const std::size_t eq = pair.find('=');
      std::string key = percent_decode(pair.substr(0, eq), true);
      std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
      req.query.emplace(std::move(key), std::move(value));  // the first of repeated names
    }
  }
  std::size_t pos = line_end + 2;
  std::string name;
  while (pos < head.size()) {
    const std::size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos || end == pos) break;  // the blank line
    const std::string_view field = head.substr(pos, end - pos);
    pos = end + 2;
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos) return false;
    name.assign(field.substr(0, colon));
    for (auto& ch : name)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    std::string_view value = field.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    auto [it, fresh] = req.headers.try_emplace(name, value);
    if (!fresh) it->second.append(", ").append(value);  // repeated fields are one list (RFC 9110 5.3)
  }
  return true;
}

// Pistache 0.0.5 writes only typed headers into responses (raw ones are dropped), so
// every header we send goes through this one typed header with a dynamic name.
class NamedHeader final : public P::Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& os) const override { os << value_; }
  std::uint64_t hash() const override { return P::Http::Header::detail::hash(name_.c_str()); }

 private:
  std::string name_, value_;
};

// Pistache gives no public way to close one connection; its own idle check uses the
// transport's protected removePeer. Reached through a derived class, and only ever
// called on the transport's own reactor thread (where the peer table is not shared).
struct TransportAccess : P::Tcp::Transport {
  static void close(P::Tcp::Transport* t, const std::shared_ptr<P::Tcp::Peer>& peer) {
    auto& peers = t->*(&TransportAccess::peers);
    auto it = peers.find(peer->fd());
    if (it == peers.end() || it->second != peer) return;  // already gone
    (t->*(&TransportAccess::removePeer))(peer);
  }
};

// Open connections, in total and per client address, shared by every reactor thread.
struct Limits {
  std::size_t max_total = 0, max_per_client = 0;
  std::chrono::milliseconds keepalive_idle{0}, pressure_idle{0};
  std::atomic<std::size_t> total{0};
  std::mutex mu;
  std::unordered_map<std::string, std::size_t> per_client;

  enum Verdict { admitted, client_full, server_full };
  Verdict admit(const std::string& client) {
    const std::size_t now_open = ++total;
    std::lock_guard lock(mu);
    const std::size_t mine = ++per_client[client];
    if (now_open > max_total) return server_full;
    if (max_per_client && mine > max_per_client) return client_full;
    return admitted;
  }
  void release(const std::string& client) {
    --total;
    std::lock_guard lock(mu);
    auto it = per_client.find(client);
    if (it != per_client.end() && --it->second == 0) per_client.erase(it);
  }
  bool under_pressure() const { return (total.load() + 1) * 2 > max_total; }
};

// Given back when the peer object goes away, however Pistache closed the connection
// (end of stream, its idle timer, or us).
struct Slot {
  std::shared_ptr<Limits> limits;
  std::string client;
  Slot(std::shared_ptr<Limits> l, std::string c) : limits(std::move(l)), client(std::move(c)) {}
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
  ~Slot() { limits->release(client); }
};

// Per-connection state, kept in the peer's data. Input is processed by the reactor
// thread, or, after a deferred answer (a booking waiting for its commit), by the thread
// that sends that answer: hence the lock (recursive: a synchronous answer re-enters it).
struct Conn {
  std::recursive_mutex mu;
  std::string pending;          // received bytes not yet answered
  bool closing = false;         // answered for the last time: later input is dropped
  bool close_after = false;     // the request being answered ends the connection
  bool continued = false;       // "100 Continue" sent for the request in `pending`
  bool waiting = false;         // a deferred answer is due: later requests wait their turn
  std::atomic<int> writes{0};   // responses queued and not yet written
  std::atomic<std::chrono::steady_clock::rep> last{std::chrono::steady_clock::now().time_since_epoch().count()};
  std::unique_ptr<Slot> slot;
  void touch() { last = std::chrono::steady_clock::now().time_since_epoch().count(); }
  std::chrono::steady_clock::time_point last_time() const {
    return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last.load()));
  }
};
constexpr const char* kConnData = "kairos.conn";

std::shared_ptr<Conn> conn_of(const std::shared_ptr<P::Tcp::Peer>& peer) {
  return std::static_pointer_cast<Conn>(peer->tryGetData(kConnData));
}

class Handler final : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  Handler(Front* front, std::shared_ptr<Limits> limits, FramingLimits framing)
      : front_(front), limits_(std::move(limits)), framing_(framing) {}

  // Replaces Pistache's connection step (private in Http::Handler; it only creates the
  // parser) to count the connection and refuse it beyond the caps.
  void onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
    peer->putData(ParserData, std::make_shared<P::Http::RequestParser>(getMaxRequestSize()));
    auto c = std::make_shared<Conn>();
    const std::string client = peer->address().host();
    if (limits_->under_pressure()) close_idle(peer);  // first, so the newcomer can take a freed place
    const auto verdict = limits_->admit(client);
    c->slot = std::make_unique<Slot>(limits_, client);
    peer->putData(kConnData, c);
    if (verdict == Limits::admitted) return;
    // The answer fits any socket buffer; shutting the socket down makes Pistache see the
    // end of the stream and drop the peer once it is registered.
    c->closing = true;
    static const std::string body =
        R"({"type":"https://kairos.example/problems/too_many_connections","title":"Service Unavailable",)"
        R"("status":503,"code":"too_many_connections","detail":"Too many open connections; retry shortly."})";
    static const std::string answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                                      "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body;
    [[maybe_unused]] auto sent = ::send(peer->fd(), answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(peer->fd(), SHUT_RDWR);
    log::warn("connection refused", {{"client", client},
                                     {"reason", verdict == Limits::server_full ? "server_full" : "client_full"}});
  }

  // Replaces Pistache's input step (private in Http::Handler): requests are framed by
  // frame_request and read by read_head one complete request at a time (Pistache's
  // parser only keeps the header timeout's clock).
  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override {
    reactor_ = std::this_thread::get_id();
    auto c = conn_of(peer);
    if (!c) return;
    std::lock_guard lock(c->mu);
    if (c->closing) return;  // answered for the last time: the rest is never parsed
    if (c->pending.empty() && !c->waiting) getParser(peer)->reset();  // the header timeout counts from a request's first byte
    c->pending.append(buffer, len);
    c->touch();
    peer->setIdle(false);
    if (c->waiting) return;  // answered in order once the deferred answer is sent
    process(peer, c);
  }

  // Answers the complete requests in `pending`, in order, until one is deferred. Called
  // with c->mu held.
  void process(const std::shared_ptr<P::Tcp::Peer>& peer, const std::shared_ptr<Conn>& c) {
    auto parser = getParser(peer);
    while (!c->closing && !c->waiting) {
      c->pending.erase(0, leading_empty_lines(c->pending));
      if (c->pending.empty()) break;
      const Frame f = frame_request(c->pending, framing_);
      if (f.kind == Frame::error) {
        answer_bad(peer, *c, f.status, f.code, f.detail);
        return;
      }
      if (f.kind == Frame::incomplete) {
        if (f.head_bytes && f.expect_continue && !c->continued) {
          c->continued = true;
          write_out(peer, c, "HTTP/1.1 100 Continue\r\n\r\n", {}, false);
        }
        return;
      }
      const std::size_t total = f.head_bytes + f.body_bytes;
      c->close_after = f.close;
      c->continued = false;
      auto req = std::make_shared<Request>();
      bool http10 = false;
      if (!read_head(std::string_view(c->pending.data(), f.head_bytes), *req, http10)) {
        answer_bad(peer, *c, 400, "bad_request", "The request could not be parsed.");
        return;
      }
      req->body.assign(c->pending, f.head_bytes, f.body_bytes);
      req->client = c->slot ? c->slot->client : peer->address().host();
      c->pending.erase(0, total);
      serve(std::move(req), http10 ? P::Http::Version::Http10 : P::Http::Version::Http11, peer, c);
      parser->reset();  // the header timeout of the next request counts from here
    }
    if (!c->closing && !c->waiting && c->pending.empty()) peer->setIdle(true);  // keep-alive timeout from here
  }

  void onRequest(const P::Http::Request&, P::Http::ResponseWriter) override {}  // never called: serve() is

  // Hands one request to the Front. Its answer is sent at once, or later by whichever
  // thread completes it; until then the connection's next requests wait (c->waiting).
  void serve(std::shared_ptr<Request> req, P::Http::Version version, const std::shared_ptr<P::Tcp::Peer>& peer,
             const std::shared_ptr<Conn>& c) {
    auto answered = std::make_shared<bool>(false);  // guarded by c->mu
    const bool close = c->close_after;
    std::weak_ptr<P::Tcp::Peer> weak = peer;
    front_->handle(std::move(req), [this, version, answered, close, weak, c](Response res) {
      std::lock_guard lock(c->mu);
      *answered = true;
      auto p = weak.lock();
      try {
        send(version, res, close, p, c);
      } catch (const std::exception&) {
        // the connection went away meanwhile
      }
      if (c->waiting) {  // a deferred answer: the requests that arrived meanwhile, in order
        c->waiting = false;
        if (p && !c->closing) process(p, c);
      }
    });
    if (!*answered) c->waiting = true;
  }

  void onTimeout(const P::Http::Request&, P::Http::ResponseWriter out) override {
    out.headers().add(std::make_shared<NamedHeader>("Content-Type", "application/problem+json"));
    out.send(P::Http::Code::Request_Timeout,
             R"({"type":"https://kairos.example/problems/request_timeout","title":"Request Timeout","status":408,)"
             R"("code":"request_timeout","detail":"The request was not received in time."})");
  }

 private:
  // A request that cannot be framed or parsed: answer it and close, since where the
  // next request would begin is unknown.
  void answer_bad(const std::shared_ptr<P::Tcp::Peer>& peer, Conn& c, int status, const std::string& code,
                  const std::string& detail) {
    c.pending.clear();
    try {
      Request bad;
      bad.method = "INVALID";
      bad.client = peer->address().host();
      Response res = front_->reject(bad, http::problem(status, code, detail));
      send(P::Http::Version::Http11, res, true, peer, conn_of(peer));
    } catch (const std::exception&) {
      c.closing = true;
      if (std::this_thread::get_id() == reactor_)
        TransportAccess::close(transport(), peer);
      else
        ::shutdown(peer->fd(), SHUT_RDWR);
    }
  }

  // Writes an answer. Pistache's ResponseWriter copied a body three times (into its
  // stream, its buffer and its write queue) and built every header through a typed
  // object; here the status line and headers are written once, and when nothing of this
  // connection waits in Pistache's write queue, head and (shared, cached) body go to the
  // socket in one sendmsg without copying the body. Whatever the socket does not take
  // at once goes through Pistache's queue (order kept: c->writes counts what is queued).
  void send(P::Http::Version version, Response& res, bool close, const std::shared_ptr<P::Tcp::Peer>& peer,
            const std::shared_ptr<Conn>& c) {
    if (!peer) return;
    const std::string_view body = res.shared_body ? std::string_view(*res.shared_body) : std::string_view(res.body);
    std::string head;
    head.reserve(768);
    head += version == P::Http::Version::Http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head += std::to_string(res.status);
    head += ' ';
    head += P::Http::codeString(static_cast<P::Http::Code>(res.status));
    head += "\r\n";
    if (!res.content_type.empty()) res.headers.emplace_back("Content-Type", res.content_type);
    auto& hs = res.headers;
    for (std::size_t i = 0; i < hs.size(); ++i) {  // one line per name; repeats are joined
      if (hs[i].first.empty()) continue;           // already joined into an earlier line
      head += hs[i].first;
      head += ": ";
      head += hs[i].second;
      for (std::size_t j = i + 1; j < hs.size(); ++j) {
        if (hs[j].first != hs[i].first) continue;
        head += ", ";
        head += hs[j].second;
        hs[j].first.clear();
      }
      head += "\r\n";
    }
    // No Content-Length on 1xx, 204 and 304 (RFC 9110 8.6: a 304's would have to be the
    // length of the 200 it stands for; those answers have no content).
    if (res.status >= 200 && res.status != 204 && res.status != 304) {
      head += "Content-Length: ";
      head += std::to_string(body.size());
      head += "\r\n";
    }
    head += close ? "Connection: Close\r\n\r\n" : "Connection: Keep-Alive\r\n\r\n";  // as Pistache wrote them
    if (c && close) c->closing = true;
    const BodyFile* file = res.body_file && res.shared_body && res.body_file->size() == body.size() ? res.body_file.get() : nullptr;
    write_out(peer, c, std::move(head), body, close, file);
  }

  // `file`, when given, holds the same bytes as `body`: sent with sendfile after the
  // head (no copy of the body into the socket), the rest from `body` if the socket
  // takes only part of it.
  void write_out(const std::shared_ptr<P::Tcp::Peer>& peer, const std::shared_ptr<Conn>& c, std::string head,
                 std::string_view body, bool close, const BodyFile* file = nullptr) {
    std::size_t written = 0;
    const std::size_t total = head.size() + body.size();
    if (c && c->writes == 0) {
      ssize_t n;
      bool broken = false;
      if (file) {
        // MSG_MORE: the head waits for the body's first bytes (one segment, as with
        // sendmsg); if the body cannot follow at once, the queued rest flushes it.
        do {
          n = ::send(peer->fd(), head.data(), head.size(), MSG_NOSIGNAL | MSG_DONTWAIT | MSG_MORE);
        } while (n < 0 && errno == EINTR);
        broken = n < 0 && errno != EAGAIN && errno != EWOULDBLOCK;
        if (n >= 0) written = static_cast<std::size_t>(n);
        if (written == head.size()) {
          off_t off = 0;
          while (static_cast<std::size_t>(off) < body.size()) {
            const ssize_t f = ::sendfile(peer->fd(), file->fd(), &off, body.size() - static_cast<std::size_t>(off));
            if (f < 0 && errno == EINTR) continue;
            if (f < 0) broken = errno != EAGAIN && errno != EWOULDBLOCK;
            if (f <= 0) break;
          }
          written += static_cast<std::size_t>(off);
        }
      } else {
        iovec iov[2] = {{head.data(), head.size()}, {const_cast<char*>(body.data()), body.size()}};
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = body.empty() ? 1 : 2;
        do {
          n = ::sendmsg(peer->fd(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        broken = n < 0 && errno != EAGAIN && errno != EWOULDBLOCK;  // the peer is gone
        if (n >= 0) written = static_cast<std::size_t>(n);
      }
      if (written == total || broken) {
        c->touch();
        if (close || broken) {
          // Shut down, not closed here: Pistache may be holding the peer by reference
          // while it calls us; it sees the end of the stream and drops the peer itself.
          c->closing = true;
          ::shutdown(peer->fd(), SHUT_RDWR);
        }
        return;
      }
    }
    std::string rest;
    rest.reserve(total - written);
    if (written < head.size()) rest.append(head, written, std::string::npos);
    const std::size_t body_from = written > head.size() ? written - head.size() : 0;
    rest.append(body.substr(body_from));
    if (c) ++c->writes;
    const std::size_t size = rest.size();
    auto sent = peer->send(P::RawBuffer(std::move(rest), size), MSG_NOSIGNAL);
    if (!c) return;
    // Runs once the answer is on the wire (or failed), on the reactor thread, or on the
    // sending thread when the write finished before this was attached: there the
    // connection is only shut down, and the reactor drops it.
    std::weak_ptr<P::Tcp::Peer> weak = peer;
    auto* transport = this->transport();
    const auto reactor = reactor_;
    auto done = [weak, transport, close, reactor]() {
      auto p = weak.lock();
      if (!p) return;
      if (auto cs = conn_of(p)) {
        --cs->writes;
        cs->touch();
      }
      if (!close) return;
      if (std::this_thread::get_id() == reactor)
        TransportAccess::close(transport, p);
      else
        ::shutdown(p->fd(), SHUT_RDWR);
    };
    sent.then([done](ssize_t) { done(); }, [done](std::exception_ptr) { done(); });
  }

  // Under pressure, keep-alive connections of this thread that wait for nothing give
  // their place to new clients (at most one sweep every 100 ms).
  void close_idle(const std::shared_ptr<P::Tcp::Peer>& except) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sweep_ < std::chrono::milliseconds(100)) return;
    last_sweep_ = now;
    for (const auto& p : transport()->getAllPeer()) {
      if (p == except) continue;
      auto c = conn_of(p);
      if (!c) continue;
      std::unique_lock lock(c->mu, std::try_to_lock);
      if (!lock.owns_lock() || c->closing || c->waiting || !c->pending.empty() || c->writes > 0) continue;
      if (now - c->last_time() >= limits_->pressure_idle) TransportAccess::close(transport(), p);
    }
  }

  Front* front_;
  std::shared_ptr<Limits> limits_;
  FramingLimits framing_;
  std::chrono::steady_clock::time_point last_sweep_{};
  std::thread::id reactor_;  // this handler's reactor thread (one handler per thread)
};

}  // namespace

struct Listener::Impl {
  Front& front;
  ListenOptions opts;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  std::shared_ptr<Limits> limits;
};

Listener::Listener(Front& front, ListenOptions opts) : impl_(new Impl{front, std::move(opts), nullptr, nullptr}) {}
Listener::~Listener() = default;

// The descriptor table bounds the connections: raise the soft limit to the hard one and
// keep a reserve for the database, static files and outgoing mail.
std::size_t connection_cap(std::size_t wanted) {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return wanted ? wanted : 1024;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
  }
  const std::size_t fds = rl.rlim_cur == RLIM_INFINITY ? 65536 : static_cast<std::size_t>(rl.rlim_cur);
  const std::size_t room = fds > 256 ? fds - 128 : fds / 2;
  const std::size_t cap = wanted ? std::min(wanted, room) : std::min<std::size_t>(room, 10000);
  return std::max<std::size_t>(cap, 1);
}

void Listener::start() {
  auto limits = std::make_shared<Limits>();
  limits->max_total = connection_cap(impl_->opts.max_connections);
  limits->max_per_client = impl_->opts.max_connections_per_client;
  limits->keepalive_idle = impl_->opts.keepalive_idle;
  limits->pressure_idle = impl_->opts.pressure_idle;
  impl_->limits = limits;
  FramingLimits framing;
  framing.max_body_bytes = impl_->opts.max_body_bytes;
  framing.max_header_bytes = impl_->opts.max_header_bytes;
  P::Address addr(impl_->opts.bind, P::Port(static_cast<std::uint16_t>(impl_->opts.port)));
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(addr);
  auto o = P::Http::Endpoint::options()
               .threads(impl_->opts.threads)
               .flags(P::Tcp::Options::ReuseAddr)
               .maxRequestSize(impl_->opts.max_body_bytes + impl_->opts.max_header_bytes)
               .maxResponseSize(64 * 1024 * 1024)
               .headerTimeout(std::chrono::seconds(10))
               .bodyTimeout(std::chrono::seconds(30))
               .keepaliveTimeout(impl_->opts.keepalive_idle);
  impl_->endpoint->init(o);
  impl_->endpoint->setHandler(std::make_shared<Handler>(&impl_->front, limits, framing));
  impl_->endpoint->serveThreaded();
}

int Listener::port() const { return impl_->endpoint ? static_cast<int>(static_cast<std::uint16_t>(impl_->endpoint->getPort())) : 0; }

std::size_t Listener::max_connections() const { return impl_->limits ? impl_->limits->max_total : 0; }

void Listener::shutdown() {
  if (impl_->endpoint) impl_->endpoint->shutdown();
}

}  // namespace kairos::server::http
