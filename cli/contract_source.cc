#include "contract_source.h"

#include <filesystem>

#include "file_io.h"
#include "printable_text.h"

namespace reqprobe::cli {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "file:///dir/a%20b.yaml" -> "/dir/a b.yaml"; empty when the URI is not a local file.
std::string local_path_of(const std::string& uri) {
  if (uri.rfind("file://", 0) != 0) return {};
  std::string_view rest = std::string_view(uri).substr(7);
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string_view authority = rest.substr(0, slash);
  if (!authority.empty() && authority != "localhost") return {};
  rest = rest.substr(slash);
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2])));
      i += 2;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

// The file URI of a path, percent-encoding what a URI cannot hold as is.
std::string file_uri_of(const std::filesystem::path& absolute) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (const char c : absolute.generic_string()) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~/!$&'()*+,;=:@").find(c) != std::string_view::npos;
    if (plain) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

// Documents that references name: local files only (reqprobe never goes to the network to load a contract).
std::optional<std::string> read_referenced_document(const std::string& uri, std::string& error) {
  const std::string path = local_path_of(uri);
  if (path.empty()) {
    error = "reqprobe reads only local files for references; download " + uri + " and refer to it by path";
    return std::nullopt;
  }
  ReadResult read = read_input(path);
  if (!read.ok()) {
    error = read.error;
    return std::nullopt;
  }
  return std::move(read.bytes);
}

}  // namespace

void add_contract_options(CLI::App& command, ContractChoice& choice) {
  command
      .add_option("--contract", choice.file,
                  "OpenAPI 3.0 or 3.1 document, JSON or YAML; references to other local files are followed "
                  "(default: the embedded HSS contract)")
      ->type_name("FILE");
  // One value per occurrence, so "--enable X case.json" does not swallow the case file.
  command
      .add_option("--enable", choice.enable,
                  "Enable an opt-in relaxation the contract offers (repeatable), e.g. scan-scope-combinations")
      ->type_name("OPTION")
      ->allow_extra_args(false);
  command.add_flag("--no-format-assertion", choice.no_format_assertion,
                   "Read `format` as an annotation: date-time, uuid, email... are not checked (they are by default)");
  command.add_flag("--strict", choice.strict,
                   "Strict profile: undeclared body members (where additionalProperties is absent) and undeclared "
                   "query parameters are errors (documents opt in with x-reqprobe-strict: true)");
}

std::string describe_for_terminal(const ContractError& e) {
  return replay::printable_text(e.describe());
}

namespace {

// What every loader needs to name a file and resolve its relative references.
std::string base_uri_of_file(const std::string& file) {
  if (file == "-") return {};
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(file, ec);
  return ec ? std::string() : file_uri_of(absolute.lexically_normal());
}

void print_errors(const std::string& what, const std::string& name, const std::vector<ContractError>& errors,
                  std::ostream& err) {
  err << "reqprobe: cannot load " << what << " " << replay::printable_text(name) << ":\n";
  for (const ContractError& e : errors) err << describe_for_terminal(e) << "\n";
}

SchemaDialect dialect_named(const std::string& name) {
  if (name == "draft4") return SchemaDialect::draft4;
  if (name == "draft6") return SchemaDialect::draft6;
  if (name == "draft7") return SchemaDialect::draft7;
  if (name == "2019-09") return SchemaDialect::draft2019_09;
  return SchemaDialect::draft2020_12;
}

}  // namespace

std::optional<LoadedContract> load_chosen_schema(const SchemaChoice& choice, std::ostream& err) {
  ReadResult read = read_input(choice.file);
  if (!read.ok()) {
    err << "reqprobe: " << read.error << "\n";
    return std::nullopt;
  }
  SchemaLoadOptions options;
  options.name = choice.file;
  options.base_uri = base_uri_of_file(choice.file);
  options.read_document = read_referenced_document;
  options.dialect = dialect_named(choice.dialect);
  options.assert_formats = choice.assert_formats;
  LoadResult result = load_schema(*read.bytes, options);
  if (!result.ok()) {
    print_errors("schema", choice.file, result.errors, err);
    return std::nullopt;
  }
  LoadedContract loaded;
  loaded.contract = std::move(result.contract);
  loaded.text = std::move(*read.bytes);
  loaded.name = choice.file;
  loaded.warnings = std::move(result.warnings);
  return loaded;
}

ContractLoadReport load_contract_report(const ContractChoice& choice) {
  ContractLoadReport report;
  LoadOptions options;
  options.enable = choice.enable;
  options.strict = choice.strict;
  options.assert_formats = !choice.no_format_assertion;
  if (choice.file.empty()) {
    report.text = std::string(embedded_contract_text());
    report.name = "(embedded) " + std::string(embedded_contract_name());
    options.name = std::string(embedded_contract_name());
  } else {
    ReadResult read = read_input(choice.file);
    if (!read.ok()) {
      report.read_error = read.error;
      return report;
    }
    report.text = std::move(*read.bytes);
    report.name = choice.file;
    options.name = choice.file;
    options.base_uri = base_uri_of_file(choice.file);
    options.read_document = read_referenced_document;
  }
  report.read_ok = true;
  report.result = load_contract(report.text, options);
  return report;
}

std::optional<LoadedContract> load_chosen_contract(const ContractChoice& choice, std::ostream& err,
                                                   bool quiet_warnings) {
  ContractLoadReport report = load_contract_report(choice);
  if (!report.read_ok) {
    err << "reqprobe: " << report.read_error << "\n";
    return std::nullopt;
  }
  if (!report.result.ok()) {
    print_errors("contract", report.name, report.result.errors, err);
    return std::nullopt;
  }
  if (!quiet_warnings && !report.result.warnings.empty())
    err << "reqprobe: " << replay::printable_text(report.name) << " loaded with " << report.result.warnings.size()
        << (report.result.warnings.size() == 1 ? " warning" : " warnings")
        << " (reqprobe contract check --contract FILE lists them)\n";
  LoadedContract loaded;
  loaded.contract = std::move(report.result.contract);
  loaded.text = std::move(report.text);
  loaded.name = std::move(report.name);
  loaded.warnings = std::move(report.result.warnings);
  return loaded;
}

}  // namespace reqprobe::cli
