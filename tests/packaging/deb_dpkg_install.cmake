# Installs the .deb into this machine with dpkg -i, runs the installed command and purges the package again.
# Registered only with -DREQPROBE_TEST_DPKG_INSTALL=ON (a throw-away CI container). Prints "skipped:", which ctest
# reports as a skip, when not root or when a reqprobe package is installed already (this test must not replace it).
#   cmake -DBUILD_DIR=... -DWORK=... -DVERSION=... -P deb_dpkg_install.cmake
cmake_minimum_required(VERSION 3.22)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT uid STREQUAL "0")
  message(STATUS "skipped: dpkg -i needs root")
  return()
endif()
execute_process(COMMAND dpkg-query -W -f=\${Status} reqprobe OUTPUT_VARIABLE status ERROR_QUIET)
if(status MATCHES "installed")
  message(STATUS "skipped: a reqprobe package is installed on this machine already (${status})")
  return()
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
packaging_run(COMMAND cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK}/out")
file(GLOB deb "${WORK}/out/*.deb")
# dpkg -i does not fetch dependencies: the machine that built reqprobe has them all.
packaging_run(COMMAND dpkg -i "${deb}")
execute_process(COMMAND /usr/bin/reqprobe --version RESULT_VARIABLE rc OUTPUT_VARIABLE version_text
                OUTPUT_STRIP_TRAILING_WHITESPACE)
packaging_run(COMMAND dpkg --purge reqprobe)
if(NOT rc EQUAL 0 OR NOT version_text MATCHES "^reqprobe ${VERSION} ")
  message(FATAL_ERROR "the installed /usr/bin/reqprobe --version gave ${rc}: ${version_text}")
endif()
message(STATUS "installed, ran (${version_text}) and removed")
