# Builds the Debian package from the current build (cpack -G DEB, into WORK: the build tree is left as it was) and
# checks it without installing it: its fields (dpkg-deb -f), its file list (dpkg-deb -c), that every library the
# packed command links directly comes from a package its Depends names (readelf, ldd, dpkg -S), and, extracted
# (dpkg-deb -x), that the command runs and a CMake project builds against the packed library and config files.
#   cmake -DBUILD_DIR=... -DWORK=... -DVERSION=... -DCONSUMER_DIR=... -DCXX=... -DGENERATOR=... -DMAKE_PROGRAM=...
#         -P deb_package.cmake
cmake_minimum_required(VERSION 3.22)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
packaging_run(COMMAND cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK}/out"
              WORKING_DIRECTORY "${WORK}")
file(GLOB debs "${WORK}/out/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one .deb in ${WORK}/out, found: ${debs}")
endif()
get_filename_component(deb_name "${debs}" NAME)
packaging_expect("${deb_name}" "^reqprobe_${VERSION}-[0-9]+_[a-z0-9]+\\.deb$" "package file name")

# Fields.
packaging_run(COMMAND dpkg-deb -f "${debs}" Package Version Architecture Depends Recommends
              OUTPUT_VARIABLE fields)
message(STATUS "control fields:\n${fields}")
packaging_expect("${fields}" "Package: reqprobe\n" "Package")
packaging_expect("${fields}" "Version: ${VERSION}-[0-9]+\n" "Version (the project's)")
string(REGEX MATCH "Depends: [^\n]*" depends "${fields}")
foreach(package libc6 libstdc\\+\\+6 libgcc-s1 libcurl4 libssl3 libfyaml0 libre2-9 libidn2-0)
  packaging_expect("${depends}" "[ ,]${package}( \\([^)]*\\))?(,|$)" "Depends")
endforeach()
string(REGEX MATCH "Recommends: [^\n]*" recommends "${fields}")
foreach(package libfyaml-dev libre2-dev libidn2-dev pkg-config)
  packaging_expect("${recommends}" "[ ,]${package}(,|$)" "Recommends (what linking the static library needs)")
endforeach()

# Files: the command, the library, its public headers and the package files, all under /usr; nothing else.
packaging_run(COMMAND dpkg-deb -c "${debs}" OUTPUT_VARIABLE listing)
string(REGEX MATCHALL "\\./usr/[^\n]*[^/\n]\n" files "${listing}")  # files and links, not directories
string(REPLACE "\n" "" files "${files}")
list(TRANSFORM files REPLACE "^\\./" "/")
list(TRANSFORM files REPLACE " -> .*$" "")
list(SORT files)
string(REPLACE ";" "\n  " shown "${files}")
message(STATUS "files:\n  ${shown}")
set(unexpected ${files})
list(FILTER unexpected EXCLUDE REGEX "^/usr/bin/reqprobe$")
list(FILTER unexpected EXCLUDE REGEX "^/usr/lib(/[^/]+)?/libreqprobe_validator\\.a$")
list(FILTER unexpected EXCLUDE REGEX "^/usr/include/reqprobe/[a-z_]+\\.h$")
list(FILTER unexpected EXCLUDE REGEX "^/usr/lib(/[^/]+)?/cmake/reqprobe/reqprobe(Config|ConfigVersion|Targets|Targets-[a-z]+)\\.cmake$")
list(FILTER unexpected EXCLUDE REGEX "^/usr/lib(/[^/]+)?/pkgconfig/reqprobe\\.pc$")
if(unexpected)
  message(FATAL_ERROR "unexpected files in the package: ${unexpected}")
endif()
foreach(regex "^/usr/bin/reqprobe$" "libreqprobe_validator\\.a$" "^/usr/include/reqprobe/validator\\.h$"
        "/reqprobeConfig\\.cmake$" "/reqprobeConfigVersion\\.cmake$" "/reqprobeTargets\\.cmake$" "/reqprobe\\.pc$")
  set(hits ${files})
  list(FILTER hits INCLUDE REGEX "${regex}")
  if(NOT hits)
    message(FATAL_ERROR "the package has no file matching ${regex}")
  endif()
endforeach()
list(LENGTH files file_count)
message(STATUS "${deb_name}: ${file_count} files")

# Extracted: the command runs and names its version.
set(root "${WORK}/root")
packaging_run(COMMAND dpkg-deb -x "${debs}" "${root}")
packaging_run(COMMAND "${root}/usr/bin/reqprobe" --version OUTPUT_VARIABLE version_text)
packaging_expect("${version_text}" "^reqprobe ${VERSION} " "reqprobe --version")

# Every library the command links directly comes from a package that Depends names.
packaging_run(COMMAND readelf -d "${root}/usr/bin/reqprobe" OUTPUT_VARIABLE dynamic)
string(REGEX MATCHALL "\\(NEEDED\\)[^[]*\\[[^]]+\\]" needed "${dynamic}")
list(TRANSFORM needed REPLACE "^.*\\[([^]]+)\\]$" "\\1")
packaging_run(COMMAND ldd "${root}/usr/bin/reqprobe" OUTPUT_VARIABLE resolved)
foreach(library IN LISTS needed)
  packaging_regex_escape("${library}" library_regex)
  string(REGEX MATCH "${library_regex} => ([^ ]+)" found "${resolved}")
  if(NOT found)
    message(FATAL_ERROR "ldd did not resolve ${library}:\n${resolved}")
  endif()
  get_filename_component(path "${CMAKE_MATCH_1}" REALPATH)
  execute_process(COMMAND dpkg-query -S "${path}" RESULT_VARIABLE rc OUTPUT_VARIABLE owner ERROR_QUIET)
  if(NOT rc EQUAL 0)  # merged /usr: dpkg may know the file under its /lib or /usr/lib name only
    string(REGEX REPLACE "^/usr/lib/" "/lib/" other "${path}")
    if(other STREQUAL path)
      string(REGEX REPLACE "^/lib/" "/usr/lib/" other "${path}")
    endif()
    execute_process(COMMAND dpkg-query -S "${other}" RESULT_VARIABLE rc OUTPUT_VARIABLE owner ERROR_QUIET)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "no Debian package holds ${path} (${library})")
  endif()
  string(REGEX REPLACE "[:,].*$" "" owner "${owner}")
  packaging_regex_escape("${owner}" owner_regex)
  packaging_expect("${depends}" "[ ,]${owner_regex}( \\([^)]*\\))?(,|$)" "Depends must name ${owner} (${library})")
  message(STATUS "${library}: ${owner}, declared")
endforeach()

# Extracted: the packed CMake package is relocatable, so a project finds it under the extraction root.
packaging_build_cmake_consumer("${root}/usr" "${WORK}")
