# Installs the current build into a fresh prefix and builds tests/packaging/consumer, an outside program, against it.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK=... -DMODE=find_package|pkg_config -DCONSUMER_DIR=... -DCXX=...
#         -DGENERATOR=... -DMAKE_PROGRAM=... -DVERSION=... [-DPKG_CONFIG=...] -P install_and_consume.cmake
# find_package: a CMake project with find_package(reqprobe) and reqprobe::validator.
# pkg_config:   one compiler call with `pkg-config --cflags --libs reqprobe`.
# Both run the program, which validates a valid and an invalid request with the embedded contract. The installed
# CMake and pkg-config files must not name the build or source tree: the prefix has to stand on its own.
cmake_minimum_required(VERSION 3.22)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
packaging_run(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

# What the prefix holds (the library directory is lib/ or Debian's multiarch lib/<triplet>/).
file(GLOB_RECURSE installed RELATIVE "${prefix}" "${prefix}/*")
foreach(expected bin/reqprobe include/reqprobe/validator.h include/reqprobe/contract.h)
  if(NOT expected IN_LIST installed)
    message(FATAL_ERROR "not installed: ${expected}\ninstalled: ${installed}")
  endif()
endforeach()
set(libdir "^lib(/[^/]+)?/")
foreach(regex "${libdir}libreqprobe_validator\\.a$" "${libdir}cmake/reqprobe/reqprobeConfig\\.cmake$"
        "${libdir}cmake/reqprobe/reqprobeConfigVersion\\.cmake$" "${libdir}cmake/reqprobe/reqprobeTargets\\.cmake$"
        "${libdir}pkgconfig/reqprobe\\.pc$")
  set(hits ${installed})
  list(FILTER hits INCLUDE REGEX "${regex}")
  if(NOT hits)
    message(FATAL_ERROR "nothing installed matches ${regex}\ninstalled: ${installed}")
  endif()
endforeach()
# Only public headers: nothing from validator/src, no generator headers.
set(headers ${installed})
list(FILTER headers INCLUDE REGEX "\\.h$")
list(FILTER headers EXCLUDE REGEX "^include/reqprobe/[a-z_]+\\.h$")
if(headers)
  message(FATAL_ERROR "headers outside include/reqprobe/: ${headers}")
endif()

# Nothing installed points back into the trees it came from.
file(GLOB_RECURSE metadata "${prefix}/*.cmake" "${prefix}/*.pc")
get_filename_component(build_real "${BUILD_DIR}" REALPATH)
get_filename_component(source_real "${SOURCE_DIR}" REALPATH)
foreach(file IN LISTS metadata)
  file(READ "${file}" text)
  foreach(tree "${BUILD_DIR}" "${SOURCE_DIR}" "${build_real}" "${source_real}")
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} names ${tree}: the installed package depends on a build or source tree")
    endif()
  endforeach()
endforeach()

packaging_run(COMMAND "${prefix}/bin/reqprobe" --version OUTPUT_VARIABLE version_text)
packaging_expect("${version_text}" "^reqprobe ${VERSION} \\(commit ([0-9a-f]+(-dirty)?|unknown)\\)" "reqprobe --version")

if(MODE STREQUAL "find_package")
  packaging_build_cmake_consumer("${prefix}" "${WORK}")
elseif(MODE STREQUAL "pkg_config")
  file(GLOB_RECURSE pc_file "${prefix}/reqprobe.pc")
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  packaging_run(COMMAND ${PKG_CONFIG} --modversion reqprobe OUTPUT_VARIABLE modversion)
  string(STRIP "${modversion}" modversion)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion reqprobe: ${modversion}, expected ${VERSION}")
  endif()
  packaging_run(COMMAND ${PKG_CONFIG} --cflags --libs reqprobe OUTPUT_VARIABLE flags)
  string(STRIP "${flags}" flags)
  foreach(lib reqprobe_validator fyaml re2 idn2)
    packaging_expect(" ${flags} " " -l${lib} " "pkg-config --libs reqprobe (a static library: its dependencies too)")
  endforeach()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  packaging_run(COMMAND ${CXX} -std=c++20 -O1 "${CONSUMER_DIR}/consumer.cc" -o "${WORK}/consumer" ${flags})
  packaging_run(COMMAND "${WORK}/consumer" OUTPUT_VARIABLE out)
  message(STATUS "${out}")
else()
  message(FATAL_ERROR "MODE must be find_package or pkg_config, not '${MODE}'")
endif()
