# The Debian package (issue 16): `cpack -G DEB` in a build directory packs what `cmake --install` installs (the
# command, the static validator library, its headers, the CMake package and reqprobe.pc) under /usr, as
# reqprobe_<version>-<release>_<arch>.deb. Build first (`cmake --build build`): with Ninja, cpack packs the files
# already built and builds nothing itself.

set(REQPROBE_PACKAGE_MAINTAINER "reqprobe maintainers <maintainers@reqprobe.invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(REQPROBE_PACKAGE_RELEASE "1" CACHE STRING "Debian revision of the package (the part after the version's dash)")

set(CPACK_VERBATIM_VARIABLES ON)  # the values below reach CPackConfig.cmake as written, quotes included
set(CPACK_PACKAGE_NAME reqprobe)
set(CPACK_PACKAGE_VENDOR "reqprobe")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The long description: Debian wants lines under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION
    "reqprobe validates HTTP requests against an OpenAPI 3.0/3.1 contract (JSON
or YAML; the HSS \"Create a manual image scan task\" contract is embedded),
generates boundary and negative cases, and replays them against a live
endpoint, reporting in JSON lines, JUnit and SARIF.
This package holds the reqprobe command and the validator as a static C++20
library with its headers, a CMake package (find_package(reqprobe), target
reqprobe::validator) and a pkg-config file (reqprobe.pc).")
set(CPACK_PACKAGE_CONTACT "${REQPROBE_PACKAGE_MAINTAINER}")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # the command; a static library is installed as built

set(CPACK_DEBIAN_PACKAGE_RELEASE ${REQPROBE_PACKAGE_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # reqprobe_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Debian 12 (bookworm) names: the packages that hold every library the command links directly (readelf -d, then
# dpkg -S), with the lowest versions dpkg-shlibdeps asks for on Debian 12. libssl3 holds libcrypto (AK/SK signing).
# tests/packaging checks this list against the packed command, so a new library cannot go undeclared.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libcurl4 (>= 7.66.0), libfyaml0 (>= 0.7.12), libgcc-s1 (>= 3.0), libidn2-0 (>= 0.6), \
libre2-9 (>= 0+hg23), libssl3 (>= 3.0.0), libstdc++6 (>= 12)")
# What a program that links the static library needs besides: the -dev packages of its dependencies, and
# pkg-config, through which reqprobeConfig.cmake and reqprobe.pc find them. The command does not need them.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libfyaml-dev, libre2-dev, libidn2-dev, pkg-config")

include(CPack)
