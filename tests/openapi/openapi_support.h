// Shared helpers for the OpenAPI tests (issue 11): load a document written in the test (YAML or JSON), run requests
// against it in both modes, and compare the violations with an exact, ordered list of (code, location, pointer)
// tuples. The tuples, the ViolationsAre matcher and HttpRequest come from the validator tests' support header.
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_support.h"

namespace reqprobe::openapi_test {

using test::HttpRequest;
using test::V;

inline std::string errors_text(const LoadResult& loaded) {
  std::string out;
  for (const ContractError& e : loaded.errors) out += "\n  " + e.describe();
  return out;
}

inline std::string warnings_text(const LoadResult& loaded) {
  std::string out;
  for (const ContractError& e : loaded.warnings) out += "\n  " + e.describe();
  return out;
}

/// Loads a document that must load; a failure is reported and the contract is null.
inline std::shared_ptr<const Contract> load_ok(std::string_view text, LoadOptions options = {}) {
  LoadResult loaded = load_contract(text, options);
  EXPECT_TRUE(loaded.ok()) << "the document does not load:" << errors_text(loaded);
  return loaded.contract;
}

/// A request, its headers as (name, value) pairs.
inline HttpRequest request(std::string method, std::string target,
                           std::vector<std::pair<std::string, std::string>> headers = {},
                           std::optional<std::string> body = std::nullopt) {
  return HttpRequest{std::move(method), std::move(target), std::move(headers), std::move(body)};
}

/// Validates exhaustively and fail-fast on a fresh validator, then again on the same one, and checks that the
/// verdicts agree and the reports repeat. Returns the first report.
inline Report run(const std::shared_ptr<const Contract>& contract, const HttpRequest& http,
                  const ValidatorOptions& options = {}) {
  if (!contract) {
    ADD_FAILURE() << "no contract";
    return {};
  }
  const test::RequestView view(http);
  Validator validator(contract, options);
  Report first = validator.validate(view.get());
  const bool verdict = validator.is_valid(view.get());
  Report second = validator.validate(view.get());
  EXPECT_EQ(verdict, first.valid()) << "fail-fast disagrees with the exhaustive verdict";
  EXPECT_EQ(first.violations, second.violations) << "validating twice gave different reports";
  return first;
}

/// One row of a request table: what is sent, and exactly what must be reported (empty: valid).
struct Row {
  std::string name;
  HttpRequest request;
  std::vector<V> expected;
};

inline void check_rows(const std::shared_ptr<const Contract>& contract, const std::vector<Row>& rows,
                       const ValidatorOptions& options = {}) {
  for (const Row& row : rows) {
    SCOPED_TRACE("row: " + row.name + " (" + row.request.method + " " + row.request.target + ")");
    EXPECT_THAT(run(contract, row.request, options), test::ViolationsAre(row.expected));
  }
}

/// A reader over an in-memory set of documents, by absolute URI; it counts its reads.
struct MemoryReader {
  std::map<std::string, std::string> files;
  std::shared_ptr<int> reads = std::make_shared<int>(0);
  [[nodiscard]] DocumentReader reader() const {
    return [files = files, reads = reads](const std::string& uri, std::string& error) -> std::optional<std::string> {
      ++*reads;
      const auto it = files.find(uri);
      if (it == files.end()) {
        error = "no such document";
        return std::nullopt;
      }
      return it->second;
    };
  }
};

/// A file's bytes (the OAI example documents); throws, failing the test, when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Shorthands for expected violations.
inline V at_request(std::string code) {
  return {std::move(code), "request", ""};
}
inline V at_path(std::string code, std::string pointer) {
  return {std::move(code), "path", std::move(pointer)};
}
inline V at_query(std::string code, std::string pointer) {
  return {std::move(code), "query", std::move(pointer)};
}
inline V at_header(std::string code, std::string pointer) {
  return {std::move(code), "header", std::move(pointer)};
}
inline V at_cookie(std::string code, std::string pointer) {
  return {std::move(code), "cookie", std::move(pointer)};
}
inline V at_body(std::string code, std::string pointer) {
  return {std::move(code), "body", std::move(pointer)};
}

}  // namespace reqprobe::openapi_test
