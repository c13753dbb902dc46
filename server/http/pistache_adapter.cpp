// Pistache adapter.
#include "pistache_adapter.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <pistache/peer.h>

#include <map>
#include <sstream>
#include <string_view>

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

bool ieq_prefix(const char* p, const char* end, std::string_view word) {
  if (static_cast<std::size_t>(end - p) < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(p[i])) != word[i]) return false;
  return true;
}

// A Content-Length that is not a plain decimal number Pistache can hold (negative,
// garbage, 19+ digits) makes it answer 500 with a C++ exception text. Such a header is
// renamed in place ("Xontent-Length", same size), so the request reaches the Front
// without a body, which answers 400.
bool has_bad_content_length(const char* buf, std::size_t len, std::size_t& name_at) {
  const char* end = buf + len;
  for (const char* p = buf; p + 16 < end; ++p) {
    if (*p != '\n' || !ieq_prefix(p + 1, end, "content-length:")) continue;
    const char* v = p + 16;
    while (v < end && (*v == ' ' || *v == '\t')) ++v;
    std::size_t digits = 0;
    while (v < end && *v >= '0' && *v <= '9') ++v, ++digits;
    while (v < end && (*v == ' ' || *v == '\t')) ++v;
    if (v < end && (digits == 0 || digits > 15 || (*v != '\r' && *v != '\n'))) {
      name_at = static_cast<std::size_t>(p + 1 - buf);
      return true;
    }
  }
  return false;
}

class Handler final : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  explicit Handler(Front* front) : front_(front) {}

  // Replaces Pistache's own input step (private in Http::Handler, so it cannot be
  // wrapped) with the same sequence, minus its faults: a parse failure answers a generic
  // problem instead of the C++ exception text.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override {
    std::string copy;
    std::size_t at = 0;
    if (has_bad_content_length(buffer, len, at)) {
      copy.assign(buffer, len);
      do {
        copy[at] = 'X';
      } while (has_bad_content_length(copy.data(), copy.size(), at));
      buffer = copy.data();
    }
    auto parser = getParser(peer);
    auto& request = parser->request;
    int status = 0;
    try {
      if (!parser->feed(buffer, len)) {
        status = 413;
      } else if (parser->parse() == P::Http::Private::State::Done) {
        P::Http::ResponseWriter response(request.version(), transport(), this, peer);
        request.copyAddress(peer->address());
        peer->setIdle(false);
        onRequest(request, std::move(response));
        parser->reset();
      }
    } catch (const P::Http::HttpError& e) {
      status = e.code() >= 400 && e.code() < 600 ? e.code() : 400;
    } catch (const std::exception&) {
      status = 400;
    }
    if (status == 0) return;
    try {
      P::Http::ResponseWriter response(request.version(), transport(), this, peer);
      Request bad;
      bad.method = "INVALID";
      bad.client = peer->address().host();
      Response res = front_->reject(bad, status == 413 ? http::problem(413, "payload_too_large", "The request is too large.")
                                                       : http::problem(status, "bad_request", "The request could not be parsed."));
      write(response, res, true);
    } catch (const std::exception&) {
    }
    parser->reset();
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

    Response res = req.headers.count("xontent-length")
                       ? front_->reject(req, http::problem(400, "invalid_content_length",
                                                           "Content-Length must be a decimal number of bytes."))
                       : front_->handle(req);

    bool close = req.headers.count("xontent-length") > 0;  // the unread body follows: drop it
    if (close) {
    } else if (auto c = req.header("connection")) close = lower(*c).find("close") != std::string::npos;
    else close = in.version() == P::Http::Version::Http10;
    write(out, res, close);
  }

  static void write(P::Http::ResponseWriter& out, Response& res, bool close) {
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
    if (res.shared_body)
      out.send(static_cast<P::Http::Code>(res.status), res.shared_body->data(), res.shared_body->size());
    else
      out.send(static_cast<P::Http::Code>(res.status), res.body);
  }

  void onTimeout(const P::Http::Request&, P::Http::ResponseWriter out) override {
    out.headers().add(std::make_shared<NamedHeader>("Content-Type", "application/problem+json"));
    out.send(P::Http::Code::Request_Timeout,
             R"({"type":"https://kairos.example/problems/request_timeout","title":"Request Timeout","status":408,)"
             R"("code":"request_timeout","detail":"The request was not received in time."})");
  }

 private:
  Front* front_;
};

}  // namespace

struct Listener::Impl {
  Front& front;
  ListenOptions opts;
  std::unique_ptr<P::Http::Endpoint> endpoint;
};

Listener::Listener(Front& front, ListenOptions opts) : impl_(new Impl{front, std::move(opts), nullptr}) {}
Listener::~Listener() = default;

void Listener::start() {
  P::Address addr(impl_->opts.bind, P::Port(static_cast<std::uint16_t>(impl_->opts.port)));
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(addr);
  auto o = P::Http::Endpoint::options()
               .threads(impl_->opts.threads)
               .flags(P::Tcp::Options::ReuseAddr)
               .maxRequestSize(impl_->opts.max_request_bytes)
               .maxResponseSize(64 * 1024 * 1024)
               .headerTimeout(std::chrono::seconds(10))
               .bodyTimeout(std::chrono::seconds(30))
               .keepaliveTimeout(std::chrono::seconds(60));
  impl_->endpoint->init(o);
  impl_->endpoint->setHandler(std::make_shared<Handler>(&impl_->front));
  impl_->endpoint->serveThreaded();
}

int Listener::port() const { return impl_->endpoint ? static_cast<int>(static_cast<std::uint16_t>(impl_->endpoint->getPort())) : 0; }

void Listener::shutdown() {
  if (impl_->endpoint) impl_->endpoint->shutdown();
}

}  // namespace kairos::server::http
