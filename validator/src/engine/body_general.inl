// The body engine's general path: member functions of BodyScanner, included inside the class (body_scanner.h).
// Nodes reach it when their `general` flag is set by the compiler.

// ---- values --------------------------------------------------------------------------------------------------------

static bool allows(const SchemaNode& node, std::uint8_t bit) {
  return (node.types & bit) != 0;
}

void begin_general(std::uint32_t index, const SchemaNode& node) {
  const std::size_t start = pos_;
  if (node.never) {  // the `false` schema: the value is read (well-formedness, limits) and refused
    report(Code::false_schema, Severity::error, depth_, [] { return std::string("no value is allowed here"); });
    if (!sink_.stopped()) begin_value(kAny);
    return;
  }
  const char c = data_[pos_];
  switch (c) {
    case '{':
    case '[':
      ++pos_;
      open_general(index, node, c == '{', start);
      return;
    case '"':
      general_string(index, node, start);
      return;
    case 't':
    case 'f':
    case 'n':
      general_literal(index, node, start, c);
      return;
    default:
      if (c == '-' || (c >= '0' && c <= '9')) {
        general_number(index, node, start);
        return;
      }
      syntax_error("expected a value");
  }
}

void general_string(std::uint32_t index, const SchemaNode& node, std::size_t start) {
  ++pos_;
  const std::size_t content = pos_;
  const StringScan scan = scan_string(data_, n_, pos_);
  if (scan.status != StringScan::Status::ok) {
    pos_ = scan.end;
    syntax_error(scan.status == StringScan::Status::unterminated   ? "unterminated string"
                 : scan.status == StringScan::Status::control_char ? "unescaped control character in string"
                                                                   : "invalid escape in string");
    return;
  }
  pos_ = scan.end;
  const std::size_t raw_bytes = scan.end - 1 - content;
  if (raw_bytes > limits_.max_string_bytes) {
    fatal(Code::limit, depth_,
          [&] { return "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes"; });
    return;
  }
  if (!scan.encoding_ok) {
    report(Code::encoding, Severity::error, depth_,
           [] { return std::string("string is not valid UTF-8 or has a lone surrogate escape"); });
    set_capture(Capture::State::wrong);
    return;
  }
  bool ok = true;
  if (!allows(node, type_bits::string)) {
    types_error(node.types, "string");
    ok = false;
  } else {
    std::string_view value(data_ + content, raw_bytes);
    if (scan.escaped) {
      s_.decoded.clear();
      decode_string(value, s_.decoded);
      value = s_.decoded;
    }
    if (scan.code_points < node.min_length) {
      ok = false;
      report(Code::min_length, Severity::error, depth_, [&] {
        return "length " + std::to_string(scan.code_points) + " is below minLength " + std::to_string(node.min_length);
      });
    }
    if (node.max_length != kUnbounded && scan.code_points > node.max_length) {
      ok = false;
      report(Code::max_length, Severity::error, depth_, [&] {
        return "length " + std::to_string(scan.code_points) + " exceeds maxLength " + std::to_string(node.max_length);
      });
    }
    if (node.pattern != kNone && !ctx_.runtime.pattern_matches(node.pattern, value)) {
      ok = false;
      report(Code::pattern, Severity::error, depth_,
             [&] { return "value does not match the pattern " + plan_.patterns[node.pattern].source; });
    }
    if (node.format_check != Format::none && !string_has_format(node.format_check, value)) {
      ok = false;
      report(Code::format, Severity::error, depth_,
             [&] { return "value is not a valid " + std::string(format_name(node.format_check)); });
    }
    if (node.has_values) {
      s_.canonical.clear();
      append_canonical_string(s_.canonical, value);
      if (!value_listed(node, s_.canonical)) {
        ok = false;
        values_error(node, depth_);
      }
    }
  }
  if (sink_.stopped()) return;
  set_capture(ok ? Capture::State::ok : Capture::State::wrong);
  post_value(index, start, pos_, depth_, false, 0);
}

void general_literal(std::uint32_t index, const SchemaNode& node, std::size_t start, char c) {
  const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
  if (n_ - pos_ < word.size() || std::string_view(data_ + pos_, word.size()) != word) {
    syntax_error("invalid literal");
    return;
  }
  pos_ += word.size();
  const bool is_null = c == 'n';
  bool ok = true;
  if (!allows(node, is_null ? type_bits::null : type_bits::boolean)) {
    types_error(node.types, is_null ? "null" : "boolean");
    ok = false;
  } else if (node.has_values && !value_listed(node, word)) {
    ok = false;
    values_error(node, depth_);
  }
  if (sink_.stopped()) return;
  set_capture(ok ? Capture::State::ok : Capture::State::wrong, c == 't');
  post_value(index, start, pos_, depth_, false, 0);
}

void general_number(std::uint32_t index, const SchemaNode& node, std::size_t start) {
  const NumberLexeme lexeme = scan_number(data_, n_, pos_);
  if (!lexeme.well_formed) {
    pos_ = lexeme.end;
    syntax_error("malformed number");
    return;
  }
  pos_ = lexeme.end;
  const std::string_view text(data_ + start, pos_ - start);
  // Most numbers are short and within their bounds: decided in int64, without the exact decimal.
  Capture capture{Capture::State::ok};
  if (const ShortNumber number = short_number(start);
      number.end == pos_ && short_number_passes(node, number, capture)) {
    set_capture(Capture::State::ok, false, capture.integer_ok, capture.integer);
    post_value(index, start, pos_, depth_, false, 0);
    return;
  }
  Decimal value;
  (void)parse_decimal(text, value);
  bool ok = true;
  std::int64_t as_int = 0;
  bool int_ok = false;
  if (!allows(node, type_bits::number)) {
    const bool integral = node.integer_lexeme ? lexeme.integer : value.is_integral();
    if (!allows(node, type_bits::integer)) {
      types_error(node.types, "number");
      ok = false;
    } else if (!integral) {
      report(Code::type, Severity::error, depth_, [&] {
        return std::string("expected integer, got ") +
               (node.integer_lexeme && value.is_integral() ? "a number with a fraction or exponent" : "a fraction");
      });
      ok = false;
    }
  }
  if (ok) {
    // An integer node's int64 bounds, format range, enum and mask union, exactly.
    if (node.kind == NodeKind::integer) {
      const std::string integral = lexeme.integer ? std::string(text) : integer_text(value);
      const IntegerCheck check = check_integer(plan_, node, integral);
      if (check.code != IntegerCheck::kOk) {
        ok = false;
        report(static_cast<Code>(check.code), Severity::error, depth_,
               [&] { return integer_message(plan_, node, check, text); });
      }
      int_ok = check.in_int64;
      as_int = check.value;
    }
    if (node.number_bounds != kNone) ok = number_bounds(node.number_bounds, value, text) && ok;
    if ((node.format_check == Format::int32 || node.format_check == Format::int64) && value.is_integral()) {
      static const Decimal kLimits[4] = {decimal_of("-2147483648"), decimal_of("2147483647"),
                                         decimal_of("-9223372036854775808"), decimal_of("9223372036854775807")};
      const Decimal* range = node.format_check == Format::int32 ? &kLimits[0] : &kLimits[2];
      const bool below = compare(value, range[0]) < 0;
      if (below || compare(value, range[1]) > 0) {
        ok = false;
        report(below ? Code::minimum : Code::maximum, Severity::error, depth_, [&] {
          return "value " + std::string(text.substr(0, 40)) + (below ? " is below the " : " exceeds the ") +
                 std::string(format_name(node.format_check)) + (below ? " minimum " : " maximum ") +
                 plain_number(range[below ? 0 : 1]);
        });
      }
    }
    if (node.format_check == Format::float32 || node.format_check == Format::float64) {
      static const std::string kFloat = "3.4028234663852886e38";
      static const std::string kDouble = "1.7976931348623157e308";
      Decimal limit;
      (void)parse_decimal(node.format_check == Format::float32 ? kFloat : kDouble, limit);
      Decimal magnitude = value;
      magnitude.negative = false;
      if (compare(magnitude, limit) > 0) {
        ok = false;
        report(Code::format, Severity::error, depth_,
               [&] { return "value is out of the range of a " + std::string(format_name(node.format_check)); });
      }
    }
    if (node.has_values && !(node.kind == NodeKind::integer && node.enum_count != 0)) {
      if (!value_listed(node, canonical_number(value))) {
        ok = false;
        values_error(node, depth_);
      }
    }
  }
  if (sink_.stopped()) return;
  set_capture(ok ? Capture::State::ok : Capture::State::wrong, false, ok && int_ok, as_int);
  post_value(index, start, pos_, depth_, false, 0);
}

// A number that short_number read (at most 18 integer digits, no exponent: counts, ids, sizes, prices, weights)
// and that passes every check of the node, decided in int64: `capture` gets what the exact path would record.
// Anything else, and every failure, goes to the exact path, which writes the reports.
bool short_number_passes(const SchemaNode& node, const ShortNumber& number, Capture& capture) const {
  if (!number.fraction_part) {
    const std::int64_t v = number.negative ? -number.whole : number.whole;
    bool int_ok = false;
    if (!small_integer_value_passes(node, v, int_ok)) return false;
    capture.integer_ok = int_ok;
    capture.integer = v;
    return true;
  }
  return small_decimal_value_passes(node, number.negative, number.whole, number.fraction);
}

// An integer in int64 that passes the node's bounds, enum-free integer checks, multipleOf and int32 format.
bool small_integer_value_passes(const SchemaNode& node, std::int64_t v, bool& int_ok) const {
  if (node.has_values || (!allows(node, type_bits::number) && !allows(node, type_bits::integer))) return false;
  int_ok = false;
  if (node.kind == NodeKind::integer) {
    const IntegerCheck check = check_integer_value(plan_, node, v);
    if (check.code != IntegerCheck::kOk) return false;
    int_ok = true;
  }
  if (node.number_bounds != kNone) {
    const Runtime::Bounds& b = ctx_.runtime.bounds[node.number_bounds];
    const NumberBounds& lexemes = plan_.number_bounds[node.number_bounds];
    if (!b.int64_ok) return false;
    if (b.has_minimum && (lexemes.exclusive_minimum ? v <= b.minimum_int : v < b.minimum_int)) return false;
    if (b.has_maximum && (lexemes.exclusive_maximum ? v >= b.maximum_int : v > b.maximum_int)) return false;
    if (b.has_multiple_of && v % b.multiple_of_int != 0) return false;
  }
  return node.format_check != Format::int32 || (v >= INT32_MIN && v <= INT32_MAX);
}

// A decimal with a fraction part on a number node whose bounds are whole numbers of int64 (Runtime::Bounds::int64_ok:
// 0, 100, 1000, most real bounds), without enum, multipleOf or an integer format: accepted when within every bound.
// The decimal's sign, its whole part and whether its fraction has a non-zero digit decide it: with a non-zero
// fraction the value lies strictly between lo and lo + 1 (lo its floor), so it never equals a whole bound: it is
// above B exactly when lo >= B and below B exactly when lo + 1 <= B, whether the bound is exclusive or not. An
// all-zero fraction is the integer itself.
bool small_decimal_value_passes(const SchemaNode& node, bool negative, std::int64_t whole, bool fraction) const {
  if (node.has_values || node.kind == NodeKind::integer || !allows(node, type_bits::number) ||
      node.format_check == Format::int32 || node.format_check == Format::int64)
    return false;
  // lo: the floor of the value when it has a fraction, else the value.
  const std::int64_t lo = negative ? (fraction ? -whole - 1 : -whole) : whole;
  if (node.number_bounds != kNone) {
    const Runtime::Bounds& b = ctx_.runtime.bounds[node.number_bounds];
    const NumberBounds& lexemes = plan_.number_bounds[node.number_bounds];
    if (!b.int64_ok || b.has_multiple_of) return false;
    if (fraction) {
      if (b.has_minimum && lo + 1 <= b.minimum_int) return false;
      if (b.has_maximum && lo >= b.maximum_int) return false;
    } else {
      if (b.has_minimum && (lexemes.exclusive_minimum ? lo <= b.minimum_int : lo < b.minimum_int)) return false;
      if (b.has_maximum && (lexemes.exclusive_maximum ? lo >= b.maximum_int : lo > b.maximum_int)) return false;
    }
  }
  return true;
}

bool number_bounds(std::uint32_t index, const Decimal& value, std::string_view text) {
  const NumberBounds& b = plan_.number_bounds[index];
  const Runtime::Bounds& parsed = ctx_.runtime.bounds[index];
  bool ok = true;
  const auto bound = [&](bool present, const Decimal& limit, const std::string& lexeme, bool exclusive, bool lower) {
    if (!present) return;
    const int c = compare(value, limit);
    const bool fails = lower ? (exclusive ? c <= 0 : c < 0) : (exclusive ? c >= 0 : c > 0);
    if (!fails) return;
    ok = false;
    const Code code = lower ? (exclusive ? Code::exclusive_minimum : Code::minimum)
                            : (exclusive ? Code::exclusive_maximum : Code::maximum);
    report(code, Severity::error, depth_, [&] {
      return "value " + std::string(text.substr(0, 40)) + (lower ? " is below " : " exceeds ") +
             (exclusive ? "or equals the exclusive " : "") + (lower ? "minimum " : "maximum ") + lexeme;
    });
  };
  bound(parsed.has_minimum, parsed.minimum, b.minimum, b.exclusive_minimum, true);
  bound(parsed.has_maximum, parsed.maximum, b.maximum, b.exclusive_maximum, false);
  if (parsed.has_multiple_of && !is_multiple_of(value, parsed.multiple_of)) {
    ok = false;
    report(Code::multiple_of, Severity::error, depth_,
           [&] { return "value " + std::string(text.substr(0, 40)) + " is not a multiple of " + b.multiple_of; });
  }
  return ok;
}

bool value_listed(const SchemaNode& node, std::string_view canonical) const {
  for (std::uint32_t i = 0; i < node.values_count; ++i)
    if (plan_.values[node.values_begin + i] == canonical) return true;
  return false;
}

void values_error(const SchemaNode& node, std::uint32_t upto) {
  const bool single = node.const_value && node.values_count == 1;
  report(node.const_value ? Code::const_value : Code::enum_value, Severity::error, upto, [&] {
    if (node.values_count == 0) return std::string("no value is allowed (enum and const have none in common)");
    if (single) return "value is not the constant " + plain_json(plan_.values[node.values_begin]);
    std::string allowed;
    for (std::uint32_t i = 0; i < node.values_count && i < 16; ++i)
      allowed += (i ? ", " : "") + plain_json(plan_.values[node.values_begin + i]);
    if (node.values_count > 16) allowed += ", ...";
    return "value is not one of: " + allowed;
  });
}

// ---- containers ----------------------------------------------------------------------------------------------------

void open_general(std::uint32_t index, const SchemaNode& node, bool is_object, std::size_t start) {
  const bool typed = allows(node, is_object ? type_bits::object : type_bits::array);
  if (!typed) {
    types_error(node.types, is_object ? "object" : "array");
    if (sink_.stopped()) return;
    set_capture(Capture::State::wrong);
  }
  Frame* f = push_frame(index, typed, is_object);
  if (f == nullptr) return;
  f->node = index;  // the applicators apply whatever the type
  f->general = true;
  f->plain = false;
  f->value_start = static_cast<std::uint32_t>(start);
  f->log_begin = static_cast<std::uint32_t>(s_.log.size());
  f->wide_begin = static_cast<std::uint32_t>(s_.wide_seen.size());
  if (typed && is_object && node.properties_count > 64)
    s_.wide_seen.resize(s_.wide_seen.size() + (node.properties_count + 63) / 64, 0);
  if (typed && node.rules_count != 0)
    for (Capture& capture : f->captures) capture = Capture{};
}

// A general object's member: its log entry, its node for the main pass, and the other schemas its value must meet.
std::uint32_t general_member(Frame& f, std::string_view name, std::size_t quote_start, std::size_t key_end) {
  LogEntry entry;
  entry.key_begin = static_cast<std::uint32_t>(s_.log_names.size());
  entry.key_size = static_cast<std::uint32_t>(name.size());
  s_.log_names.append(name);
  entry.value_begin = static_cast<std::uint32_t>(pos_);
  entry.extra_begin = static_cast<std::uint32_t>(s_.extra.size());
  f.pending = true;
  const SchemaNode& node = nodes_[f.node];
  if (!f.typed) {
    s_.log.push_back(entry);
    note_undeclared(f, name, s_.log.size() - 1);
    return kAny;
  }
  if (node.property_names != kNone && !verdict(node.property_names, quote_start, key_end)) {
    report(Code::property_names, Severity::error, depth_,
           [] { return std::string("member name does not match propertyNames"); });
  }
  std::uint32_t value_node = kNone;
  bool declared = false;
  const std::uint32_t index = find_property(node, name);
  if (index != kNone) {
    const Property& p = properties_[index];
    mark_seen(f, node, p);
    f.member_capture = p.capture;
    if (!p.implicit) {
      value_node = p.node;
      declared = true;
      if (p.access != 0) {
        report(p.access == 1 ? Code::read_only : Code::write_only, plan_.strict ? Severity::error : Severity::warning,
               depth_, [&] {
                 return std::string(p.access == 1 ? "a readOnly member is not sent in requests"
                                                  : "a writeOnly member is not sent in responses");
               });
      }
    }
  } else {
    note_undeclared(f, name, s_.log.size());
  }
  for (std::uint32_t i = 0; i < node.patterns_count; ++i) {
    const PatternProperty& pp = plan_.pattern_properties[node.patterns_begin + i];
    if (!ctx_.runtime.pattern_matches(pp.pattern, name)) continue;
    declared = true;
    if (value_node == kNone) {
      value_node = pp.node;
    } else {
      s_.extra.push_back(pp.node);
    }
  }
  if (!declared) {
    if (node.additional == kFalse) {
      report(Code::unknown, unknown_severity_, depth_,
             [] { return std::string("member is not declared by the contract"); });
      entry.evaluated = true;
    } else if (node.additional != kNone) {
      value_node = node.additional;
      entry.evaluated = true;
    }
  } else {
    entry.evaluated = true;
  }
  entry.extra_count = static_cast<std::uint32_t>(s_.extra.size()) - entry.extra_begin;
  s_.log.push_back(entry);
  return value_node == kNone ? kAny : value_node;
}

// A member no property declares: is its name repeated? `logged` ends this object's members logged before it.
// Duplicates are the outermost read's to find: a re-read (composition) reads bytes the outermost read checks too.
// Small objects compare with the names logged so far; past kLinearNames the names go to the keyed set.
void note_undeclared(Frame& f, std::string_view name, std::size_t logged) {
  if (level_ > 0) return;
  constexpr std::size_t kLinearNames = 16;
  if (!f.keyed && logged - f.log_begin < kLinearNames) {
    for (std::size_t i = f.log_begin; i < logged; ++i) {
      if (entry_name(s_.log[i]) != name) continue;
      report(Code::duplicate, Severity::error, depth_, [] { return std::string("member appears twice"); });
      return;
    }
    return;
  }
  s_.keys_used = true;
  if (!f.keyed) {  // from now on the set decides: it gets the names compared so far
    f.keyed = true;
    for (std::size_t i = f.log_begin; i < logged; ++i) (void)s_.keys.insert_or_find(f.serial, entry_name(s_.log[i]));
  }
  if (s_.keys.insert_or_find(f.serial, name))
    report(Code::duplicate, Severity::error, depth_, [] { return std::string("member appears twice"); });
}

void mark_seen(Frame& f, const SchemaNode& node, const Property& p) {
  bool repeated = false;
  if (node.properties_count <= 64) {
    const std::uint64_t bit = std::uint64_t{1} << p.slot;
    repeated = (f.seen & bit) != 0;
    f.seen |= bit;
  } else {
    std::uint64_t& word = s_.wide_seen[f.wide_begin + p.slot / 64];
    const std::uint64_t bit = std::uint64_t{1} << (p.slot % 64);
    repeated = (word & bit) != 0;
    word |= bit;
  }
  if (repeated && level_ == 0)  // the outermost read reports it; a re-read reads the same bytes
    report(Code::duplicate, Severity::error, depth_, [] { return std::string("member appears twice"); });
}

bool was_seen(const Frame& f, const SchemaNode& node, const Property& p) const {
  if (node.properties_count <= 64) return (f.seen & (std::uint64_t{1} << p.slot)) != 0;
  return (s_.wide_seen[f.wide_begin + p.slot / 64] & (std::uint64_t{1} << (p.slot % 64))) != 0;
}

void begin_general_item(Frame& f) {
  LogEntry entry;
  entry.value_begin = static_cast<std::uint32_t>(pos_);
  entry.extra_begin = entry.extra_count = 0;
  f.pending = true;
  std::uint32_t item = kAny;
  if (f.typed) {
    const SchemaNode& node = nodes_[f.node];
    const std::uint32_t index = f.count - 1;
    if (index < node.prefix_count) {
      item = plan_.lists[node.prefix_begin + index];
      entry.evaluated = true;
    } else if (node.items != kNone) {
      entry.evaluated = true;
      if (node.items == kFalse) {
        report(Code::additional_items, Severity::error, depth_, [&] {
          return "item " + std::to_string(index) + " is beyond the " + std::to_string(node.prefix_count) +
                 " the schema allows";
        });
      } else {
        item = node.items;
      }
    }
  }
  s_.log.push_back(entry);
  if (!sink_.stopped()) begin_value(item);
}

// A member's or item's value just ended: its other schemas (patternProperties), and `contains` for items.
void end_entry(Frame& f) {
  f.pending = false;
  const std::size_t at = s_.log.size() - 1;
  s_.log[at].value_end = static_cast<std::uint32_t>(pos_);
  const LogEntry entry = s_.log[at];
  for (std::uint32_t i = 0; i < entry.extra_count && !sink_.stopped(); ++i)
    apply(s_.extra[entry.extra_begin + i], entry.value_begin, entry.value_end, depth_, nullptr);
  s_.extra.resize(entry.extra_begin);
  if (!f.is_object && f.typed && nodes_[f.node].contains != kNone)
    s_.log[at].matched = verdict(nodes_[f.node].contains, entry.value_begin, entry.value_end);
}

std::string_view entry_name(const LogEntry& e) const {
  return std::string_view(s_.log_names).substr(e.key_begin, e.key_size);
}

void close_general_object(Frame& f) {
  const SchemaNode& node = nodes_[f.node];
  const std::uint32_t log_begin = f.log_begin;
  const std::uint32_t log_end = static_cast<std::uint32_t>(s_.log.size());
  if (f.typed) {
    for (std::uint32_t i = 0; i < node.required_count && !sink_.stopped(); ++i) {
      const Property& p = properties_[plan_.lists[node.required_begin + i]];
      if (!was_seen(f, node, p)) report_missing_member(p);
    }
    if (f.count < node.min_properties)
      report(Code::min_properties, Severity::error, depth_ - 1, [&] {
        return std::to_string(f.count) + " members, fewer than minProperties " + std::to_string(node.min_properties);
      });
    if (node.max_properties != kUnbounded && f.count > node.max_properties)
      report(Code::max_properties, Severity::error, depth_ - 1, [&] {
        return std::to_string(f.count) + " members, more than maxProperties " + std::to_string(node.max_properties);
      });
    for (std::uint32_t d = 0; d < node.dependents_count && !sink_.stopped(); ++d) {
      const Dependent& dep = plan_.dependents[node.dependents_begin + d];
      if (dep.required.empty() || !has_member(log_begin, log_end, dep.property)) continue;
      for (const std::string& needed : dep.required) {
        if (has_member(log_begin, log_end, needed)) continue;
        report(Code::dependent_required, Severity::error, depth_ - 1,
               [&] { return "member '" + dep.property + "' needs member '" + needed + "'"; });
      }
    }
    if (node.rules_count != 0 && !sink_.stopped()) check_rules(node, f);
  }
  if (!sink_.stopped()) post_value(f.node, f.value_start, pos_, depth_ - 1, true, log_begin);
  s_.log.resize(log_begin);
  trim_names(log_begin);
  s_.wide_seen.resize(f.wide_begin);
  pop();
  set_capture(Capture::State::ok);
}

void trim_names(std::uint32_t log_begin) {
  // Names of entries that are gone: everything after the last remaining entry's name.
  if (log_begin == 0) {
    s_.log_names.clear();
  } else {
    const LogEntry& last = s_.log[log_begin - 1];
    s_.log_names.resize(last.key_begin + last.key_size);
  }
}

bool has_member(std::uint32_t begin, std::uint32_t end, std::string_view name) const {
  for (std::uint32_t i = begin; i < end; ++i)
    if (entry_name(s_.log[i]) == name) return true;
  return false;
}

void close_general_array(Frame& f) {
  const SchemaNode& node = nodes_[f.node];
  const std::uint32_t count = f.count;
  const std::uint32_t log_begin = f.log_begin;
  if (f.typed) {
    if (count < node.min_items) {
      report(Code::min_items, Severity::error, depth_ - 1,
             [&] { return std::to_string(count) + " items, fewer than minItems " + std::to_string(node.min_items); });
    } else if (node.max_items != kUnbounded && count > node.max_items) {
      report(Code::max_items, Severity::error, depth_ - 1,
             [&] { return std::to_string(count) + " items, more than maxItems " + std::to_string(node.max_items); });
    }
    if (node.unique_items) check_unique(log_begin);
    if (node.contains != kNone) {
      std::uint32_t matched = 0;
      for (std::size_t i = log_begin; i < s_.log.size(); ++i) matched += s_.log[i].matched;
      if (matched < node.min_contains) {
        report(node.min_contains == 1 ? Code::contains : Code::min_contains, Severity::error, depth_ - 1, [&] {
          return std::to_string(matched) + " items match contains, fewer than " + std::to_string(node.min_contains);
        });
      } else if (node.max_contains != kUnbounded && matched > node.max_contains) {
        report(Code::max_contains, Severity::error, depth_ - 1, [&] {
          return std::to_string(matched) + " items match contains, more than maxContains " +
                 std::to_string(node.max_contains);
        });
      }
    }
  }
  if (!sink_.stopped()) post_value(f.node, f.value_start, pos_, depth_ - 1, false, log_begin);
  s_.log.resize(log_begin);
  trim_names(log_begin);
  pop();
  set_capture(Capture::State::ok, false, true, count);
}

void check_unique(std::uint32_t log_begin) {
  // Every item's canonical text, side by side in scratch memory, then sorted: equal items end up adjacent, in
  // O(n log n) whatever the array, and nothing is allocated once the scratch has grown.
  std::string& texts = s_.unique_texts;
  std::vector<UniqueSpan>& spans = s_.unique_spans;
  texts.clear();
  spans.clear();
  for (std::size_t i = log_begin; i < s_.log.size(); ++i) {
    const LogEntry& e = s_.log[i];
    canonical_value(std::string_view(data_ + e.value_begin, e.value_end - e.value_begin), s_.canonical);
    spans.push_back({static_cast<std::uint32_t>(texts.size()), static_cast<std::uint32_t>(s_.canonical.size()),
                     static_cast<std::uint32_t>(i - log_begin)});
    texts += s_.canonical;
  }
  const auto text = [&texts](const UniqueSpan& span) { return std::string_view(texts).substr(span.begin, span.size); };
  std::sort(spans.begin(), spans.end(), [&](const UniqueSpan& a, const UniqueSpan& b) {
    const int c = text(a).compare(text(b));
    return c != 0 ? c < 0 : a.item < b.item;
  });
  // The first repeat in item order: the smallest later index among equal neighbours, with the first of its kind.
  std::uint32_t first = 0, repeat = kNone;
  for (std::size_t k = 1; k < spans.size(); ++k) {
    if (text(spans[k]) != text(spans[k - 1])) continue;
    std::size_t head = k - 1;
    while (head > 0 && text(spans[head - 1]) == text(spans[k])) --head;
    if (spans[k].item < repeat) {
      repeat = spans[k].item;
      first = spans[head].item;
    }
  }
  if (repeat == kNone) return;
  report(Code::unique_items, Severity::error, depth_ - 1,
         [&] { return "items " + std::to_string(first) + " and " + std::to_string(repeat) + " are equal"; });
}

// ---- applicators: re-reading a value's bytes -----------------------------------------------------------------------

// The verdict of `node` on the value at [start, end), fail-fast, memoized by (node, offset in the outermost body).
bool verdict(std::uint32_t node, std::size_t start, std::size_t end, Evaluated* evaluated = nullptr) {
  if (node == kAny) return true;
  const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint64_t>(base_ + start);
  if (evaluated == nullptr) {
    if (const int known = s_.memo.find(key); known >= 0) return known != 0;
  }
  if (level_ + 1 >= scan::kMaxLevels) {
    too_deep(depth_);
    return false;
  }
  Sink local(nullptr, limits_);
  BodyScanner<false> sub(ctx_, local, std::string_view(data_ + start, end - start), base_ + start, location_, {},
                         level_ + 1, evaluated);
  sub.run(node);
  if (s_.composition_too_deep) {  // a verdict inside gave up: the whole body does, not just this branch
    too_deep(depth_);
    return false;
  }
  const bool ok = !local.failed();
  if (evaluated == nullptr) s_.memo.store(key, ok);
  return ok;
}

// Composition nested deeper than the engine follows: a limit for the whole body (verdict() passes it up through
// every level, whose own sinks are local), never a failed branch.
void too_deep(std::uint32_t upto) {
  s_.composition_too_deep = true;
  fatal(Code::limit, upto, [] { return "schemas nest composition more than 128 deep here"; });
}

// Applies `node` to the value at [start, end) in this scan's mode: exhaustive violations reported at the value's
// pointer (pointer(upto)), or fail-fast. Returns whether it passed.
bool apply(std::uint32_t node, std::size_t start, std::size_t end, std::uint32_t upto, Evaluated* evaluated) {
  if constexpr (!kCollect) {
    const bool ok = verdict(node, start, end, evaluated);
    if (!ok) sink_.add_unlisted(Code::type, location_, Severity::error);
    return ok;
  } else {
    if (level_ + 1 >= scan::kMaxLevels) {
      too_deep(upto);
      return false;
    }
    std::string& at = level_prefix(level_ + 1);
    pointer_into(at, upto);
    const std::size_t errors = sink_.errors();
    BodyScanner<true> sub(ctx_, sink_, std::string_view(data_ + start, end - start), base_ + start, location_, at,
                          level_ + 1, evaluated);
    sub.run(node);
    return sink_.errors() == errors;
  }
}

// A closest-branch summary for a failed anyOf or oneOf: the branch with the fewest errors and its first few.
std::string closest_branch(std::uint32_t begin, std::uint32_t count, std::size_t start, std::size_t end,
                           std::uint32_t upto) {
  if constexpr (!kCollect) {
    return {};
  } else {
    std::size_t best_count = static_cast<std::size_t>(-1);
    std::uint32_t best = 0;
    Report best_report;
    const std::string at = pointer(upto);
    for (std::uint32_t i = 0; i < count; ++i) {
      Report report;
      Sink local(&report, limits_);
      BodyScanner<true> sub(ctx_, local, std::string_view(data_ + start, end - start), base_ + start, location_, at,
                            level_ + 1, nullptr);
      sub.run(plan_.lists[begin + i]);
      if (s_.composition_too_deep) return {};  // verdict() has made it the body's limit already
      std::size_t errors = 0;
      for (const Violation& v : report.violations) errors += v.severity == Severity::error;
      if (errors < best_count) {
        best_count = errors;
        best = i;
        best_report = std::move(report);
      }
    }
    std::string text = "; the closest (#" + std::to_string(best) + ") fails with: ";
    std::size_t shown = 0;
    for (const Violation& v : best_report.violations) {
      if (v.severity != Severity::error) continue;
      if (shown++ == 3) {
        text += "; ...";
        break;
      }
      text += (shown > 1 ? "; " : "") + std::string(code_name(v.code)) + " at " +
              (v.pointer.empty() ? "''" : v.pointer) + ": " + v.message;
    }
    // Nested compositions nest these summaries: keep one readable, cut on a UTF-8 character boundary.
    constexpr std::size_t kMaxDetail = 1024;
    if (text.size() > kMaxDetail) {
      std::size_t cut = kMaxDetail;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
      text += " ...";
    }
    return text;
  }
}

// The discriminator's value in the object at the logged members: the branch it names, kNone with a violation when
// it names none (reported here).
std::uint32_t discriminated(const SchemaNode& node, std::uint32_t log_begin, std::uint32_t upto) {
  const Discriminator& d = plan_.discriminators[node.discriminator];
  for (std::size_t i = log_begin; i < s_.log.size(); ++i) {
    const LogEntry& e = s_.log[i];
    if (entry_name(e) != d.property) continue;
    const std::string_view raw(data_ + e.value_begin, e.value_end - e.value_begin);
    std::string value;
    if (raw.size() >= 2 && raw.front() == '"') decode_string(raw.substr(1, raw.size() - 2), value);
    for (const auto& [name, target] : d.mapping)
      if (name == value && raw.front() == '"') return target;
    report(Code::discriminator, Severity::error, upto, [&] {
      std::string names;
      for (const auto& m : d.mapping) names += (names.empty() ? "" : ", ") + m.first;
      return "'" + d.property + "' is " + std::string(raw.substr(0, 64)) + ", which names none of: " + names;
    });
    return kNone;
  }
  if constexpr (kCollect) {
    std::string where = pointer(upto);
    append_pointer_token(where, d.property);
    sink_.add(Code::required, location_, Severity::error, std::move(where),
              "the discriminator '" + d.property + "' is missing");
  } else {
    sink_.add_unlisted(Code::required, location_, Severity::error);
  }
  return kNone;
}

// A fail-fast verdict on oneOf/anyOf branches told apart by one member (Runtime::BranchTag): whether the one branch
// that can pass does. The member's raw text must equal a branch's string exactly; one written with an escape is
// not decided here (nullopt: the caller runs every branch), absent or naming no branch, nothing passes.
std::optional<bool> tagged_verdict(std::uint32_t tag_index, std::size_t start, std::size_t end,
                                   std::uint32_t log_begin) {
  const Runtime::BranchTag& tag = ctx_.runtime.branch_tags[tag_index];
  for (std::size_t i = log_begin; i < s_.log.size(); ++i) {
    const LogEntry& e = s_.log[i];
    if (entry_name(e) != tag.property) continue;
    const std::string_view raw(data_ + e.value_begin, e.value_end - e.value_begin);
    if (raw.find('\\') != std::string_view::npos) return std::nullopt;
    for (const auto& [text, branch] : tag.branches)
      if (raw == text) return verdict(branch, start, end, nullptr);
    return false;
  }
  return false;
}

static void merge(Evaluated& into, const Evaluated& from) {
  into.members.insert(into.members.end(), from.members.begin(), from.members.end());
  into.items.insert(into.items.end(), from.items.begin(), from.items.end());
}

// After a value: enum and const of containers, the applicators, and unevaluatedProperties/Items, over the value's
// bytes [start, end); `upto` makes its pointer; `log_begin` is its container's first log entry. Most values have
// none of these and nobody collects what they evaluated: that is settled inline, without the call.
[[gnu::always_inline]] void post_value(std::uint32_t index, std::size_t start, std::size_t end, std::uint32_t upto,
                                       bool is_object, std::uint32_t log_begin) {
  const SchemaNode& node = nodes_[index];
  if (!node.has_values && evaluated_ == nullptr && node.unevaluated_properties == kNone &&
      node.unevaluated_items == kNone && !applies_more(node, is_object))
    return;
  post_value_all(index, start, end, upto, is_object, log_begin);
}

// Whether the node has an applicator to run over the value after it is read (dependentSchemas only on objects).
static bool applies_more(const SchemaNode& node, bool is_object) {
  return node.all_of_count != 0 || node.any_of_count != 0 || node.one_of_count != 0 || node.not_node != kNone ||
         node.if_node != kNone || (is_object && node.dependents_count != 0);
}

void post_value_all(std::uint32_t index, std::size_t start, std::size_t end, std::uint32_t upto, bool is_object,
                    std::uint32_t log_begin) {
  const SchemaNode& node = nodes_[index];
  const bool container = end > start && (data_[start] == '{' || data_[start] == '[');
  if (container && node.has_values) {
    std::string canonical;
    canonical_value(std::string_view(data_ + start, end - start), canonical);
    if (!value_listed(node, canonical)) values_error(node, upto);
  }
  const bool root = depth_ == (container ? 1u : 0u);
  const bool want =
      node.unevaluated_properties != kNone || node.unevaluated_items != kNone || (root && evaluated_ != nullptr);
  // Most values meet no applicator and nobody collects what they evaluated: then there is nothing more to do.
  if (!want && !applies_more(node, is_object)) return;
  Evaluated found;
  Evaluated branch;
  Evaluated* collect_into = want ? &branch : nullptr;
  const auto take = [&]() {
    if (want) merge(found, branch);
    branch = {};
  };
  for (std::uint32_t i = 0; i < node.all_of_count && !sink_.stopped(); ++i) {
    if (apply(plan_.lists[node.all_of_begin + i], start, end, upto, collect_into)) take();
    branch = {};
  }
  if (node.any_of_count != 0 && !sink_.stopped()) {
    std::optional<bool> tagged;
    if constexpr (!kCollect)
      if (is_object && !want && ctx_.runtime.any_of_tags[index] != kNone)
        tagged = tagged_verdict(ctx_.runtime.any_of_tags[index], start, end, log_begin);
    if (node.discriminator != kNone && node.one_of_count == 0 && is_object) {
      const std::uint32_t chosen = discriminated(node, log_begin, upto);
      if (chosen != kNone && apply(chosen, start, end, upto, collect_into)) take();
    } else if (tagged) {
      if (!*tagged) report(Code::any_of, Severity::error, upto, [] { return std::string(); });
    } else {
      bool any = false;
      for (std::uint32_t i = 0; i < node.any_of_count; ++i) {
        // Every passing branch evaluates; without unevaluated*, the first pass settles it.
        if (verdict(plan_.lists[node.any_of_begin + i], start, end, collect_into)) {
          any = true;
          take();
          if (!want) break;
        }
        branch = {};
      }
      if (!any)
        report(Code::any_of, Severity::error, upto, [&] {
          return "value matches none of the " + std::to_string(node.any_of_count) + " anyOf schemas" +
                 closest_branch(node.any_of_begin, node.any_of_count, start, end, upto);
        });
    }
  }
  if (node.one_of_count != 0 && !sink_.stopped()) {
    std::optional<bool> tagged;
    if constexpr (!kCollect)
      if (is_object && !want && ctx_.runtime.one_of_tags[index] != kNone)
        tagged = tagged_verdict(ctx_.runtime.one_of_tags[index], start, end, log_begin);
    if (node.discriminator != kNone && is_object) {
      const std::uint32_t chosen = discriminated(node, log_begin, upto);
      if (chosen != kNone && apply(chosen, start, end, upto, collect_into)) take();
    } else if (tagged) {  // at most one branch can pass: oneOf is that branch's verdict
      if (!*tagged) report(Code::one_of, Severity::error, upto, [] { return std::string(); });
    } else {
      std::uint32_t passing[2] = {0, 0};  // the first two branches that pass: more decide nothing more
      std::size_t passed = 0;
      for (std::uint32_t i = 0; i < node.one_of_count; ++i) {
        if (verdict(plan_.lists[node.one_of_begin + i], start, end, collect_into)) {
          passing[passed++] = i;
          if (passed == 1) take();
          if (passed == 2) break;
        }
        branch = {};
      }
      if (passed == 0) {
        report(Code::one_of, Severity::error, upto, [&] {
          return "value matches none of the " + std::to_string(node.one_of_count) + " oneOf schemas" +
                 closest_branch(node.one_of_begin, node.one_of_count, start, end, upto);
        });
      } else if (passed > 1) {
        report(Code::one_of, Severity::error, upto, [&] {
          return "value matches more than one oneOf schema (#" + std::to_string(passing[0]) + " and #" +
                 std::to_string(passing[1]) + ")";
        });
      }
    }
  }
  if (node.not_node != kNone && !sink_.stopped() && verdict(node.not_node, start, end))
    report(Code::not_schema, Severity::error, upto, [] { return std::string("value matches the schema under not"); });
  if (node.if_node != kNone && !sink_.stopped()) {
    const bool holds = verdict(node.if_node, start, end, collect_into);
    if (holds) take();
    branch = {};
    const std::uint32_t then_else = holds ? node.then_node : node.else_node;
    if (then_else != kNone && apply(then_else, start, end, upto, collect_into)) take();
    branch = {};
  }
  if (is_object) {
    for (std::uint32_t d = 0; d < node.dependents_count && !sink_.stopped(); ++d) {
      const Dependent& dep = plan_.dependents[node.dependents_begin + d];
      if (dep.node == kNone || !has_member(log_begin, static_cast<std::uint32_t>(s_.log.size()), dep.property))
        continue;
      if (apply(dep.node, start, end, upto, collect_into)) take();
      branch = {};
    }
  }
  if (!want || sink_.stopped()) return;
  // unevaluatedProperties / unevaluatedItems, then what this value evaluated for whoever re-read it.
  if (is_object) {
    for (std::size_t i = log_begin; i < s_.log.size() && !sink_.stopped(); ++i) {
      LogEntry& e = s_.log[i];
      const std::string_view name = entry_name(e);
      const bool done =
          e.evaluated || std::find(found.members.begin(), found.members.end(), name) != found.members.end();
      if (!done && node.unevaluated_properties != kNone) {
        const LogEntry copy = e;
        if (node.unevaluated_properties == kFalse) {
          if constexpr (kCollect) {
            std::string where = pointer(upto);
            append_pointer_token(where, name);
            sink_.add(Code::unevaluated_properties, location_, Severity::error, std::move(where),
                      "member '" + std::string(name) + "' is evaluated by no schema");
          } else {
            sink_.add_unlisted(Code::unevaluated_properties, location_, Severity::error);
          }
        } else if constexpr (kCollect) {
          std::string& where = level_prefix(level_ + 1);
          pointer_into(where, upto);
          append_pointer_token(where, name);
          BodyScanner<true> sub(ctx_, sink_,
                                std::string_view(data_ + copy.value_begin, copy.value_end - copy.value_begin),
                                base_ + copy.value_begin, location_, where, level_ + 1, nullptr);
          sub.run(node.unevaluated_properties);
        } else if (!verdict(node.unevaluated_properties, copy.value_begin, copy.value_end)) {
          sink_.add_unlisted(Code::unevaluated_properties, location_, Severity::error);
        }
        s_.log[i].evaluated = true;
      }
      if (root && evaluated_ != nullptr && (s_.log[i].evaluated || done)) evaluated_->members.emplace_back(name);
    }
  } else if (container) {
    for (std::size_t i = log_begin; i < s_.log.size() && !sink_.stopped(); ++i) {
      const auto item = static_cast<std::uint32_t>(i - log_begin);
      const LogEntry e = s_.log[i];
      const bool done =
          e.evaluated || e.matched || std::find(found.items.begin(), found.items.end(), item) != found.items.end();
      if (!done && node.unevaluated_items != kNone) {
        if (!verdict(node.unevaluated_items, e.value_begin, e.value_end)) {
          report(Code::unevaluated_items, Severity::error, upto,
                 [&] { return "item " + std::to_string(item) + " is evaluated by no schema"; });
        }
        s_.log[i].evaluated = true;
      }
      if (root && evaluated_ != nullptr && (s_.log[i].evaluated || done)) evaluated_->items.push_back(item);
    }
  }
}
