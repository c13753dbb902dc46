// A plain timing program of the slot-engine scenario (slots_scenario.hpp), built
// natively and with em++ so the wasm build can be timed under Node on the very same
// inputs. Prints one line per busy-block count: median and 90th percentile of
// free_slots over many runs, after a warm-up. Usage: kairos_slots_timing [N ...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "slots_scenario.hpp"

int main(int argc, char** argv) {
  std::vector<int> counts;
  for (int i = 1; i < argc; ++i) counts.push_back(std::atoi(argv[i]));
  if (counts.empty()) counts = {1000, 2000, 10000, 100000};
  for (int n : counts) {
    const auto s = kairos::bench::make_scenario(n);
    const int runs = n >= 100000 ? 60 : 400;
    std::size_t slots = 0;
    for (int i = 0; i < runs / 10; ++i) slots = kairos::core::free_slots(s.inputs, s.range).size();
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto out = kairos::core::free_slots(s.inputs, s.range);
      const auto t1 = std::chrono::steady_clock::now();
      slots = std::max(slots, out.size());
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::printf("busy=%d slots=%zu runs=%d median_us=%.1f p90_us=%.1f\n", n, slots, runs, us[us.size() / 2],
                us[us.size() * 9 / 10]);
  }
  return 0;
}
