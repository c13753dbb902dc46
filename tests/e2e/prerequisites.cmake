# Fails (and names what is missing) unless the browser tests can run: node, Debian's
# Chromium and playwright-core installed by scripts/setup. The e2e tests require this
# fixture, so they are reported as not run, never silently dropped.
set(missing "")
execute_process(COMMAND ${NODE} --version RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  list(APPEND missing "node (apt-get install nodejs)")
endif()
if(NOT EXISTS /usr/bin/chromium)
  list(APPEND missing "/usr/bin/chromium (apt-get install chromium)")
endif()
if(NOT EXISTS ${NODE_MODULES}/playwright-core/package.json)
  list(APPEND missing "${NODE_MODULES}/playwright-core (run scripts/setup)")
endif()
if(missing)
  string(REPLACE ";" "\n  " text "${missing}")
  message(FATAL_ERROR "browser tests cannot run; missing:\n  ${text}")
endif()
message(STATUS "browser test prerequisites present")
