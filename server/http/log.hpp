// Structured logs: one JSON object per line on stderr ({"ts", "level", "msg", …}), so
// a log shipper can index fields without parsing prose. Info and debug lines are
// written in batches (see log.cpp), warnings and errors at once.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace kairos::server::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(Level l);
bool parse_level(std::string_view text, Level& out);
bool enabled(Level l);
void write(Level l, std::string_view msg, nlohmann::json fields = nlohmann::json::object());

// The access log's line for one answered request ({"client","level","method","ms","msg":
// "request","path","route","status","ts"}), formatted without building a JSON value.
void access(std::string_view method, std::string_view path, std::string_view route, int status, double ms,
            std::string_view client);
// Writes what is buffered (info lines wait up to 2 ms); also done at exit.
void flush();

inline void info(std::string_view msg, nlohmann::json f = nlohmann::json::object()) { write(Level::info, msg, std::move(f)); }
inline void warn(std::string_view msg, nlohmann::json f = nlohmann::json::object()) { write(Level::warn, msg, std::move(f)); }
inline void error(std::string_view msg, nlohmann::json f = nlohmann::json::object()) { write(Level::error, msg, std::move(f)); }

}  // namespace kairos::server::log
