# The practice history end to end: kill -9 at random points never corrupts it or makes it lie; a corrupt file
# is moved aside and the app and `attune history` start; quick-timer scripts pass `attune check`; three
# practices on two days show the right streak and minutes and survive a kill -9 in the third; the real app
# records what it plays, and a kill -9 of the app leaves an "interrupted" practice.
add_executable(history_e2e_tool ${CMAKE_CURRENT_SOURCE_DIR}/history_e2e/history_e2e_tool.cpp)
target_link_libraries(history_e2e_tool PRIVATE attune_core attune_warnings)

set(ATTUNE_HISTORY_WORK ${CMAKE_CURRENT_BINARY_DIR}/history_e2e)

# 50 writers, each SIGKILLed at a random point (one in five while opening or beginning), about 10 s in all.
add_test(NAME history.kill9_at_random_points_keeps_a_truthful_history
         COMMAND history_e2e_tool crash --dir ${ATTUNE_HISTORY_WORK}/crash --runs 50 --seed 20261125)
set_tests_properties(history.kill9_at_random_points_keeps_a_truthful_history PROPERTIES LABELS history TIMEOUT 120)

foreach(script corrupt_database quick_timers_check three_sessions_two_days app_records_practice
               app_kill9_runs app_save_failures)
  add_test(NAME history.${script}
           COMMAND ${CMAKE_COMMAND} -DATTUNE=$<TARGET_FILE:attune> -DTOOL=$<TARGET_FILE:history_e2e_tool>
                   -DWORK=${ATTUNE_HISTORY_WORK}/${script} -P ${CMAKE_CURRENT_SOURCE_DIR}/history_e2e/${script}.cmake)
  set_tests_properties(history.${script} PROPERTIES LABELS history TIMEOUT 120)
endforeach()
