# The mock's HTTP/1.1 server (issue 10, items 7-11), included by tests/CMakeLists.txt: table-driven tests of the
# incremental parser, the responder's error messages, and loopback tests of deadlines, limits, the connection cap
# and framing. All on 127.0.0.1, bounded in count and time.
add_executable(mock_http_tests ${CMAKE_CURRENT_LIST_DIR}/mock_http_test.cc)
target_link_libraries(mock_http_tests PRIVATE reqprobe_replay reqprobe_options GTest::gtest_main)
gtest_discover_tests(mock_http_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120 LABELS replay)
