// Which store a --db value selects: a postgresql:// (or postgres://) URL opens the
// PostgreSQL store shared by several instances, anything else an SQLite file.
#pragma once

#include <memory>
#include <string>

#include "mail/delivery.hpp"
#include "store.hpp"

namespace kairos::server::store {

bool is_postgres(const std::string& db);
std::unique_ptr<Store> open_store(const std::string& db);
std::unique_ptr<mail::DeliveryQueue> open_delivery_queue(const std::string& db);

std::unique_ptr<Store> open_postgres_store(const std::string& url);
std::unique_ptr<mail::DeliveryQueue> open_postgres_delivery_queue(const std::string& url);

}  // namespace kairos::server::store
