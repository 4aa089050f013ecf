// The official JSON-Schema-Test-Suite (tests/jsts/suite, vendored with its LICENSE): every required test of draft 4,
// draft 7 and 2020-12 runs through load_schema and the Validator in both modes. A test may fail only when
// known_failures.txt lists it with its reason; a listed test that passes is a failure too, so the list stays true.
// optional/format runs with formats asserted, for every format reqprobe asserts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "document/reader.h"
#include "reqprobe/contract.h"
#include "reqprobe/json_schema_export.h"
#include "reqprobe/validator.h"

namespace reqprobe {
namespace {

namespace fs = std::filesystem;
const fs::path kSuite = fs::path(REQPROBE_JSTS_DIR) / "suite";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_string(std::string_view text, std::string& out) {
  out.push_back('"');
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (b < 0x20) {
      out += "\\u00";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// The node as JSON text exactly as written (numbers keep their lexemes: 1.0 stays 1.0, big integers stay exact).
void write_json(const doc::Node* n, std::string& out) {
  switch (n->kind) {
    case doc::Kind::null:
      out += "null";
      return;
    case doc::Kind::boolean:
      out += n->boolean ? "true" : "false";
      return;
    case doc::Kind::number:
      out += n->text;
      return;
    case doc::Kind::string:
      write_string(n->text, out);
      return;
    case doc::Kind::array:
      out.push_back('[');
      for (std::size_t i = 0; i < n->items.size(); ++i) {
        if (i) out.push_back(',');
        write_json(n->items[i], out);
      }
      out.push_back(']');
      return;
    case doc::Kind::object:
      out.push_back('{');
      for (std::size_t i = 0; i < n->members.size(); ++i) {
        if (i) out.push_back(',');
        write_string(n->members[i].key, out);
        out.push_back(':');
        write_json(n->members[i].value, out);
      }
      out.push_back('}');
      return;
  }
}

std::string json_of(const doc::Node* n) {
  std::string out;
  write_json(n, out);
  return out;
}

// http://localhost:1234/<path> is the suite's remotes/<path>.
DocumentReader remotes() {
  return [](const std::string& uri, std::string& error) -> std::optional<std::string> {
    const std::string prefix = "http://localhost:1234/";
    if (uri.rfind(prefix, 0) != 0) {
      error = "only the suite's remotes resolve here";
      return std::nullopt;
    }
    const fs::path path = kSuite / "remotes" / uri.substr(prefix.size());
    if (!fs::exists(path)) {
      error = "no such remote";
      return std::nullopt;
    }
    return read_file(path);
  };
}

struct Outcome {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::vector<std::string> failures;  ///< "draft/file|group|test"
};

SchemaDialect dialect_of(const std::string& draft) {
  if (draft == "draft4") return SchemaDialect::draft4;
  if (draft == "draft7") return SchemaDialect::draft7;
  return SchemaDialect::draft2020_12;
}

// Runs one file of the suite; tests whose verdict differs (or whose schema does not load) are failures.
void run_file(const std::string& draft, const fs::path& file, bool assert_formats, Outcome& out,
              std::map<std::string, std::pair<std::size_t, std::size_t>>& per_file) {
  const std::string relative = draft + "/" + fs::relative(file, kSuite / "tests" / draft).generic_string();
  const doc::ReadResult read = doc::read_document(std::make_shared<doc::Source>(file.string(), read_file(file)));
  ASSERT_TRUE(read.ok()) << relative << ": " << read.error.message;
  auto& [file_passed, file_total] = per_file[relative];
  for (const doc::Node* group : read.document->root()->items) {
    const std::string group_name = group->find("description")->text;
    SchemaLoadOptions options;
    options.dialect = dialect_of(draft);
    options.name = "http://localhost:1234/" + relative;  // a base for the suite's relative references
    options.read_document = remotes();
    options.assert_formats = assert_formats;
    const LoadResult loaded = load_schema(json_of(group->find("schema")), options);
    std::unique_ptr<Validator> validator;
    if (loaded.ok()) validator = std::make_unique<Validator>(loaded.contract);
    for (const doc::Node* test : group->find("tests")->items) {
      const std::string id = relative + "|" + group_name + "|" + test->find("description")->text;
      const bool expected = test->find("valid")->boolean;
      bool ok = false;
      if (validator) {
        const std::string data = json_of(test->find("data"));
        const bool fast = validator->is_valid_body(data);
        const bool exhaustive = validator->validate_body(data).valid();
        ok = fast == expected && exhaustive == expected;
      }
      ++file_total;
      if (ok) {
        ++out.passed;
        ++file_passed;
      } else {
        ++out.failed;
        out.failures.push_back(id);
      }
    }
  }
}

std::set<std::string> known_failures() {
  std::set<std::string> known;
  std::istringstream lines(read_file(fs::path(REQPROBE_JSTS_DIR) / "known_failures.txt"));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t reason = line.find("  #");
    known.insert(line.substr(0, reason));
  }
  return known;
}

void run_draft(const std::string& draft, bool optional_formats) {
  Outcome out;
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_file;
  const fs::path root = kSuite / "tests" / draft;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    const bool optional = rel.rfind("optional/", 0) == 0;
    const bool format = rel.rfind("optional/format/", 0) == 0;
    if (optional_formats ? format : !optional) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) run_file(draft, file, optional_formats, out, per_file);
  const std::set<std::string> known = known_failures();
  std::size_t unexpected = 0;
  std::set<std::string> failed(out.failures.begin(), out.failures.end());
  for (const std::string& id : out.failures) {
    if (known.count(id) != 0) continue;
    ++unexpected;
    ADD_FAILURE() << "fails: " << id;
  }
  for (const std::string& id : known) {
    if (id.rfind(draft + "/", 0) != 0) continue;
    const bool in_scope = optional_formats == (id.find("/optional/format/") != std::string::npos);
    if (in_scope && failed.count(id) == 0) ADD_FAILURE() << "listed in known_failures.txt but passes: " << id;
  }
  std::printf("%s%s: %zu of %zu pass\n", draft.c_str(), optional_formats ? " optional/format" : "", out.passed,
              out.passed + out.failed);
  for (const auto& [file, counts] : per_file)
    std::printf("  %-60s %zu/%zu\n", file.c_str(), counts.first, counts.second);
  EXPECT_EQ(unexpected, 0u);
}

// The draft-07 export of every schema that loads must judge every test of its group as the schema itself does
// (loaded back by reqprobe as draft 7), except where the export says in a $comment that it cannot express a keyword.
void run_export_round_trip(const std::string& draft) {
  std::size_t groups = 0, compared = 0, skipped = 0;
  const fs::path root = kSuite / "tests" / draft;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string relative = draft + "/" + file.filename().string();
    const doc::ReadResult read = doc::read_document(std::make_shared<doc::Source>(file.string(), read_file(file)));
    ASSERT_TRUE(read.ok()) << relative;
    for (const doc::Node* group : read.document->root()->items) {
      SchemaLoadOptions options;
      options.dialect = dialect_of(draft);
      options.name = "http://localhost:1234/" + relative;
      options.read_document = remotes();
      const LoadResult original = load_schema(json_of(group->find("schema")), options);
      if (!original.ok()) continue;
      ++groups;
      const std::string exported = export_json_schema(*original.contract, 0);
      if (exported.find("not expressed in draft 7") != std::string::npos) {
        ++skipped;
        continue;
      }
      SchemaLoadOptions back;
      back.dialect = SchemaDialect::draft7;
      const LoadResult reloaded = load_schema(exported, back);
      ASSERT_TRUE(reloaded.ok()) << relative << " | " << group->find("description")->text << ": the export does not "
                                 << "load: " << (reloaded.errors.empty() ? "" : reloaded.errors[0].describe()) << "\n"
                                 << exported;
      Validator a(original.contract), b(reloaded.contract);
      for (const doc::Node* test : group->find("tests")->items) {
        const std::string data = json_of(test->find("data"));
        ++compared;
        EXPECT_EQ(a.validate_body(data).valid(), b.validate_body(data).valid())
            << relative << " | " << group->find("description")->text << " | " << test->find("description")->text << "\n"
            << exported;
      }
    }
  }
  std::printf("%s export round trip: %zu groups, %zu tests compared, %zu groups not expressible in draft 7\n",
              draft.c_str(), groups, compared, skipped);
}

TEST(JsonSchemaTestSuite, Draft4) {
  run_draft("draft4", false);
}
TEST(JsonSchemaTestSuite, Draft7) {
  run_draft("draft7", false);
}
TEST(JsonSchemaTestSuite, Draft2020_12) {
  run_draft("draft2020-12", false);
}
TEST(JsonSchemaTestSuite, Draft4Formats) {
  run_draft("draft4", true);
}
TEST(JsonSchemaTestSuite, Draft7Formats) {
  run_draft("draft7", true);
}
TEST(JsonSchemaTestSuite, Draft2020_12Formats) {
  run_draft("draft2020-12", true);
}
TEST(JsonSchemaExportRoundTrip, Draft4) {
  run_export_round_trip("draft4");
}
TEST(JsonSchemaExportRoundTrip, Draft7) {
  run_export_round_trip("draft7");
}
TEST(JsonSchemaExportRoundTrip, Draft2020_12) {
  run_export_round_trip("draft2020-12");
}

}  // namespace
}  // namespace reqprobe
