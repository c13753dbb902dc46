#include "net.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <openssl/hmac.h>
#include <sys/socket.h>

#include <cstring>
#include <string_view>

namespace kairos::server::integ {
namespace {

bool internal_v4(std::uint32_t a) {  // host byte order
  auto in = [&](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) ||    // 0.0.0.0/8 "this network"
         in(0x0A000000, 8) ||    // 10/8
         in(0x64400000, 10) ||   // 100.64/10 carrier-grade NAT
         in(0x7F000000, 8) ||    // loopback
         in(0xA9FE0000, 16) ||   // 169.254/16 link-local (cloud metadata)
         in(0xAC100000, 12) ||   // 172.16/12
         in(0xC0000000, 24) ||   // 192.0.0/24
         in(0xC0A80000, 16) ||   // 192.168/16
         in(0xC6120000, 15) ||   // 198.18/15 benchmarking
         in(0xE0000000, 4) ||    // multicast
         in(0xF0000000, 4);      // reserved, broadcast
}

bool internal_v6(const unsigned char* b) {
  static const unsigned char zero[16] = {};
  if (std::memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return true;  // :: and ::1
  if ((b[0] & 0xFE) == 0xFC) return true;                                        // fc00::/7 unique local
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return true;                        // fe80::/10 link-local
  if (b[0] == 0xFF) return true;                                                 // multicast
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  static const unsigned char nat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, mapped, 12) == 0 || std::memcmp(b, nat64, 12) == 0 || std::memcmp(b, zero, 12) == 0) {
    std::uint32_t v4 = (std::uint32_t(b[12]) << 24) | (std::uint32_t(b[13]) << 16) | (std::uint32_t(b[14]) << 8) | b[15];
    return internal_v4(v4);
  }
  return false;
}

struct Transfer {
  const HttpRequest* req = nullptr;
  HttpResult* res = nullptr;
};

curl_socket_t open_socket(void* clientp, curlsocktype, struct curl_sockaddr* addr) {
  auto* t = static_cast<Transfer*>(clientp);
  if (!t->req->allow_private && is_internal_address(&addr->addr)) {
    t->res->refused_target = true;
    return CURL_SOCKET_BAD;
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

size_t on_body(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const size_t bytes = size * n;
  if (t->res->body.size() + bytes > t->req->max_bytes) {
    t->res->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->res->body.append(data, bytes);
  return bytes;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

size_t on_header(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  std::string_view line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = trim(line.substr(colon + 1));
    if (name == "etag") t->res->etag = std::string(value);
    else if (name == "last-modified") t->res->last_modified = std::string(value);
  } else if (line.rfind("HTTP/", 0) == 0) {
    t->res->etag.clear();  // a redirect's headers are not the final answer's
    t->res->last_modified.clear();
  }
  return size * n;
}

}  // namespace

bool is_internal_address(const struct sockaddr* addr) {
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    return internal_v4(ntohl(in->sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(addr);
    return internal_v6(in6->sin6_addr.s6_addr);
  }
  return true;  // anything else (unix sockets…) is never a public target
}

core::Status check_target_url(const std::string& url, bool allow_private) {
  std::string_view u = url;
  std::string_view rest;
  if (u.rfind("https://", 0) == 0) rest = u.substr(8);
  else if (u.rfind("http://", 0) == 0) rest = u.substr(7);
  else return core::make_error("invalid_url", "only http:// and https:// addresses", "url");
  if (url.size() > 2000 || url.find_first_of(" \r\n\t") != std::string::npos)
    return core::make_error("invalid_url", "not a valid address", "url");
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return core::make_error("invalid_url", "not a valid address", "url");
    host = std::string(authority.substr(1, close - 1));
  } else {
    host = std::string(authority.substr(0, authority.find(':')));
  }
  if (host.empty()) return core::make_error("invalid_url", "the address has no host", "url");
  if (allow_private) return core::ok_status();
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") || host.ends_with(".internal"))
    return core::make_error("private_target", "the address is internal to this network", "url");
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    if (is_internal_address(reinterpret_cast<sockaddr*>(&v4)))
      return core::make_error("private_target", "loopback, link-local and private addresses are refused", "url");
  } else if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    if (is_internal_address(reinterpret_cast<sockaddr*>(&v6)))
      return core::make_error("private_target", "loopback, link-local and private addresses are refused", "url");
  } else {
    // 2130706433, 0x7f.1, 127.1 and other spellings of numbers the resolver accepts:
    // no real name ends in a numeric label.
    std::string last = host.substr(host.rfind('.') == std::string::npos ? 0 : host.rfind('.') + 1);
    if (last.empty() || last.find_first_not_of("0123456789") == std::string::npos || last.rfind("0x", 0) == 0)
      return core::make_error("private_target", "numeric host names must be dotted IPv4 addresses", "url");
  }
  return core::ok_status();
}

namespace {
bool curl_ready() {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  return initialised;
}
}  // namespace

HttpSession::HttpSession() {
  if (curl_ready()) curl_ = curl_easy_init();
}
HttpSession::~HttpSession() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResult http_request(const HttpRequest& req) {
  HttpSession s;
  return s.request(req);
}

HttpResult HttpSession::request(const HttpRequest& req) {
  HttpResult res;
  if (!curl_) {
    res.error = "libcurl could not be initialised";
    return res;
  }
  if (auto st = check_target_url(req.url, req.allow_private); !st) {
    res.error = st.error().message;
    res.refused_target = st.error().code == "private_target";
    return res;
  }
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // options back to defaults; the connection cache stays
  Transfer t{&req, &res};
  curl_slist* headers = nullptr;
  for (const auto& h : req.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, req.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(req.max_redirects));
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // no proxy from the environment: the check sees the real peer
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, req.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, req.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Kairos/1 (+calendar and webhook client)");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip feeds; the size limit counts decoded bytes
  if (req.max_bytes > 0) curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
  if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (req.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &res.status);
  if (rc == CURLE_OK) {
    res.transport_ok = true;
  } else {
    res.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    if (rc == CURLE_FILESIZE_EXCEEDED) res.too_large = true;
    if (res.refused_target) res.error = "refused: the address is internal to this network";
    else if (res.too_large) res.error = "the answer exceeds " + std::to_string(req.max_bytes) + " bytes";
    else if (res.timed_out) res.error = "timed out after " + std::to_string(req.timeout_ms) + " ms";
    else res.error = curl_easy_strerror(rc);
    res.body.clear();
  }
  curl_slist_free_all(headers);
  return res;
}

std::string hmac_sha256_hex(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), mac, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[mac[i] >> 4];
    out += hex[mac[i] & 15];
  }
  return out;
}

}  // namespace kairos::server::integ
