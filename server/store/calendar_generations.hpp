// Generations per host, room and page for response caches (issue 16): a slot answer
// depends on its page's document, its hosts' documents and bookings, its rooms'
// bookings and the open proposals; it is cached under the sum of those keys'
// counters, so a booking for host A leaves the answers of pages without A in place.
//
// Keys ("h:<host>", "r:<room>", "p:<page>", "proposals") are hashed into a fixed
// table of counters: no growth, no lock; two keys sharing a counter only drop an
// answer more often. Every counter only grows, so the sum over a page's keys changes
// whenever one of them does. Stores bump a key after the commit that changed it and
// before the writer is answered; a reader takes the stamp before it loads what the
// answer is computed from, so what it caches is never older than its stamp.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kairos::server::store {

class CalendarGenerations {
 public:
  static constexpr std::size_t kSlots = 16384;  // 128 KB

  static std::size_t slot(std::string_view key) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::size_t>(h % kSlots);
  }
  static std::string host_key(const std::string& id) { return "h:" + id; }
  static std::string room_key(const std::string& id) { return "r:" + id; }
  static std::string page_key(const std::string& id) { return "p:" + id; }
  static constexpr const char* kProposals = "proposals";

  void bump(std::string_view key) { slots_[slot(key)].fetch_add(1); }
  // Everything (another instance's change of unknown extent, a lost notification).
  void bump_all() { all_.fetch_add(1); }
  std::uint64_t stamp(const std::vector<std::size_t>& slots) const {
    std::uint64_t s = all_.load();
    for (std::size_t i : slots) s += slots_[i].load();
    return s;
  }

 private:
  std::array<std::atomic<std::uint64_t>, kSlots> slots_{};
  std::atomic<std::uint64_t> all_{1};
};

}  // namespace kairos::server::store
