#include "reader.h"

#include "json_reader.h"
#include "yaml_reader.h"

namespace reqprobe::doc {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool looks_like_json(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace

ReadResult read_document(std::shared_ptr<const Source> source, Format format) {
  ReadResult result;
  if (format == Format::automatic) {
    const std::string& name = source->name();
    if (ends_with(name, ".json")) {
      format = Format::json;
    } else if (ends_with(name, ".yaml") || ends_with(name, ".yml")) {
      format = Format::yaml;
    } else {
      format = looks_like_json(source->text()) ? Format::json : Format::yaml;
    }
  }
  auto document = std::make_unique<Document>(std::move(source));
  result.json = format == Format::json;
  const bool ok = result.json ? read_json(*document, result.error) : read_yaml(*document, result.error);
  if (ok) result.document = std::move(document);
  return result;
}

}  // namespace reqprobe::doc
