// Compressed answers for cached bodies (issue 16): which coding a client accepts, gzip
// and brotli compression, and an answer body kept with its compressed forms, each made
// once (on first demand) and shared by every later request.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace kairos::server::http {

enum class Coding { identity, gzip, br };

// The coding to send for an Accept-Encoding value (RFC 9110 12.5.3): br before gzip,
// "*" counts for both, q=0 refuses; identity when the header is absent or accepts
// neither.
Coding choose_coding(const std::string* accept_encoding);
const char* coding_name(Coding c);  // "br", "gzip", "" for identity

std::string gzip_compress(std::string_view plain);
std::string brotli_compress(std::string_view plain);

// Whether an If-None-Match value names `etag` (weak comparison; "*" matches any).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// A large cached body also kept in a sealed in-memory file (memfd), so the adapter can
// hand it to the socket with sendfile: the kernel references the file's pages instead
// of copying the body into every answer (what nginx does for static files). At most a
// few hundred exist at a time (each holds a descriptor); make() returns nullptr beyond
// that, or when the system has no memfd, and the body is then sent from memory.
class BodyFile {
 public:
  static std::shared_ptr<const BodyFile> make(std::string_view bytes);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  int fd() const { return fd_; }
  std::size_t size() const { return size_; }

 private:
  BodyFile(int fd, std::size_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::size_t size_;
};

// A cached answer body with its strong ETag (from the content) and its compressed
// forms. Immutable for its users; the compressed forms are made on first demand, once
// each, under their own once_flag, so concurrent requests wait for one compression
// rather than each doing it.
class EncodedBody {
 public:
  explicit EncodedBody(std::string plain);
  const std::shared_ptr<const std::string>& plain() const { return plain_; }
  // The body in `c` and its ETag (the plain ETag with "-gz" or "-br" inside the quotes:
  // a different representation has a different tag).
  std::shared_ptr<const std::string> body(Coding c) const;
  const std::string& etag(Coding c) const { return etags_[static_cast<int>(c)]; }
  // The same bytes as body(c) in a BodyFile, for bodies large enough that the copy
  // into the socket costs more than sendfile's extra system call; else nullptr.
  std::shared_ptr<const BodyFile> file(Coding c) const;

 private:
  std::shared_ptr<const std::string> plain_;
  std::string etags_[3];  // by Coding
  mutable std::once_flag gzip_once_, br_once_;
  mutable std::shared_ptr<const std::string> gzip_, br_;
  mutable std::once_flag file_once_[3];
  mutable std::shared_ptr<const BodyFile> files_[3];
};

}  // namespace kairos::server::http
