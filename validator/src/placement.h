// Code placement for the request path.
//
// A valid request runs some thirty small functions (routing, query and header checks, the body scanner, text
// helpers) that the compiler spreads over the library among the code for reports, composition and loading. Marked
// hot, GCC puts them in .text.hot, which the linker gathers into one run: a request's code then shares few cache
// sets and pages. Reporting is cold and out of line: the branches that lead to it move to .text.unlikely, out of the
// checks' hot lines. (clang reads both attributes as hints for inlining and branch weights.)
#pragma once

#define REQPROBE_HOT [[gnu::hot]]
#define REQPROBE_COLD [[gnu::cold, gnu::noinline]]
