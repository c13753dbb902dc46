// kairos-server migrate: SQLite file → PostgreSQL database, copied and verified.
#pragma once

#include <ostream>
#include <string>

namespace kairos::server::store {

// 0 when every table arrived with the same row count and checksum.
int run_migrate(const std::string& from_sqlite, const std::string& to_url, std::ostream& out, std::ostream& err);
// argv[0] is "migrate".
int migrate_main(int argc, char** argv);

}  // namespace kairos::server::store
