// Files compiled into the binary (generated embedded.cpp): the OpenAPI document.
#pragma once

#include <string_view>

namespace kairos::server::embedded {
extern const std::string_view kOpenApi;
}
