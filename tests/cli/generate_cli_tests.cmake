# `reqprobe generate` on documents with several operations (included by cli_tests.cmake): one folder per operation,
# manifest lines naming the operation, and the selection options.
set(generator_docs tests/data/openapi/generator)
set(oai_docs tests/data/openapi/oai-examples)
reqprobe_cli_test(generate_every_operation EXIT 0
                  ARGS generate --contract ${oai_docs}/petstore-expanded.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-petstore
                  STDOUT_MATCHES "^generated [0-9]+ cases [^\n]*\n  by family: [^\n]*\n  operations: 4 \\(one folder each\\)\n")
reqprobe_cli_test(generate_selection_by_method EXIT 0
                  ARGS generate --contract ${oai_docs}/petstore-expanded.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-get
                       --method GET --exclude-path /pets/*
                  STDOUT_MATCHES "operations: 1 \\(one folder each\\)")
reqprobe_cli_test(generate_selection_by_tag_and_operation EXIT 0
                  ARGS generate --contract ${generator_docs}/keywords.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-forms
                       --tag forms --exclude-operation upload
                  STDOUT_MATCHES "operations: 1 \\(one folder each\\)")
reqprobe_cli_test(generate_selection_matches_nothing EXIT 2
                  ARGS generate --contract ${oai_docs}/petstore-expanded.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-none
                       --operation noSuchOperation
                  STDERR_MATCHES "no operation matches the selection")
reqprobe_cli_test(generate_recursive_schema EXIT 0
                  ARGS generate --contract ${generator_docs}/recursive.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-recursive
                  STDOUT_MATCHES "operations: 2")
# The suite written by generate_every_operation validates with its own expectations, folder by folder.
reqprobe_cli_test(generate_folder_expectations_hold EXIT 0
                  ARGS validate --contract ${oai_docs}/petstore-expanded.yaml --check-expect
                       ${CMAKE_BINARY_DIR}/cli-generate-petstore/addPet)
set_tests_properties(cli.generate_folder_expectations_hold PROPERTIES DEPENDS cli.generate_every_operation)
# Generating again into the same directory replaces the previous suite's folders.
reqprobe_cli_test(generate_again_replaces_folders EXIT 0
                  ARGS generate --contract ${oai_docs}/petstore-expanded.yaml --out ${CMAKE_BINARY_DIR}/cli-generate-petstore
                  STDOUT_MATCHES "operations: 4")
set_tests_properties(cli.generate_again_replaces_folders PROPERTIES DEPENDS cli.generate_folder_expectations_hold)
