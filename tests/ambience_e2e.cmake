# A two-hour ambience file (issue 10): streamed from disk, so the app quits on time and `attune render` of a
# short session stays small and fast. The file is generated at test time (tests/ambience/long_ambience.py).
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  return()
endif()
set(long_ambience ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/ambience/long_ambience.py)
add_test(NAME app.quits_within_5_s_with_a_two_hour_ambience
  COMMAND ${long_ambience} quit $<TARGET_FILE:attune> ${CMAKE_CURRENT_BINARY_DIR}/long_ambience_quit)
set_tests_properties(app.quits_within_5_s_with_a_two_hour_ambience PROPERTIES LABELS app TIMEOUT 90)
add_test(NAME audio.render.five_seconds_with_a_two_hour_ambience_is_small_and_fast
  COMMAND ${long_ambience} render $<TARGET_FILE:attune> ${CMAKE_CURRENT_BINARY_DIR}/long_ambience_render)
set_tests_properties(audio.render.five_seconds_with_a_two_hour_ambience_is_small_and_fast
  PROPERTIES LABELS audio TIMEOUT 90)
