// Compressed answers: zlib (gzip framing) and libbrotli's encoder, both from Debian.
#include "encoding.hpp"

#include <brotli/encode.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace kairos::server::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// q of one list member ("gzip;q=0.5"): 1 without a q parameter, 0 for "q=0", "q=0.0"…
bool refused(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || std::tolower(static_cast<unsigned char>(p[0])) != 'q' || p[1] != '=') continue;
    std::string_view v = trim(p.substr(2));
    if (v.empty() || v[0] != '0') return false;  // 1, 1.0: accepted
    for (char c : v.substr(1))
      if (c != '.' && c != '0') return false;  // 0.5: accepted
    return true;
  }
  return false;
}

}  // namespace

Coding choose_coding(const std::string* accept_encoding) {
  if (!accept_encoding) return Coding::identity;
  int br = -1, gzip = -1, any = -1;  // -1 not named, 0 refused, 1 accepted
  std::string_view list = *accept_encoding;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view name = trim(item.substr(0, semi));
    const int ok = semi != std::string_view::npos && refused(item.substr(semi + 1)) ? 0 : 1;
    if (iequals(name, "br")) br = ok;
    else if (iequals(name, "gzip") || iequals(name, "x-gzip")) gzip = ok;
    else if (name == "*") any = ok;
  }
  if (br == 1 || (br == -1 && any == 1)) return Coding::br;
  if (gzip == 1 || (gzip == -1 && any == 1)) return Coding::gzip;
  return Coding::identity;
}

const char* coding_name(Coding c) {
  switch (c) {
    case Coding::br: return "br";
    case Coding::gzip: return "gzip";
    default: return "";
  }
}

std::string gzip_compress(std::string_view plain) {
  z_stream z{};
  // windowBits 15 + 16: gzip framing; level 6 (zlib's default) is nearly level 9's size
  // here at a third of the time.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(plain.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t n = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(n);
  return out;
}

std::string brotli_compress(std::string_view plain) {
  // Quality 6: close to the best size for these JSON answers at a small fraction of
  // quality 11's time (made once per cached answer, but on the request that needs it).
  std::size_t n = BrotliEncoderMaxCompressedSize(plain.size());
  if (n == 0) n = plain.size() + 1024;
  std::string out(n, '\0');
  if (!BrotliEncoderCompress(6, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, plain.size(),
                             reinterpret_cast<const std::uint8_t*>(plain.data()), &n,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    throw std::runtime_error("BrotliEncoderCompress");
  out.resize(n);
  return out;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    t = trim(t);
    if (t.size() >= 2 && t[0] == 'W' && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  const std::string_view want = opaque(etag);
  std::string_view list = if_none_match;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = opaque(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item == "*" || (!item.empty() && item == want)) return true;
  }
  return false;
}

namespace {
std::atomic<int> g_body_files{0};
constexpr int kMaxBodyFiles = 256;
constexpr std::size_t kMinFileBody = 16 * 1024;
}  // namespace

std::shared_ptr<const BodyFile> BodyFile::make(std::string_view bytes) {
  if (g_body_files.fetch_add(1) >= kMaxBodyFiles) {
    --g_body_files;
    return nullptr;
  }
  const int fd = ::memfd_create("kairos-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  // Sealed: nothing can change what later answers send.
  ok = ok && ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) == 0;
  if (!ok) {
    if (fd >= 0) ::close(fd);
    --g_body_files;
    return nullptr;
  }
  return std::shared_ptr<const BodyFile>(new BodyFile(fd, bytes.size()));
}

BodyFile::~BodyFile() {
  ::close(fd_);
  --g_body_files;
}

std::shared_ptr<const BodyFile> EncodedBody::file(Coding c) const {
  const int i = static_cast<int>(c);
  std::call_once(file_once_[i], [this, c, i] {
    auto bytes = body(c);
    if (bytes->size() >= kMinFileBody) files_[i] = BodyFile::make(*bytes);
  });
  return files_[i];
}

EncodedBody::EncodedBody(std::string plain) : plain_(std::make_shared<const std::string>(std::move(plain))) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016zx-%zx", std::hash<std::string_view>{}(*plain_), plain_->size());
  const std::string tag = buf;
  etags_[static_cast<int>(Coding::identity)] = "\"" + tag + "\"";
  etags_[static_cast<int>(Coding::gzip)] = "\"" + tag + "-gz\"";
  etags_[static_cast<int>(Coding::br)] = "\"" + tag + "-br\"";
}

std::shared_ptr<const std::string> EncodedBody::body(Coding c) const {
  switch (c) {
    case Coding::gzip:
      std::call_once(gzip_once_, [this] { gzip_ = std::make_shared<const std::string>(gzip_compress(*plain_)); });
      return gzip_;
    case Coding::br:
      std::call_once(br_once_, [this] { br_ = std::make_shared<const std::string>(brotli_compress(*plain_)); });
      return br_;
    default:
      return plain_;
  }
}

}  // namespace kairos::server::http
