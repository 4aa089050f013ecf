// The resolve stage (validator/src/resolve/document_set.cc): RFC 3986 5.2 reference resolution against the RFC's
// own examples (5.4.1 normal, 5.4.2 abnormal), fragments and percent-decoding, RFC 6901 pointers, file: URIs, and a
// DocumentSet over an in-memory fetcher: other documents read once, missing ones and unparsable ones reported with
// their URI, anchors and $id names, and pointers that lead nowhere, each with its exact message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "document/reader.h"
#include "resolve/document_set.h"

namespace reqprobe::resolve {
namespace {

TEST(ResolveUri, Rfc3986NormalExamples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& [reference, expected] : rows) EXPECT_EQ(resolve_uri(base, reference), expected) << reference;
}

TEST(ResolveUri, Rfc3986AbnormalExamples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : rows) EXPECT_EQ(resolve_uri(base, reference), expected) << reference;
}

TEST(ResolveUri, OtherBases) {
  EXPECT_EQ(resolve_uri("http://a", "g"), "http://a/g");  // an authority and an empty path
  EXPECT_EQ(resolve_uri("urn:x", "g"), "urn:g");
  EXPECT_EQ(resolve_uri("file:///dir/api.yaml", "common.yaml#/components"), "file:///dir/common.yaml#/components");
  EXPECT_EQ(resolve_uri("file:///dir/api.yaml", "//host/x/../y?q"), "file://host/y?q");
  EXPECT_EQ(resolve_uri("file:///dir/api.yaml", "1a:b"), "file:///dir/1a:b");  // not a scheme: a path
  EXPECT_EQ(resolve_uri("file:///dir/api.yaml", "a/b:c"), "file:///dir/a/b:c");
  EXPECT_EQ(resolve_uri("file:///dir/api.yaml", "HTTP://X/./y"), "HTTP://X/y");
}

TEST(Fragments, SplitAndDecode) {
  EXPECT_EQ(split_fragment("a#b#c"), (std::pair<std::string, std::string>{"a", "b#c"}));
  EXPECT_EQ(split_fragment("a"), (std::pair<std::string, std::string>{"a", ""}));
  EXPECT_EQ(split_fragment("#"), (std::pair<std::string, std::string>{"", ""}));
  struct Row {
    std::string in;
    bool ok;
    std::string out;
  };
  for (const Row& row : {Row{"a%20b", true, "a b"}, Row{"%7e%7E", true, "~~"}, Row{"%2", false, ""},
                         Row{"%zz", false, ""}, Row{"%", false, ""}, Row{"x%4g", false, ""}, Row{"", true, ""}}) {
    std::string out = "stale";
    EXPECT_EQ(percent_decode_fragment(row.in, out), row.ok) << row.in;
    if (row.ok) {
      EXPECT_EQ(out, row.out) << row.in;
    }
  }
}

TEST(FileUris, BothWays) {
  EXPECT_EQ(file_uri("/a/b c.yaml"), "file:///a/b%20c.yaml");
  EXPECT_EQ(file_uri("rel.yaml"), "file:///rel.yaml");
  EXPECT_EQ(file_uri(""), "file:///");
  EXPECT_EQ(file_uri("/\xC3\xA9/x#y"), "file:///%C3%A9/x%23y");
  EXPECT_EQ(file_uri("http://x/y"), "http://x/y");
  EXPECT_EQ(file_uri("urn:a:b"), "urn:a:b");
  EXPECT_EQ(file_path("file:///a/b%20c.yaml"), "/a/b c.yaml");
  EXPECT_EQ(file_path("file://localhost/a"), "/a");
  EXPECT_EQ(file_path("http://x/a"), "");
  EXPECT_EQ(file_path("file://host"), "");
  EXPECT_EQ(file_path("file:///a%zz"), "");
}

std::unique_ptr<doc::Document> parse(const std::string& text) {
  doc::ReadResult read = doc::read_document(std::make_shared<doc::Source>("t.json", text));
  EXPECT_TRUE(read.ok()) << read.error.message;
  return std::move(read.document);
}

TEST(EvaluatePointer, TokensAndWhereTheyStop) {
  const auto document = parse(R"({"a":{"b":1},"arr":[10,11],"a/b":2,"m~n":3,"":4,"~2":5,"s":"x"})");
  const doc::Node* root = document->root();
  struct Row {
    std::string pointer;
    std::string found;  ///< the number found, or "" when none
    std::string failed_at;
  };
  const std::vector<Row> rows = {
      {"/a/b", "1", ""},
      {"/arr/1", "11", ""},
      {"/a~1b", "2", ""},
      {"/m~0n", "3", ""},
      {"/", "4", ""},
      {"/~2", "5", ""},
      {"/arr/01", "", "01"},
      {"/arr/2", "", "2"},
      {"/arr/x", "", "x"},
      {"/arr/-", "", "-"},
      {"/arr/1234567890", "", "1234567890"},
      {"/s/x", "", "x"},
      {"/zz/b", "", "zz"},
      {"a", "", "a"},
  };
  for (const Row& row : rows) {
    std::string failed_at;
    const doc::Node* node = evaluate_pointer(root, row.pointer, failed_at);
    if (row.found.empty()) {
      EXPECT_EQ(node, nullptr) << row.pointer;
      EXPECT_EQ(failed_at, row.failed_at) << row.pointer;
    } else {
      ASSERT_NE(node, nullptr) << row.pointer;
      EXPECT_EQ(node->text, row.found) << row.pointer;
    }
  }
  std::string failed_at;
  EXPECT_EQ(evaluate_pointer(root, "", failed_at), root);
}

// A DocumentSet over an in-memory fetcher that counts its reads.
struct Fixture {
  std::map<std::string, std::string> files;
  std::shared_ptr<std::map<std::string, int>> reads = std::make_shared<std::map<std::string, int>>();
  DocumentFetcher fetcher() const {
    return [files = files, reads = reads](const std::string& uri, std::string& error) -> std::optional<std::string> {
      ++(*reads)[uri];
      const auto it = files.find(uri);
      if (it == files.end()) {
        error = "no such document";
        return std::nullopt;
      }
      return it->second;
    };
  }
};

constexpr const char* kRoot = "file:///api/root.json";

TEST(DocumentSetTest, ResolvesInsideAndAcrossDocuments) {
  Fixture f;
  f.files["file:///api/common.yaml"] = "schemas:\n  id: {type: string}\n";
  f.files["file:///api/broken.yaml"] = "a: [1\n";
  DocumentSet set(f.fetcher());
  std::vector<std::string> loaded;
  set.on_load([&loaded](const doc::Document*, const std::string& uri) { loaded.push_back(uri); });
  doc::ParseError parse_error;
  ASSERT_TRUE(set.add_root(std::make_shared<doc::Source>("root.json", R"({"a":{"b":[1,2]}})"),
                           std::string(kRoot) + "#ignored", parse_error));
  EXPECT_EQ(set.root_uri(), kRoot);
  ASSERT_NE(set.root_document(), nullptr);
  EXPECT_EQ(set.uri_of(set.root_document()), kRoot);

  RefError error;
  auto inside = set.resolve("#/a/b/1", kRoot, error);
  ASSERT_TRUE(inside.has_value()) << error.message;
  EXPECT_EQ(inside->node->text, "2");
  EXPECT_EQ(inside->uri, std::string(kRoot) + "#/a/b/1");
  EXPECT_EQ(set.document_of(inside->node), set.root_document());

  auto across = set.resolve("common.yaml#/schemas/id/type", kRoot, error);
  ASSERT_TRUE(across.has_value()) << error.message;
  EXPECT_EQ(across->node->text, "string");
  EXPECT_EQ(across->uri, "file:///api/common.yaml#/schemas/id/type");
  EXPECT_EQ(set.uri_of(across->document), "file:///api/common.yaml");
  EXPECT_EQ(set.document_of(across->node), across->document);
  EXPECT_EQ(across->node->source->name(), "/api/common.yaml");  // a file: URI is named by its path
  ASSERT_TRUE(set.resolve("common.yaml#/schemas", kRoot, error).has_value());
  EXPECT_EQ((*f.reads)["file:///api/common.yaml"], 1) << "a document is read once";
  EXPECT_EQ(loaded, std::vector<std::string>{"file:///api/common.yaml"});

  struct Row {
    std::string ref;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"#/a/zz", "'zz' is not in the document"},
      {"common.yaml#/schemas/nope", "'nope' is not in file:///api/common.yaml"},
      {"missing.yaml#/x", "cannot read file:///api/missing.yaml: no such document"},
      {"missing.yaml", "cannot read file:///api/missing.yaml: no such document"},
      {"broken.yaml#/a", "file:///api/broken.yaml is not a JSON or YAML document: YAML: "},
      {"#anchor", "no schema declares the anchor 'anchor' in file:///api/root.json"},
      {"#/a%2", "the fragment '/a%2' has a malformed percent-escape"},
  };
  for (const Row& row : rows) {
    RefError e;
    EXPECT_FALSE(set.resolve(row.ref, kRoot, e).has_value()) << row.ref;
    EXPECT_THAT(e.message, ::testing::StartsWith(row.message)) << row.ref;
  }
  EXPECT_EQ((*f.reads)["file:///api/missing.yaml"], 1) << "a failed read is remembered";
  EXPECT_EQ((*f.reads)["file:///api/broken.yaml"], 1);
  RefError again;
  EXPECT_FALSE(set.resolve("broken.yaml#/b", kRoot, again).has_value());
  EXPECT_THAT(again.message, ::testing::HasSubstr("is not a JSON or YAML document"));
  EXPECT_EQ((*f.reads)["file:///api/broken.yaml"], 1);

  const doc::Node* stranger = nullptr;
  EXPECT_EQ(set.document_of(stranger), nullptr);
  EXPECT_EQ(set.uri_of(nullptr), "");
}

TEST(DocumentSetTest, NamesFromIdsAndAnchors) {
  Fixture f;
  f.files["file:///api/named.json"] = R"({"$defs":{"x":{"type":"integer"}}})";
  DocumentSet set(f.fetcher());
  doc::ParseError parse_error;
  ASSERT_TRUE(
      set.add_root(std::make_shared<doc::Source>("root.json", R"({"defs":{"s":{"k":7}}})"), kRoot, parse_error));
  const doc::Document* root = set.root_document();
  const doc::Node* s = root->root()->find("defs")->find("s");
  set.name("https://example.com/s", s, root);
  set.name("https://example.com/s", root->root(), root);  // a later name does not replace the first
  set.name(std::string(kRoot) + "#here", s, root);
  // The fetched document names itself when it is loaded, as the compile stage does for an $id.
  set.on_load([&set](const doc::Document* document, const std::string& uri) {
    set.name(uri + "#top", document->root(), document);
  });

  RefError error;
  auto by_id = set.resolve("https://example.com/s", kRoot, error);
  ASSERT_TRUE(by_id.has_value()) << error.message;
  EXPECT_EQ(by_id->node, s);
  auto under_id = set.resolve("https://example.com/s#/k", kRoot, error);
  ASSERT_TRUE(under_id.has_value()) << error.message;
  EXPECT_EQ(under_id->node->text, "7");
  RefError missing_under_id;
  EXPECT_FALSE(set.resolve("https://example.com/s#/nope", kRoot, missing_under_id).has_value());
  EXPECT_EQ(missing_under_id.message, "'nope' is not in https://example.com/s");
  auto by_anchor = set.resolve("#here", kRoot, error);
  ASSERT_TRUE(by_anchor.has_value()) << error.message;
  EXPECT_EQ(by_anchor->node, s);
  auto named_on_load = set.resolve("named.json#top", kRoot, error);
  ASSERT_TRUE(named_on_load.has_value()) << error.message;
  EXPECT_EQ(set.uri_of(named_on_load->document), "file:///api/named.json");
  EXPECT_NE(named_on_load->node->find("$defs"), nullptr);
}

TEST(DocumentSetTest, WithoutAReader) {
  DocumentSet set;
  doc::ParseError parse_error;
  EXPECT_FALSE(set.add_root(std::make_shared<doc::Source>("root.yaml", "a: [\n"), kRoot, parse_error));
  EXPECT_THAT(parse_error.message, ::testing::StartsWith("YAML: "));
  EXPECT_EQ(set.root_document(), nullptr);
  ASSERT_TRUE(set.add_root(std::make_shared<doc::Source>("root.json", "{}"), kRoot, parse_error));
  RefError error;
  EXPECT_FALSE(set.resolve("other.json#/a", kRoot, error).has_value());
  EXPECT_EQ(error.message,
            "cannot read file:///api/other.json: other documents cannot be read here (no reader was given)");
}

}  // namespace
}  // namespace reqprobe::resolve
