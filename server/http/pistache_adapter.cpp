// Pistache adapter.
#include "pistache_adapter.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <pistache/peer.h>

#include <sys/resource.h>
#include <sys/socket.h>

#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "framing.hpp"
#include "log.hpp"

namespace kairos::server::http {
namespace P = Pistache;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

// Per-connection state, kept in the peer's data.
struct Conn {
  std::string pending;          // received bytes not yet answered
  bool closing = false;         // answered for the last time: later input is dropped
  bool close_after = false;     // the request being answered ends the connection
  bool continued = false;       // "100 Continue" sent for the request in `pending`
  int writes = 0;               // responses queued and not yet written
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  std::unique_ptr<Slot> slot;
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
  // frame_request and handed to Pistache's parser one complete request at a time.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override {
    auto c = conn_of(peer);
    if (!c || c->closing) return;  // answered for the last time: the rest is never parsed
    auto parser = getParser(peer);
    if (c->pending.empty()) parser->reset();  // the header timeout counts from a request's first byte
    c->pending.append(buffer, len);
    c->last = std::chrono::steady_clock::now();
    peer->setIdle(false);
    while (!c->closing) {
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
          static const std::string cont = "HTTP/1.1 100 Continue\r\n\r\n";
          peer->send(P::RawBuffer(cont.data(), cont.size()), MSG_NOSIGNAL);
        }
        return;
      }
      const std::size_t total = f.head_bytes + f.body_bytes;
      c->close_after = f.close;
      c->continued = false;
      bool parsed = false;
      try {
        parser->reset();
        parsed = parser->feed(c->pending.data(), total) && parser->parse() == P::Http::Private::State::Done;
      } catch (const std::exception&) {
        parsed = false;
      }
      if (!parsed) {
        answer_bad(peer, *c, 400, "bad_request", "The request could not be parsed.");
        return;
      }
      auto& request = parser->request;
      request.copyAddress(peer->address());
      onRequest(request, P::Http::ResponseWriter(request.version(), transport(), this, peer));
      c->pending.erase(0, total);
      parser->reset();
    }
    if (!c->closing && c->pending.empty()) peer->setIdle(true);  // keep-alive timeout from here
  }

  void onRequest(const P::Http::Request& in, P::Http::ResponseWriter out) override {
    Request req;
    req.method = P::Http::methodString(in.method());
    req.path = in.resource();
    for (auto it = in.query().parameters_begin(); it != in.query().parameters_end(); ++it)
      req.query[percent_decode(it->first, true)] = percent_decode(it->second, true);
    for (const auto& [name, raw] : in.headers().rawList()) req.headers[lower(name)] = raw.value();
    std::ostringstream os;  // one stream for every typed header (this runs per request)
    for (const auto& h : in.headers().list()) {
      os.str(std::string());
      h->write(os);
      req.headers[lower(h->name())] = os.str();
    }
    req.body = in.body();
    req.client = in.address().host();

    Response res = front_->handle(req);
    auto peer = out.peer();
    auto c = peer ? conn_of(peer) : nullptr;
    send(out, res, !c || c->close_after, peer, c);
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
      P::Http::ResponseWriter response(P::Http::Version::Http11, transport(), this, peer);
      Request bad;
      bad.method = "INVALID";
      bad.client = peer->address().host();
      Response res = front_->reject(bad, http::problem(status, code, detail));
      send(response, res, true, peer, conn_of(peer));
    } catch (const std::exception&) {
      c.closing = true;
      TransportAccess::close(transport(), peer);
    }
  }

  void send(P::Http::ResponseWriter& out, Response& res, bool close, const std::shared_ptr<P::Tcp::Peer>& peer,
            const std::shared_ptr<Conn>& c) {
    auto& hs = out.headers();
    // Pistache closes unless the client sent "Connection: keep-alive"; HTTP/1.1 keeps
    // connections open unless the client says otherwise.
    hs.remove<P::Http::Header::Connection>();
    hs.add<P::Http::Header::Connection>(close ? P::Http::ConnectionControl::Close
                                              : P::Http::ConnectionControl::KeepAlive);
    if (!res.content_type.empty()) res.headers.emplace_back("Content-Type", res.content_type);
    std::map<std::string, std::string> merged;  // one line per name; repeats are joined
    for (auto& [k, v] : res.headers) {
      auto& slot = merged[k];
      slot = slot.empty() ? v : slot + ", " + v;
    }
    for (auto& [k, v] : merged) hs.add(std::make_shared<NamedHeader>(k, v));
    if (c) {
      ++c->writes;
      if (close) c->closing = true;
    }
    auto sent = res.shared_body ? out.send(static_cast<P::Http::Code>(res.status), res.shared_body->data(),
                                           res.shared_body->size())
                                : out.send(static_cast<P::Http::Code>(res.status), res.body);
    if (!peer || !c) return;
    // Runs on this reactor thread once the answer is on the wire (or failed); a closing
    // connection ends there, so nothing after the answer is read.
    std::weak_ptr<P::Tcp::Peer> weak = peer;
    auto* transport = this->transport();
    auto done = [weak, transport, close]() {
      auto p = weak.lock();
      if (!p) return;
      if (auto cs = conn_of(p)) {
        --cs->writes;
        cs->last = std::chrono::steady_clock::now();
      }
      if (close) TransportAccess::close(transport, p);
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
      if (!c || c->closing || !c->pending.empty() || c->writes > 0) continue;
      if (now - c->last >= limits_->pressure_idle) TransportAccess::close(transport(), p);
    }
  }

  Front* front_;
  std::shared_ptr<Limits> limits_;
  FramingLimits framing_;
  std::chrono::steady_clock::time_point last_sweep_{};
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
