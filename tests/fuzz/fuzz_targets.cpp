// libFuzzer targets (clang-14 -fsanitize=fuzzer,address,undefined): one binary, the
// target chosen by the name it is started under (kairos_fuzz_<target>, symlinks made by
// tests/fuzz/CMakeLists.txt) or by KAIROS_FUZZ_TARGET. Each target feeds arbitrary bytes
// to a reader of untrusted input and checks the answer's invariants; any crash, leak,
// undefined behaviour or failed invariant is a finding (docs/FUZZING.md).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "framing.hpp"
#include "kairos/email.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/lifecycle.hpp"
#include "zoneinfo.hpp"

namespace {

using namespace kairos;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant failed: %s\n", what);
    std::abort();
  }
}

// wire: strict request JSON, then every reader on the document and its members.
void fuzz_wire(std::string_view in) {
  auto j = wire::parse_request_json(in);
  auto lenient = wire::parse_json(in);
  if (j) check(lenient.ok(), "strict parse accepted what the lenient one refused");
  if (!lenient) return;
  const wire::Json& doc = *lenient;
  auto all = [](const wire::Json& v) {
    (void)wire::read_string(v, "f");
    (void)wire::read_int(v, "f");
    (void)wire::read_bool(v, "f");
    (void)wire::read_instant(v, "f");
    (void)wire::read_date(v, "f");
    (void)wire::read_time(v, "f", true);
    (void)wire::read_interval(v, "f");
    (void)wire::read_zone_rules(v, "f");
    (void)wire::read_weekly_hours(v, "f");
    (void)wire::read_busy_blocks(v, "f");
    (void)wire::read_event_policy(v, "f");
    (void)wire::read_availability_inputs(v, "f");
    (void)wire::read_booking(v, "f");
  };
  all(doc);
  if (doc.is_object() || doc.is_array()) {
    int n = 0;
    for (const auto& v : doc) {
      all(v);
      if (++n > 16) break;
    }
  }
}

// time parsers: whatever parses formats back to text that parses to the same value.
void fuzz_time(std::string_view in) {
  if (auto t = core::parse_instant(in)) {
    auto again = core::parse_instant(core::format_instant(*t));
    check(again.ok() && *again == *t, "instant round trip");
  }
  if (auto d = core::parse_date(in)) {
    auto again = core::parse_date(core::format_date(*d));
    check(again.ok() && *again == *d, "date round trip");
  }
  for (bool eod : {false, true})
    if (auto t = core::parse_time(in, eod)) {
      auto again = core::parse_time(core::format_time(*t), eod);
      check(again.ok() && *again == *t, "time round trip");
    }
}

// e-mail check: a valid address is its own normal form.
void fuzz_email(std::string_view in) {
  auto r = core::check_email(in);
  if (r.valid) {
    auto again = core::check_email(r.address);
    check(again.valid && again.address == r.address, "valid address is stable");
  }
}

// TZif reader: any file, two ranges; what loads answers offsets everywhere.
void fuzz_tzif(std::string_view in) {
  const auto from = *core::parse_instant("2020-01-01T00:00:00Z");
  const auto to = *core::parse_instant("2031-01-01T00:00:00Z");
  auto r = zoneinfo::parse_tzif(in, "Fuzz/Zone", from, to);
  if (!r) return;
  for (std::int64_t s = from.unix_seconds(); s < to.unix_seconds(); s += 86400 * 37) {
    const auto off = r->offset_at(core::Instant::from_unix_seconds(s));
    check(off.utc_offset_seconds >= -26 * 3600 && off.utc_offset_seconds <= 26 * 3600, "offset in range");
  }
}

// HTTP framing: a complete frame never claims more bytes than it was given.
void fuzz_http(std::string_view in) {
  server::http::FramingLimits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 4096;
  std::string_view rest = in;
  for (int i = 0; i < 8 && !rest.empty(); ++i) {
    rest.remove_prefix(server::http::leading_empty_lines(rest));
    const auto f = server::http::frame_request(rest, limits);
    if (f.kind == server::http::Frame::error) {
      check(f.status >= 400 && f.status < 600 && !f.code.empty(), "error has a status and code");
      return;
    }
    if (f.kind == server::http::Frame::incomplete) return;
    check(f.head_bytes + f.body_bytes <= rest.size() && f.head_bytes > 0, "frame inside the buffer");
    check(f.body_bytes <= limits.max_body_bytes && f.head_bytes <= limits.max_header_bytes, "frame within limits");
    rest.remove_prefix(f.head_bytes + f.body_bytes);
  }
}

using Target = void (*)(std::string_view);
Target target = nullptr;

Target pick(std::string_view name) {
  if (name == "wire") return fuzz_wire;
  if (name == "time") return fuzz_time;
  if (name == "email") return fuzz_email;
  if (name == "tzif") return fuzz_tzif;
  if (name == "http") return fuzz_http;
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  std::string_view name;
  if (const char* env = std::getenv("KAIROS_FUZZ_TARGET")) name = env;
  else if (*argc > 0) {
    std::string_view self = (*argv)[0];
    const auto at = self.rfind("kairos_fuzz_");
    if (at != std::string_view::npos) name = self.substr(at + 12);
  }
  target = pick(name);
  if (!target) {
    std::fprintf(stderr, "kairos_fuzz: start as kairos_fuzz_<wire|time|email|tzif|http> or set KAIROS_FUZZ_TARGET\n");
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  target(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
