# tests/plan_golden.cmake: `attune plan --json` of every built-in session against its golden file
# (tests/data/plan/golden/<session>.json), one test per session, named cli.plan_golden.<session>. A failure
# prints a unified diff. Update mode: `ATTUNE_UPDATE_GOLDENS=1 ctest -R cli.plan_golden` or
# scripts/update-goldens [BUILD_DIR]. A built-in session without a golden fails until one is written.
set(ATTUNE_PLAN_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/data/plan/golden)
file(GLOB ATTUNE_BUILT_IN_SESSIONS CONFIGURE_DEPENDS ${ATTUNE_SOURCE_SESSIONS_DIR}/*.yaml)
foreach(session_file ${ATTUNE_BUILT_IN_SESSIONS})
  get_filename_component(session ${session_file} NAME_WE)
  add_test(NAME cli.plan_golden.${session}
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/plan_golden.sh $<TARGET_FILE:attune> ${session_file}
                   ${ATTUNE_PLAN_GOLDEN_DIR}/${session}.json)
  set_tests_properties(cli.plan_golden.${session} PROPERTIES LABELS cli TIMEOUT 60)
endforeach()
