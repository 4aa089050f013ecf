#!/bin/bash -eu
# ClusterFuzzLite/OSS-Fuzz build step: the in-tree script does everything ($CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $OUT come from the base-builder image).
"$SRC/reqprobe/fuzz/oss_fuzz_build.sh"
