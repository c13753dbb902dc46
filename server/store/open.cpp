#include "open.hpp"

#include "postgres/pg.hpp"

namespace kairos::server::store {

bool is_postgres(const std::string& db) { return pg::is_url(db); }

std::unique_ptr<Store> open_store(const std::string& db) {
  return is_postgres(db) ? open_postgres_store(db) : open_sqlite_store(db);
}

std::unique_ptr<mail::DeliveryQueue> open_delivery_queue(const std::string& db) {
  return is_postgres(db) ? open_postgres_delivery_queue(db) : mail::open_sqlite_delivery_queue(db);
}

}  // namespace kairos::server::store
