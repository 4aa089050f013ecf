// The document model: one tree for JSON and YAML contracts, every value with the place it was written. The parse
// stage (json_reader, yaml_reader) builds it; the resolve and compile stages read it and never see the syntax it
// came from.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::doc {

/// 1-based line and column (columns count bytes); 0 when unknown.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// The text a document was read from, with its name (a file path or "<embedded>") for messages.
class Source {
 public:
  Source(std::string name, std::string text);
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  /// Line and column of a byte offset.
  [[nodiscard]] Position position(std::uint32_t offset) const noexcept;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;  ///< byte offset of each line's first byte
};

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

[[nodiscard]] std::string_view kind_name(Kind kind) noexcept;

struct Node;

/// An object member: its key (decoded) and where the key was written.
struct Member {
  std::string key;
  const Node* value = nullptr;
  std::uint32_t key_offset = 0;
};

/// One value. Nodes are owned by their Document and never move, so pointers to them are stable; a YAML alias is the
/// anchored node itself (the tree is a DAG, so an alias costs nothing however often it is used).
struct Node {
  Kind kind = Kind::null;
  bool boolean = false;
  /// Numbers: an exact JSON number lexeme (YAML's 0x1F, +1, .5, 1e3 rewritten in JSON form); `nonfinite` is set
  /// for YAML's .inf and .nan, which JSON cannot write. Strings: the decoded value.
  std::string text;
  bool nonfinite = false;
  std::vector<Member> members;     ///< objects, in document order (keys are unique)
  std::vector<const Node*> items;  ///< arrays
  std::uint32_t offset = 0;        ///< where the value starts in its source
  const Source* source = nullptr;

  [[nodiscard]] bool is(Kind k) const noexcept { return kind == k; }
  /// The member's value, or nullptr (and nullptr for a non-object).
  [[nodiscard]] const Node* find(std::string_view key) const noexcept;
  [[nodiscard]] Position position() const noexcept;
};

/// A parsed document: its source, its nodes, its root.
class Document {
 public:
  explicit Document(std::shared_ptr<const Source> source) : source_(std::move(source)) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  [[nodiscard]] const Source& source() const noexcept { return *source_; }
  [[nodiscard]] const std::shared_ptr<const Source>& shared_source() const noexcept { return source_; }
  [[nodiscard]] const Node* root() const noexcept { return root_; }

  /// For the readers: a new node at `offset`.
  Node& make(Kind kind, std::uint32_t offset);
  void set_root(const Node* root) noexcept { root_ = root; }
  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }

 private:
  std::shared_ptr<const Source> source_;
  std::deque<Node> nodes_;
  const Node* root_ = nullptr;
};

/// Why a document could not be read, and where.
struct ParseError {
  std::uint32_t offset = 0;
  std::string message;
};

/// The nesting a document may have: real OpenAPI documents nest a few dozen levels.
inline constexpr std::uint32_t kMaxNesting = 512;

}  // namespace reqprobe::doc
