// The server's delivery worker: one instance per process, built from the start-up
// options (--smtp, --sms, --mail-from), run by a timer thread in main.cpp and on demand
// by POST /v1/test/tick. Without --smtp, mail stays in the outbox (state "scheduled")
// until a server with an SMTP URL runs: nothing is dropped.
#pragma once

#include "app.hpp"
#include "delivery.hpp"

namespace kairos::server {

// Opens the worker over the database file of the store (call once at start-up).
void start_delivery(App& app);
// One delivery pass at app.now(); safe to call from several threads (serialised).
mail::DeliveryStats run_delivery_once(App& app);

}  // namespace kairos::server
