// export_openapi's auth-alternatives path (validator/src/openapi_export.cc): a contract whose security is "one
// apiKey header, or several headers together" (HSS's token or AK/SK signing) exported from a text that does not
// state that security yet gets alternative "security" requirements, one apiKey scheme per header (named as the
// header parameter spells it, or title-cased), the replaced header parameter made optional, and a note for each
// header whose prefix or form an apiKey scheme cannot say. Operations that state their own security are left alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <string>
#include <vector>

#include "reqprobe/contract.h"
#include "reqprobe/openapi_export.h"

namespace reqprobe {
namespace {

// `security` is spliced into the root; the rest is the same in the loaded text and the exported one.
std::string contract_text(const std::string& security) {
  return R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},)" + security + R"(
  "components":{"securitySchemes":{
    "token":{"type":"apiKey","in":"header","name":"X-Auth-Token"},
    "date":{"type":"apiKey","in":"header","name":"X-Sdk-Date","x-reqprobe-shape":"########T######Z"},
    "sig":{"type":"apiKey","in":"header","name":"X-Signature","x-reqprobe-prefix":"SDK-HMAC-SHA256 "},
    "plain":{"type":"apiKey","in":"header","name":"X-Plain"}}},
  "paths":{
    "/a":{"get":{"parameters":[{"name":"X-AUTH-Token","in":"header","required":true,"schema":{"type":"string"}}],
                 "responses":{"200":{"description":"ok"}}}},
    "/b":{"parameters":[{"name":"q","in":"query","schema":{"type":"string"}}],
          "get":{"responses":{"200":{"description":"ok"}}}},
    "/c":{"get":{"security":[],"responses":{"200":{"description":"ok"}}}}}})";
}

const std::string kSecurity = R"("security":[{"token":[]},{"date":[],"sig":[]},{"plain":[]}],)";

std::string text_at(const rapidjson::Document& doc, const char* pointer) {
  const rapidjson::Value* v = rapidjson::Pointer(pointer).Get(doc);
  if (v == nullptr) return "<none>";
  if (v->IsString()) return v->GetString();
  if (v->IsBool()) return v->GetBool() ? "true" : "false";
  if (v->IsArray()) return "array of " + std::to_string(v->Size());
  if (v->IsObject()) return "object of " + std::to_string(v->MemberCount());
  return "<other>";
}

TEST(OpenApiExportAuth, AlternativesBecomeSecurityRequirements) {
  const LoadResult loaded = load_contract(contract_text(kSecurity));
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].describe());
  // The text the contract is exported from does not state the security: the export writes it.
  const OpenApiExport exported = export_openapi(*loaded.contract, contract_text(""));
  ASSERT_TRUE(exported.ok()) << exported.error;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(exported.text.c_str()).HasParseError());

  const std::vector<std::pair<const char*, std::string>> expected = {
      // /a: the token, or date and signature together, or the plain header; the token parameter becomes optional.
      {"/paths/~1a/get/security", "array of 3"},
      {"/paths/~1a/get/security/0", "object of 1"},
      {"/paths/~1a/get/security/0/x-auth-token", "array of 0"},
      {"/paths/~1a/get/security/1", "object of 2"},
      {"/paths/~1a/get/security/1/x-sdk-date", "array of 0"},
      {"/paths/~1a/get/security/1/x-signature", "array of 0"},
      {"/paths/~1a/get/security/2/x-plain", "array of 0"},
      {"/paths/~1a/get/parameters/0/required", "false"},
      // The replaced header's scheme is named as its parameter spells it; the others are title-cased.
      {"/components/securitySchemes/x-auth-token/type", "apiKey"},
      {"/components/securitySchemes/x-auth-token/in", "header"},
      {"/components/securitySchemes/x-auth-token/name", "X-AUTH-Token"},
      {"/components/securitySchemes/x-auth-token/description", "<none>"},
      {"/components/securitySchemes/x-sdk-date/name", "X-Sdk-Date"},
      {"/components/securitySchemes/x-sdk-date/description",
       "Replaces X-AUTH-Token together with the other headers of this requirement. Has the form "
       "'########T######Z' ('#' is a digit)."},
      {"/components/securitySchemes/x-signature/description",
       "Replaces X-AUTH-Token together with the other headers of this requirement. Starts with "
       "'SDK-HMAC-SHA256 '."},
      {"/components/securitySchemes/x-plain/description",
       "Replaces X-AUTH-Token together with the other headers of this requirement."},
      {"/components/securitySchemes/token/name", "X-Auth-Token"},  // the document's own schemes stay
      // /b has no header parameter: the same requirements; its path item's parameters are left as they are.
      {"/paths/~1b/get/security", "array of 3"},
      {"/paths/~1b/get/security/0/x-auth-token", "array of 0"},
      {"/paths/~1b/parameters/0/required", "<none>"},
      // /c states its own security (none): left alone.
      {"/paths/~1c/get/security", "array of 0"},
      {"/security", "<none>"},
  };
  for (const auto& [pointer, value] : expected) EXPECT_EQ(text_at(doc, pointer), value) << pointer;

  EXPECT_THAT(exported.notes,
              ::testing::UnorderedElementsAre(
                  "GET /a: the prefix and form of header 'x-sdk-date' stay in x-reqprobe-auth-alternatives (an apiKey "
                  "scheme only names its header)",
                  "GET /a: the prefix and form of header 'x-signature' stay in x-reqprobe-auth-alternatives (an "
                  "apiKey scheme only names its header)",
                  "GET /b: the prefix and form of header 'x-sdk-date' stay in x-reqprobe-auth-alternatives (an apiKey "
                  "scheme only names its header)",
                  "GET /b: the prefix and form of header 'x-signature' stay in x-reqprobe-auth-alternatives (an "
                  "apiKey scheme only names its header)"));
}

// When the exported text states the security (at the root, as the loaded one does), nothing is added.
TEST(OpenApiExportAuth, SecurityStatedInTheTextIsKept) {
  const LoadResult loaded = load_contract(contract_text(kSecurity));
  ASSERT_TRUE(loaded.ok());
  const OpenApiExport exported = export_openapi(*loaded.contract, contract_text(kSecurity));
  ASSERT_TRUE(exported.ok()) << exported.error;
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(exported.text.c_str()).HasParseError());
  EXPECT_EQ(text_at(doc, "/paths/~1a/get/security"), "<none>");
  EXPECT_EQ(text_at(doc, "/components/securitySchemes/x-auth-token"), "<none>");
  EXPECT_EQ(text_at(doc, "/paths/~1a/get/parameters/0/required"), "true");
  EXPECT_TRUE(exported.notes.empty());
}

// Texts that are not the contract's JSON document, and texts whose paths do not match the plan.
TEST(OpenApiExportAuth, TextsThatDoNotMatch) {
  const LoadResult loaded = load_contract(contract_text(kSecurity));
  ASSERT_TRUE(loaded.ok());
  for (const std::string& text : {std::string("[1]"), std::string("{\"a\":"), std::string(600, '[')}) {
    const OpenApiExport exported = export_openapi(*loaded.contract, text);
    EXPECT_FALSE(exported.ok()) << text.substr(0, 20);
    EXPECT_EQ(exported.error, "the contract text is not the JSON document the contract was loaded from");
    EXPECT_TRUE(exported.text.empty());
  }
  for (const std::string& text :
       {std::string(R"({"paths":[]})"), std::string(R"({"paths":{"/a":1,"/b":{}}})"), std::string(R"({})")}) {
    const OpenApiExport exported = export_openapi(*loaded.contract, text);
    ASSERT_TRUE(exported.ok()) << text;
    EXPECT_TRUE(exported.notes.empty()) << text;
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(exported.text.c_str()).HasParseError());
    EXPECT_EQ(text_at(doc, "/components"), "<none>") << text;
  }
}

}  // namespace
}  // namespace reqprobe
