// Google Benchmark of free_slots on the issue-3 scenario (slots_scenario.hpp): the
// 2,000-block target case, a series at 1k / 10k / 100k busy blocks for growth, and
// unsorted input. Run: build/native/bench/kairos_slots_bench (see docs/BENCHMARKS.md).
#include <benchmark/benchmark.h>

#include "slots_scenario.hpp"

namespace {

void BM_FreeSlotsMonth(benchmark::State& state) {
  const auto s = kairos::bench::make_scenario(static_cast<int>(state.range(0)));
  std::size_t slots = 0;
  for (auto _ : state) {
    auto out = kairos::core::free_slots(s.inputs, s.range);
    slots = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["slots"] = static_cast<double>(slots);
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_FreeSlotsMonth)->Arg(1000)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond)->Complexity();

void BM_FreeSlotsMonthUnsortedBusy(benchmark::State& state) {
  const auto s = kairos::bench::make_scenario(static_cast<int>(state.range(0)), /*shuffled=*/true);
  for (auto _ : state) {
    auto out = kairos::core::free_slots(s.inputs, s.range);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_FreeSlotsMonthUnsortedBusy)->Arg(2000)->Unit(benchmark::kMicrosecond);

void BM_CheckBooking(benchmark::State& state) {
  const auto s = kairos::bench::make_scenario(static_cast<int>(state.range(0)));
  const auto slots = kairos::core::free_slots(s.inputs, s.range);
  kairos::core::BookingRequest req;
  req.start = slots.at(slots.size() / 2).when.start;
  for (auto _ : state) {
    auto r = kairos::core::check_booking(s.inputs, req);
    benchmark::DoNotOptimize(r.ok());
  }
}
BENCHMARK(BM_CheckBooking)->Arg(2000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
