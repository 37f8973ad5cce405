# `attune plan`, run as a user meets it: the JSON of a small fixture against its golden file, the table's
# total line, exit 1 with located diagnostics for an invalid script, exit 2 for a usage error.
set(ATTUNE_PLAN_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/plan)

add_test(NAME cli.plan_json_matches_golden
         COMMAND ${CMAKE_COMMAND} -DATTUNE=$<TARGET_FILE:attune> "-DARGS=plan;--json;two-people.yaml"
                 -DEXPECT_EXIT=0 -DGOLDEN=${ATTUNE_PLAN_DATA}/two-people.json -P ${ATTUNE_PLAN_DATA}/run_plan.cmake
         WORKING_DIRECTORY ${ATTUNE_PLAN_DATA})
add_test(NAME cli.plan_table_shows_the_total_length
         COMMAND ${CMAKE_COMMAND} -DATTUNE=$<TARGET_FILE:attune> "-DARGS=plan;two-people.yaml" -DEXPECT_EXIT=0
                 "-DSTDOUT_MATCH=10.500000  16.500000  b     bell .*Total length: 16.5 s \\(16.500000 s\\)"
                 -P ${ATTUNE_PLAN_DATA}/run_plan.cmake
         WORKING_DIRECTORY ${ATTUNE_PLAN_DATA})
add_test(NAME cli.plan_invalid_script_exits_1_with_the_error
         COMMAND ${CMAKE_COMMAND} -DATTUNE=$<TARGET_FILE:attune> "-DARGS=plan;--json;invalid.yaml" -DEXPECT_EXIT=1
                 "-DSTDERR_MATCH=invalid.yaml:4:5: error: "
                 -P ${ATTUNE_PLAN_DATA}/run_plan.cmake
         WORKING_DIRECTORY ${ATTUNE_PLAN_DATA})
add_test(NAME cli.plan_without_a_file_exits_2
         COMMAND ${CMAKE_COMMAND} -DATTUNE=$<TARGET_FILE:attune> "-DARGS=plan" -DEXPECT_EXIT=2
                 -P ${ATTUNE_PLAN_DATA}/run_plan.cmake)
set_tests_properties(cli.plan_json_matches_golden cli.plan_table_shows_the_total_length
                     cli.plan_invalid_script_exits_1_with_the_error cli.plan_without_a_file_exits_2
                     PROPERTIES LABELS cli TIMEOUT 30)
