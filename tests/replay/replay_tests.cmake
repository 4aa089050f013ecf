# Replay and mock tests (issue 6), included by tests/CMakeLists.txt: unit tests of the pure parts, replay against
# the in-process mock over real loopback HTTP, the token-leak test, and the command line end to end (a mock
# process that is killed mid-run, SIGINT and --resume, exit codes). All on 127.0.0.1, bounded in count and time.
add_executable(replay_tests
  ${CMAKE_CURRENT_LIST_DIR}/answer_profile_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/document_defects_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/fuzz_campaign_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/html_report_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/loopback_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/output_safety_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/replay_unit_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/reproduction_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/response_check_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/scheme_credentials_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/selection_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/text_and_wire_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/token_leak_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/wire_test.cc)
target_include_directories(replay_tests SYSTEM PRIVATE ${HTTPLIB_INCLUDE_DIR} ${RAPIDJSON_INCLUDE_DIRS})
target_compile_definitions(replay_tests PRIVATE REQPROBE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# The echo server of the token-leak test uses Debian's compiled cpp-httplib: same definitions as replay/.
target_compile_definitions(replay_tests PRIVATE CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT
                                                CPPHTTPLIB_BROTLI_SUPPORT)
target_link_libraries(replay_tests PRIVATE reqprobe_replay reqprobe_generator ${HTTPLIB_LIBRARY} reqprobe_options
                                           GTest::gtest_main)
gtest_discover_tests(replay_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120 LABELS replay)

if(REQPROBE_BUILD_CLI)
  add_test(NAME replay.cli COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_replay_test.sh $<TARGET_FILE:reqprobe>
                                   ${PROJECT_SOURCE_DIR})
  set_tests_properties(replay.cli PROPERTIES TIMEOUT 120 LABELS replay)
  # probe against an independent node server (tests/servers): 0 findings correct, each seeded bug found.
  find_program(NODE_EXECUTABLE node)
  if(NODE_EXECUTABLE)
    add_test(NAME replay.node_petstore COMMAND bash ${PROJECT_SOURCE_DIR}/tests/servers/node_petstore_test.sh
                                               $<TARGET_FILE:reqprobe> ${PROJECT_SOURCE_DIR})
    set_tests_properties(replay.node_petstore PROPERTIES TIMEOUT 300 LABELS replay)
  else()
    message(WARNING "node not found: replay.node_petstore is not run (scripts/install-deps.sh installs nodejs)")
  endif()
endif()

# The --html page in headless Chromium (issue 14): it loads without script errors, shows the findings, and leaves a
# screenshot in the build folder. It fails, never skips, without chromium: scripts/install-deps.sh installs it.
add_executable(html_report_sample ${CMAKE_CURRENT_LIST_DIR}/html_report_sample.cc)
target_link_libraries(html_report_sample PRIVATE reqprobe_replay reqprobe_options)
add_test(NAME replay.html_browser COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/html_browser_test.sh
                                          $<TARGET_FILE:html_report_sample> ${CMAKE_BINARY_DIR})
set_tests_properties(replay.html_browser PROPERTIES TIMEOUT 240 LABELS replay)
