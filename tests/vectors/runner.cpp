// kairos_vectors IN.json OUT.json — evaluates one vector file (see vectors.hpp).
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "vectors.hpp"

namespace kairos::vectors {

static std::map<std::string, Handler>& registry() {
  static std::map<std::string, Handler> r;
  return r;
}

bool register_kind(const std::string& kind, Handler h) {
  registry()[kind] = h;
  return true;
}

void fail(const std::string& message) {
  std::cerr << "kairos_vectors: " << message << "\n";
  std::exit(2);
}

}  // namespace kairos::vectors

int main(int argc, char** argv) {
  using namespace kairos;
  if (argc != 3) vectors::fail("usage: kairos_vectors IN.json OUT.json");
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) vectors::fail(std::string("cannot read ") + argv[1]);
  std::stringstream ss;
  ss << in.rdbuf();
  auto input = vectors::expect(wire::parse_json(ss.str()), argv[1]);
  auto kind = vectors::expect(wire::read_string(input.value("kind", nlohmann::json()), "kind"), "kind");
  auto it = vectors::registry().find(kind);
  if (it == vectors::registry().end()) vectors::fail("no handler for kind " + kind);
  const nlohmann::json out = it->second(input);
  const std::string text = out.dump(1) + "\n";
  const std::string path = argv[2];
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream o(path, std::ios::binary);
  if (!o) vectors::fail("cannot write " + path);
  o << text;
  std::cout << "kairos_vectors: " << kind << ": " << text.size() << " bytes -> " << path << "\n";
  return 0;
}
