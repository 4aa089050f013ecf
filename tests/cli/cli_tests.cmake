# End-to-end tests of the reqprobe command (included by tests/CMakeLists.txt): exact exit codes, text and JSON
# output, standard input, and every example case checked against its `expect`. Each test runs run_cli.cmake from
# the source tree's root, so inputs and the paths in the output are relative ("corpus/examples/...").
set(reqprobe_cli_driver ${CMAKE_CURRENT_LIST_DIR}/run_cli.cmake)

# reqprobe_cli_test(NAME EXIT code ARGS arg... [STDIN file] [STDOUT_FILE file] [STDOUT_MATCHES regex]
#                   [STDERR_MATCHES regex] [STDOUT_EMPTY 1] [JSON_CHECKS "path=value|path#=length"])
function(reqprobe_cli_test name)
  cmake_parse_arguments(PARSE_ARGV 1 t "" "EXIT;STDIN;STDOUT_FILE;STDOUT_MATCHES;STDERR_MATCHES;STDOUT_EMPTY;JSON_CHECKS"
                        "ARGS")
  list(JOIN t_ARGS "|" args)
  set(definitions "-DEXE=$<TARGET_FILE:reqprobe>" "-DARGS=${args}" "-DEXIT=${t_EXIT}" "-DWORKDIR=${PROJECT_SOURCE_DIR}")
  foreach(option STDIN STDOUT_FILE STDOUT_MATCHES STDERR_MATCHES STDOUT_EMPTY JSON_CHECKS)
    if(DEFINED t_${option})
      list(APPEND definitions "-D${option}=${t_${option}}")
    endif()
  endforeach()
  add_test(NAME cli.${name} COMMAND ${CMAKE_COMMAND} ${definitions} -P ${reqprobe_cli_driver})
endfunction()

set(examples_dir corpus/examples)
set(data tests/cli/data)
set(expected ${CMAKE_CURRENT_LIST_DIR}/expected)

# ---- help and version: exit 0 ----------------------------------------------------------------------------------
reqprobe_cli_test(help EXIT 0 ARGS --help STDOUT_MATCHES "Usage: reqprobe .*validate.*contract.*Examples:")
reqprobe_cli_test(validate_help EXIT 0 ARGS validate --help
                  STDOUT_MATCHES "--check-expect.*--fail-fast.*Exit codes:.*Examples:")
reqprobe_cli_test(export_help EXIT 0 ARGS contract export --help STDOUT_MATCHES "--json-schema.*Examples:")
# contract --help has its own footer, not the top level's (which lists other commands' examples).
reqprobe_cli_test(contract_help EXIT 0 ARGS contract --help STDOUT_MATCHES "Subcommands:.*export.*contract export --openapi[^\n]*\n?$")
reqprobe_cli_test(version EXIT 0 ARGS --version STDOUT_MATCHES "^reqprobe [0-9]+\\.[0-9]+\\.[0-9]+")

# ---- every example meets its expectation ----------------------------------------------------------------------
file(GLOB example_cases RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${examples_dir}/*.json)
set(met_checks "")
set(index 0)
foreach(example IN LISTS example_cases)
  get_filename_component(example_name ${example} NAME_WE)
  reqprobe_cli_test(examples.${example_name} EXIT 0 ARGS validate --check-expect ${example} STDERR_MATCHES "^$")
  list(APPEND met_checks "results.${index}.input=${example}" "results.${index}.expect.met=ON")
  math(EXPR index "${index} + 1")
endforeach()
list(LENGTH example_cases example_count)
list(JOIN met_checks "|" met_checks)
reqprobe_cli_test(examples_json_check_expect EXIT 0 ARGS validate --format json --check-expect ${example_cases}
                  JSON_CHECKS "results#=${example_count}|${met_checks}")

# ---- verdict exit codes and the text format -------------------------------------------------------------------
reqprobe_cli_test(valid_exits_0 EXIT 0 ARGS validate ${examples_dir}/valid-minimal.json
                  STDOUT_MATCHES "^corpus/examples/valid-minimal\\.json: valid\n$")
reqprobe_cli_test(invalid_exits_1 EXIT 1 ARGS validate ${examples_dir}/invalid-rate-limit-above-maximum.json
                  STDOUT_FILE ${expected}/invalid-rate-limit-above-maximum.txt)
reqprobe_cli_test(any_invalid_exits_1 EXIT 1
                  ARGS validate ${examples_dir}/valid-minimal.json ${examples_dir}/invalid-missing-token.json
                  STDOUT_MATCHES "valid-minimal\\.json: valid\n.*invalid-missing-token\\.json: invalid\n  error required header x-auth-token: ")
reqprobe_cli_test(fail_fast_prints_verdicts_only EXIT 1
                  ARGS validate --fail-fast ${examples_dir}/invalid-rate-limit-above-maximum.json
                       ${examples_dir}/valid-minimal.json
                  STDOUT_FILE ${expected}/fail-fast.txt)
reqprobe_cli_test(warnings_keep_valid EXIT 0 ARGS validate --unknown-as-warning ${examples_dir}/invalid-unknown-field.json
                  STDOUT_MATCHES ": valid\n  warning unknown body /scan_all: ")
reqprobe_cli_test(enable_option_relaxes EXIT 0
                  ARGS validate --check-expect --enable scan-scope-combinations ${data}/scan-scope-combination.json)
reqprobe_cli_test(option_off_by_default EXIT 1 ARGS validate ${data}/scan-scope-combination.json
                  STDOUT_MATCHES "  error enum body /scan_scope: ")
reqprobe_cli_test(other_contract EXIT 1 ARGS validate --contract ${data}/small-contract.json ${data}/thing-case.json
                  STDOUT_MATCHES "^tests/cli/data/thing-case\\.json: invalid\n  error max_length body /name: [^\n]+\n$")

# ---- the JSON format ------------------------------------------------------------------------------------------
reqprobe_cli_test(json_format EXIT 1
                  ARGS validate --format json ${examples_dir}/invalid-rate-limit-above-maximum.json
                       ${examples_dir}/valid-minimal.json
                  JSON_CHECKS "results#=2|results.0.input=corpus/examples/invalid-rate-limit-above-maximum.json|results.0.verdict=invalid|results.0.violations#=1|results.0.violations.0.code=maximum|results.0.violations.0.location=body|results.0.violations.0.pointer=/rate_limit|results.0.violations.0.severity=error|results.0.violations.0.message=value 1001 exceeds maximum 1000|results.1.verdict=valid|results.1.violations#=0")
reqprobe_cli_test(json_fail_fast EXIT 1
                  ARGS validate --format json --fail-fast ${examples_dir}/invalid-rate-limit-above-maximum.json
                  JSON_CHECKS "results.0.verdict=invalid|results.0.violations#=0")

# ---- --check-expect finds differences -------------------------------------------------------------------------
reqprobe_cli_test(check_expect_mismatch_exits_1 EXIT 1 ARGS validate --check-expect ${data}/wrong-expectation.json
                  STDOUT_MATCHES "expectation not met: the verdict is invalid as expected, the violations differ\n  missing: error required header x-auth-token\n  unexpected: error maximum body /rate_limit\n$"
                  STDERR_MATCHES "1 of 1 expectations not met")
reqprobe_cli_test(check_expect_mismatch_json EXIT 1
                  ARGS validate --format json --check-expect ${data}/wrong-expectation.json
                  JSON_CHECKS "results.0.expect.met=OFF|results.0.expect.verdict=invalid|results.0.expect.missing.0.code=required|results.0.expect.unexpected.0.pointer=/rate_limit")
reqprobe_cli_test(without_check_expect_the_verdict_decides EXIT 1 ARGS validate ${data}/wrong-expectation.json)
reqprobe_cli_test(check_expect_needs_expect EXIT 2 ARGS validate --check-expect ${data}/no-expect.json
                  STDERR_MATCHES "no-expect\\.json: has no \"expect\" to check")

# ---- raw bodies and standard input ----------------------------------------------------------------------------
reqprobe_cli_test(body_file_valid EXIT 0 ARGS validate --body ${data}/valid-body.json
                  STDOUT_MATCHES "^tests/cli/data/valid-body\\.json: valid\n$")
reqprobe_cli_test(body_file_invalid EXIT 1 ARGS validate --body ${data}/invalid-body.json
                  STDOUT_MATCHES "invalid\n  error type body /is_all: [^\n]+\n  error minimum body /rate_limit: [^\n]+\n  error min_length body /image_info/0/image_name: [^\n]+\n  error enum body /image_info/0/registry_type: [^\n]+\n$")
reqprobe_cli_test(body_stdin EXIT 0 ARGS validate --body - STDIN ${PROJECT_SOURCE_DIR}/${data}/valid-body.json
                  STDOUT_MATCHES "^-: valid\n$")
reqprobe_cli_test(case_stdin EXIT 1 ARGS validate - STDIN ${PROJECT_SOURCE_DIR}/${examples_dir}/invalid-missing-token.json
                  STDOUT_MATCHES "^-: invalid\n  error required header x-auth-token: ")
reqprobe_cli_test(empty_stdin_body EXIT 1 ARGS validate --body - STDOUT_MATCHES "^-: invalid\n")

# ---- exit 2: usage, I/O and contract errors -------------------------------------------------------------------
reqprobe_cli_test(missing_file EXIT 2 ARGS validate tests/cli/data/no-such-case.json
                  STDERR_MATCHES "cannot open tests/cli/data/no-such-case\\.json: No such file or directory" STDOUT_EMPTY 1)
reqprobe_cli_test(missing_file_wins_over_invalid EXIT 2
                  ARGS validate ${examples_dir}/invalid-missing-token.json tests/cli/data/no-such-case.json)
reqprobe_cli_test(directory_input EXIT 2 ARGS validate docs STDERR_MATCHES "docs is a directory with no .json files")
reqprobe_cli_test(directory_of_cases EXIT 0 ARGS validate --check-expect ${examples_dir})
reqprobe_cli_test(malformed_case EXIT 2 ARGS validate ${data}/malformed-case.json
                  STDERR_MATCHES "not a valid case file: /request: has both 'body' and 'body_base64'")
reqprobe_cli_test(stdin_twice EXIT 2 ARGS validate - - STDERR_MATCHES "standard input \\(-\\) can be read only once")
reqprobe_cli_test(bad_flag EXIT 2 ARGS validate --no-such-flag ${examples_dir}/valid-minimal.json)
reqprobe_cli_test(bad_format EXIT 2 ARGS validate --format xml ${examples_dir}/valid-minimal.json)
reqprobe_cli_test(no_inputs EXIT 2 ARGS validate)
reqprobe_cli_test(no_subcommand EXIT 2 ARGS "")
reqprobe_cli_test(unknown_subcommand EXIT 2 ARGS frobnicate)
reqprobe_cli_test(check_expect_excludes_fail_fast EXIT 2
                  ARGS validate --check-expect --fail-fast ${examples_dir}/valid-minimal.json)
reqprobe_cli_test(bad_contract EXIT 2 ARGS validate --contract ${data}/bad-contract.json ${examples_dir}/valid-minimal.json
                  STDERR_MATCHES "cannot load contract tests/cli/data/bad-contract\\.json:\ntests/cli/data/bad-contract\\.json:22:28: /components/schemas/Thing/properties/name/type: 'strin' is not a JSON Schema type\ntests/cli/data/bad-contract\\.json:23:29: /components/schemas/Thing/properties/owner/\\$ref: reference '#/components/schemas/Owner' does not resolve"
                  STDOUT_EMPTY 1)
reqprobe_cli_test(missing_contract EXIT 2 ARGS validate --contract ${data}/no-such-contract.json ${examples_dir}/valid-minimal.json
                  STDERR_MATCHES "cannot open tests/cli/data/no-such-contract\\.json")
reqprobe_cli_test(unknown_enable_option EXIT 2 ARGS validate --enable no-such-option ${examples_dir}/valid-minimal.json
                  STDERR_MATCHES "option 'no-such-option' is not offered by this contract")

# ---- contract export ------------------------------------------------------------------------------------------
reqprobe_cli_test(export_json_schema EXIT 0 ARGS contract export --json-schema
                  JSON_CHECKS "$schema=http://json-schema.org/draft-07/schema#|type=object|additionalProperties=OFF|properties.rate_limit.maximum=1000|properties.scan_scope.enum#=7|allOf#=2")
reqprobe_cli_test(export_json_schema_enabled EXIT 0 ARGS contract export --json-schema --enable scan-scope-combinations
                  JSON_CHECKS "properties.scan_scope.enum#=33")
# --openapi: the contract as standard OpenAPI (rules as allOf, AK/SK as alternative security, a required body).
reqprobe_cli_test(export_openapi EXIT 0 ARGS contract export --openapi
                  JSON_CHECKS "openapi=3.0.3|components.securitySchemes.aksk_date.in=header|components.securitySchemes.aksk_date.name=X-Sdk-Date|components.schemas.CreateManualImageScanTaskReqInfo.allOf#=2"
                  STDERR_MATCHES "not expressed in OpenAPI: rule R3.update_time")
reqprobe_cli_test(export_other_contract EXIT 0 ARGS contract export --openapi --contract ${data}/small-contract.json
                  STDOUT_MATCHES "\"openapi\"" STDERR_MATCHES "^$")
reqprobe_cli_test(export_other_contract_schema EXIT 0 ARGS contract export --json-schema --contract ${data}/small-contract.json
                  JSON_CHECKS "required.0=name|properties.name.maxLength=8")
reqprobe_cli_test(export_needs_a_format EXIT 2 ARGS contract export STDERR_MATCHES "needs --json-schema or --openapi")
reqprobe_cli_test(export_one_format EXIT 2 ARGS contract export --json-schema --openapi)
reqprobe_cli_test(contract_needs_export EXIT 2 ARGS contract)
reqprobe_cli_test(export_bad_contract EXIT 2 ARGS contract export --openapi --contract ${data}/bad-contract.json)

# ---- contract check -------------------------------------------------------------------------------------------
set(oai ${PROJECT_SOURCE_DIR}/tests/data/openapi/oai-examples)
reqprobe_cli_test(contract_check_embedded EXIT 0 ARGS contract check --format json
                  JSON_CHECKS "loads=ON|strict=ON|operations#=1|operations.0.method=POST|operations.0.path=/v5/{project_id}/image/image-scan/tasks|operations.0.operationId=CreateManualImageScanTask|operations.0.bodies.0.media_type=application/json|errors#=0|warnings#=0")
reqprobe_cli_test(contract_check_text EXIT 0 ARGS contract check
                  STDOUT_MATCHES "loads, 1 operation, strict profile\n\nPOST /v5/\\{project_id\\}/image/image-scan/tasks  \\(CreateManualImageScanTask\\)\n  checks  path project_id")
reqprobe_cli_test(contract_check_bad EXIT 2 ARGS contract check --contract ${data}/bad-contract.json --format json
                  JSON_CHECKS "loads=OFF|operations#=0|errors#=2|errors.0.line=22|errors.0.column=28|errors.0.pointer=/components/schemas/Thing/properties/name/type|errors.1.line=23")
reqprobe_cli_test(contract_check_yaml_syntax EXIT 2 ARGS contract check --contract ${data}/broken.yaml
                  STDOUT_MATCHES "does not load\n\nerrors \\(1\\):\n  tests/cli/data/broken\\.yaml:[0-9]+:[0-9]+: not valid YAML")
reqprobe_cli_test(contract_check_missing_file EXIT 2 ARGS contract check --contract ${data}/no-such.yaml
                  STDERR_MATCHES "cannot open tests/cli/data/no-such\\.yaml")
reqprobe_cli_test(contract_check_bad_format EXIT 2 ARGS contract check --format xml)
# The OAI examples load whole, as YAML and as their JSON twins, and list the same operations.
foreach(form yaml json)
  reqprobe_cli_test(contract_check_petstore_${form} EXIT 0 ARGS contract check --contract ${oai}/petstore.${form} --format json
                    JSON_CHECKS "loads=ON|strict=OFF|operations#=3|operations.0.method=GET|operations.0.path=/pets|operations.0.base_paths.0=/v1|operations.0.parameters.0.name=limit|operations.0.parameters.0.type=integer|operations.1.operationId=createPets|operations.1.body_required=ON|operations.2.path=/pets/{petId}|errors#=0|warnings#=0")
  reqprobe_cli_test(contract_check_petstore_expanded_${form} EXIT 0 ARGS contract check --contract ${oai}/petstore-expanded.${form} --format json
                    JSON_CHECKS "loads=ON|operations#=4|operations.0.parameters.0.name=tags|operations.0.parameters.0.type=array|operations.2.operationId=find pet by id|operations.3.method=DELETE|operations.3.base_paths.0=/v2")
  reqprobe_cli_test(contract_check_api_with_examples_${form} EXIT 0 ARGS contract check --contract ${oai}/api-with-examples.${form} --format json
                    JSON_CHECKS "loads=ON|operations#=2|operations.0.path=/|operations.1.path=/v2|operations.1.operationId=getVersionDetailsv2")
  reqprobe_cli_test(contract_check_callback_example_${form} EXIT 0 ARGS contract check --contract ${oai}/callback-example.${form} --format json
                    JSON_CHECKS "loads=ON|operations#=1|operations.0.method=POST|operations.0.path=/streams|operations.0.parameters.0.name=callbackUrl|operations.0.parameters.0.required=ON")
  reqprobe_cli_test(contract_check_link_example_${form} EXIT 0 ARGS contract check --contract ${oai}/link-example.${form} --format json
                    JSON_CHECKS "loads=ON|operations#=6|operations.5.method=POST|operations.5.path=/2.0/repositories/{username}/{slug}/pullrequests/{pid}/merge|operations.5.parameters#=3|operations.3.parameters.2.name=state")
  reqprobe_cli_test(contract_check_uspto_${form} EXIT 0 ARGS contract check --contract ${oai}/uspto.${form} --format json
                    JSON_CHECKS "loads=ON|operations#=3|operations.0.base_paths.0=/ds-api|operations.2.operationId=perform-search|operations.2.bodies.0.media_type=application/x-www-form-urlencoded|warnings#=2")
endforeach()
# probe on any document against the in-process mock (OpenAPI answer profile): every operation's cases, 0 findings;
# a mock defect is found.
foreach(doc api-with-examples callback-example link-example petstore-expanded petstore uspto)
  reqprobe_cli_test(probe_oai_${doc} EXIT 0 ARGS probe --contract ${oai}/${doc}.yaml --no-progress
                    STDOUT_MATCHES "findings: 0\n$")
endforeach()
reqprobe_cli_test(probe_oai_finds_a_defect EXIT 1
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --defect ignore-code-type --no-progress
                  STDOUT_MATCHES "FINDING accepted-invalid findPets\\.query\\.limit\\.type\\.[a-z_]+: expected a 4xx, got 200")
# A whole document: a row per operation (and the cases that route nowhere) before the outcome table.
reqprobe_cli_test(probe_oai_per_operation_summary EXIT 1
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --defect ignore-code-type --no-progress
                  STDOUT_MATCHES "  operation +cases  findings\n  \\(no operation\\) +46 +0\n  addPet +82 +10\n  deletePet +17 +6\n  find pet by id +17 +6\n  findPets +19 +6\n  outcome")
# Selection as in generate: only GET operations but findPets: find pet by id's 28 cases (17 route to it, 11 to
# no operation: its wrong-path and wrong-method cases).
reqprobe_cli_test(probe_selection EXIT 0
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --method get --exclude-operation findPets
                  --no-progress STDOUT_MATCHES "probe: 28 generated cases .*findings: 0\n$")
reqprobe_cli_test(probe_selection_matches_nothing EXIT 2
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --tag no-such-tag --no-progress
                  STDERR_MATCHES "no operation matches the selection; nothing to probe")
# Credentials from the document's security schemes (issue 13): a bearer token and a query apiKey read by commands;
# every case that does not test them gets them, so the mock finds none missing. An unknown scheme is refused,
# naming the document's schemes.
reqprobe_cli_test(probe_with_scheme_credentials EXIT 0
                  ARGS probe --contract ${data}/secured.yaml --credential bearer=command:echo\ tok-123456
                  --credential queryKey=command:echo\ qk-123456 --no-progress
                  STDOUT_MATCHES "  all +[0-9]+ +[0-9]+ +[0-9]+\nfindings: 0\n")
# HSS's token is an instance of the same: its document's `token` apiKey scheme takes --credential, and the HSS
# campaign stays clean (the cases that test the token keep their own).
reqprobe_cli_test(probe_hss_token_as_credential EXIT 0
                  ARGS probe --credential token=command:echo\ MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw
                  --report ${CMAKE_BINARY_DIR}/cli-probe-hss-token.jsonl --no-progress
                  STDOUT_MATCHES "  all +298 +486 +784\nfindings: 0\n")
reqprobe_cli_test(probe_credential_unknown_scheme EXIT 2
                  ARGS probe --contract ${data}/secured.yaml --credential nope=command:echo\ x --no-progress
                  STDERR_MATCHES "--credential nope: the document has no such security scheme; its schemes: bearer, queryKey")
# Answers checked against the documented responses (issue 13): the mock serves valid success bodies (0 findings
# above); each success defect is found and named by its outcome. (A report in the build folder: the reproductions'
# large bodies go beside it, not into the source tree.)
reqprobe_cli_test(probe_defect_500_on_null EXIT 1
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --defect error-500-on-null
                  --report ${CMAKE_BINARY_DIR}/cli-probe-500-on-null.jsonl --no-progress
                  STDOUT_MATCHES "FINDING server-error addPet.body.[a-z]+.type.null: expected a 4xx, got 500")
reqprobe_cli_test(probe_response_wrong_content_type EXIT 1
                  ARGS probe --report ${CMAKE_BINARY_DIR}/cli-probe-response-wrong_content_type.jsonl --contract ${oai}/petstore-expanded.yaml --defect wrong-content-type --no-progress
                  STDOUT_MATCHES "FINDING content-type-mismatch findPets[^\n]*Content-Type 'text/plain', the 200 response documents application/json")
reqprobe_cli_test(probe_response_dropped_member EXIT 1
                  ARGS probe --report ${CMAKE_BINARY_DIR}/cli-probe-response-dropped_member.jsonl --contract ${oai}/uspto.yaml --defect drop-required-member --no-progress
                  STDOUT_MATCHES "FINDING response-schema-mismatch [^\n]*the body does not match the 200 response schema")
reqprobe_cli_test(probe_response_undocumented_status EXIT 1
                  ARGS probe --report ${CMAKE_BINARY_DIR}/cli-probe-response-undocumented_status.jsonl --contract ${oai}/uspto.yaml --defect undocumented-status --no-progress
                  STDOUT_MATCHES "FINDING undocumented-status [^\n]*status 202 is not documented for this operation \\(documented: 200\\)")
# Expected statuses from the user's file (issue 13): the mock answers addPet's type errors with the documented 400,
# the file asks for 422, so each is wrong-status.
reqprobe_cli_test(probe_expect_statuses EXIT 1
                  ARGS probe --contract ${oai}/petstore-expanded.yaml --expect-statuses ${data}/expect-422.json
                  --report ${CMAKE_BINARY_DIR}/cli-probe-expect-statuses.jsonl --no-progress
                  STDOUT_MATCHES "FINDING wrong-status addPet.body.name.type.integer: expected one of 422, got 400")
# A request validated against a YAML document (petstore: limit is an int32 query parameter).
reqprobe_cli_test(validate_against_yaml EXIT 1 ARGS validate --contract ${oai}/petstore.yaml --format json -
                  STDIN ${data}/petstore-limit-not-integer.json
                  JSON_CHECKS "results.0.verdict=invalid|results.0.violations.0.code=type|results.0.violations.0.location=query|results.0.violations.0.pointer=limit")

# The shipped generated HSS suite: every case's expectation is what the validator reports on its exact bytes.
reqprobe_cli_test(hss_suite_expectations_hold EXIT 0 ARGS validate --check-expect corpus/hss)
# generate refuses a directory holding files no previous suite wrote (nothing is lost).
# generate's summary counts verdicts once; the families are named as families (issue 10, item 22).
reqprobe_cli_test(generate_summary EXIT 0 ARGS generate --out ${CMAKE_BINARY_DIR}/cli-generate-summary
                  STDOUT_MATCHES "^generated [0-9]+ cases \\([0-9]+ valid, [0-9]+ invalid\\)[^\n]*\n  by family: [a-z]+ [0-9]+(, [a-z]+ [0-9]+)+\n$")
# With the option on, an enum violation names what the option accepts too (issue 10, item 22).
reqprobe_cli_test(enum_message_names_the_option EXIT 1 ARGS validate --enable scan-scope-combinations --body -
                  STDIN ${data}/scan-scope-not-a-mask.json
                  STDOUT_MATCHES "nor an OR of whole masks of [0-9, ]+ \\(option scan-scope-combinations\\)")
reqprobe_cli_test(generate_refuses_foreign_directory EXIT 2 ARGS generate --out tests/cli
                  STDERR_MATCHES "which no previous suite listed")
include(${CMAKE_CURRENT_LIST_DIR}/generate_cli_tests.cmake)

# ---- fuzz -------------------------------------------------------------------------------------------------------
# A time-boxed campaign against the in-process mock, bounded here by --requests (the generated suite is sent whole
# first). Its out directories go to the build folder.
reqprobe_cli_test(fuzz_help EXIT 0 ARGS fuzz --help STDOUT_MATCHES "--duration.*--requests.*buckets.*--resume")
reqprobe_cli_test(fuzz_faithful_mock_no_bucket EXIT 0
                  ARGS fuzz --requests 300 --out ${CMAKE_BINARY_DIR}/cli-fuzz-faithful
                  STDOUT_MATCHES "until 300 requests\n.*fuzz: 0 buckets\n$")
reqprobe_cli_test(fuzz_defect_gives_a_bucket EXIT 1
                  ARGS fuzz --requests 300 --out ${CMAKE_BINARY_DIR}/cli-fuzz-defect
                  --defect accept-rate-limit-above-max
                  STDOUT_MATCHES "BUCKET bucket-001 CreateManualImageScanTask accepted-invalid maximum body /rate_limit 200 \\([0-9]+ hits, minimised\\)\n  [^\n]+\n  replay: reqprobe replay [^\n]*cli-fuzz-defect/bucket-001\\.json\n")
reqprobe_cli_test(fuzz_defect_needs_the_mock EXIT 2
                  ARGS fuzz --requests 300 --defect accept-rate-limit-above-max --target http://127.0.0.1:1
                  --out ${CMAKE_BINARY_DIR}/cli-fuzz-refused
                  STDERR_MATCHES "--defect applies to the in-process mock; it cannot be combined with --target")
reqprobe_cli_test(fuzz_unknown_defect EXIT 2
                  ARGS fuzz --requests 300 --defect no-such-defect --out ${CMAKE_BINARY_DIR}/cli-fuzz-refused
                  STDERR_MATCHES "no-such-defect")
reqprobe_cli_test(fuzz_resume_needs_a_fuzz_directory EXIT 2
                  ARGS fuzz --requests 300 --resume tests/cli/data/no-such-fuzz-dir
                  --out ${CMAKE_BINARY_DIR}/cli-fuzz-resume-missing
                  STDERR_MATCHES "cannot read tests/cli/data/no-such-fuzz-dir/buckets\\.json")
reqprobe_cli_test(fuzz_refuses_repeat EXIT 2
                  ARGS fuzz --requests 300 --repeat 2 --out ${CMAKE_BINARY_DIR}/cli-fuzz-refused
                  STDERR_MATCHES "--repeat and --only are replay's")
# --duration: seconds, s, m or h, fractions allowed; anything else is refused before anything starts.
set(refused_index 0)
foreach(bad 0 -1 10x m " 5" inf nan 5sec 1e400 0x10 +5 1e-5 .5 5. 1.2.3 1000h)
  math(EXPR refused_index "${refused_index} + 1")
  string(MAKE_C_IDENTIFIER "fuzz_duration_refused_${refused_index}_${bad}" test_name)
  string(REGEX REPLACE "([+.])" "\\\\\\1" bad_pattern "${bad}")
  reqprobe_cli_test(${test_name} EXIT 2
                    ARGS fuzz "--duration=${bad}" --requests 300 --out ${CMAKE_BINARY_DIR}/cli-fuzz-refused
                    STDERR_MATCHES "--duration takes a time such as 90s, 10m or 1h, not '${bad_pattern}'" STDOUT_EMPTY 1)
endforeach()
# A valid --duration is read as seconds (the run is then refused by --valid-share before it sends anything).
foreach(row "90=90" "90s=90" "10m=600" "1.5h=5400" "0.5m=30")
  string(REPLACE "=" ";" row "${row}")
  list(GET row 0 given)
  list(GET row 1 seconds)
  string(MAKE_C_IDENTIFIER "fuzz_duration_${given}" test_name)
  reqprobe_cli_test(${test_name} EXIT 2 ARGS fuzz --duration ${given} --valid-share 2
                    --out ${CMAKE_BINARY_DIR}/cli-fuzz-duration
                    STDOUT_MATCHES "; for ${seconds} s\n$" STDERR_MATCHES "--valid-share takes a fraction from 0 to 1")
endforeach()

# ---- numbers with exponents past int64 (found by schema_fuzzer during fuzz/mutants.sh's baseline) ----
# 1e+30222222228 against an integer node: the integer checks once wrote out all its zeros (30 GB, bad_alloc); a
# const with an exponent past int64 once threw from std::stoll while its message was written.
reqprobe_cli_test(huge_exponent_integer_is_out_of_range EXIT 1
                  ARGS validate --schema tests/cli/data/huge-exponent/integer-schema.json
                  tests/cli/data/huge-exponent/huge-integer.json
                  STDOUT_MATCHES "error maximum body: value 1e\\+30222222228 is outside the int64 range")
reqprobe_cli_test(huge_exponent_const_is_written_as_given EXIT 1
                  ARGS validate --schema tests/cli/data/huge-exponent/const-schema.json
                  tests/cli/data/huge-exponent/two.json
                  STDOUT_MATCHES "error const body: value is not the constant 1e\\+99999999999999999999")
