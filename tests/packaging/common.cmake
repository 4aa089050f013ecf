# Helpers shared by the packaging test scripts (cmake -P): run a command, or fail with its output.
function(packaging_run)
  cmake_parse_arguments(arg "" "WORKING_DIRECTORY;OUTPUT_VARIABLE" "COMMAND" ${ARGN})
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  execute_process(COMMAND ${arg_COMMAND} WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " shown "${arg_COMMAND}")
    message(FATAL_ERROR "failed (${rc}): ${shown}\n${out}${err}")
  endif()
  if(arg_OUTPUT_VARIABLE)
    set(${arg_OUTPUT_VARIABLE} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# `text` with the characters special in a CMake regex escaped.
function(packaging_regex_escape text out)
  string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" escaped "${text}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

# Fails unless `text` matches `regex`.
function(packaging_expect text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected a match for '${regex}' in:\n${text}")
  endif()
endfunction()

# Builds and runs tests/packaging/consumer as an outside project, with find_package(reqprobe) against `prefix`.
function(packaging_build_cmake_consumer prefix work)
  packaging_run(COMMAND ${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${work}/consumer-build" -G "${GENERATOR}"
                        -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX}
                        -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
                        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
  # The package found must be the one under test, not one installed on the machine.
  file(STRINGS "${work}/consumer-build/CMakeCache.txt" found REGEX "^reqprobe_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" found "${found}")
  get_filename_component(found "${found}" REALPATH)
  get_filename_component(expected "${prefix}" REALPATH)
  string(FIND "${found}" "${expected}/" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "find_package(reqprobe) found ${found}, not the package under ${prefix}")
  endif()
  packaging_run(COMMAND ${CMAKE_COMMAND} --build "${work}/consumer-build")
  packaging_run(COMMAND "${work}/consumer-build/consumer" OUTPUT_VARIABLE out)
  message(STATUS "${out}")
endfunction()
