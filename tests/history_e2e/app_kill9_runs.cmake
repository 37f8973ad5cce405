# kill -9 of the real app, five times at different moments of a session: every practice is in the history
# afterwards (0 lost: the row is written when the practice begins and its progress every 5 s and at each step
# change), each as "interrupted" with no more time than it had, and the file passes PRAGMA integrity_check.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/config/attune)
file(WRITE ${WORK}/config/attune/settings.yaml "pre_roll: 0\n")
# Short steps then a long one (a breathing step rounds to whole 10 s cycles: 10+10+10+300 s): kills land
# before and after the first 5 s progress write and step change.
file(WRITE ${WORK}/steps.yaml
     "attune: 1\ntitle: Steps\nsteps:\n  - breathe: 4-6\n    for: 2s\n  - breathe: 4-6\n    for: 2s\n"
     "  - breathe: 4-6\n    for: 2s\n  - breathe: 4-6\n    for: 5m\n")
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(ENV{XDG_CONFIG_HOME} ${WORK}/config)
set(ENV{SDL_VIDEODRIVER} offscreen)
set(ENV{SDL_AUDIODRIVER} dummy)
set(db ${WORK}/data/attune/history.sqlite)

set(kills 2500 4000 5500 7500 10500)
set(runs 0)
foreach(ms IN LISTS kills)
  execute_process(COMMAND ${TOOL} kill9-command ${ms} ${ATTUNE} ${WORK}/steps.yaml --start --size 640x480
                  RESULT_VARIABLE rc TIMEOUT 60)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the app was not killed ${ms} ms after launch (exit ${rc})")
  endif()
  math(EXPR runs "${runs} + 1")
  execute_process(COMMAND ${TOOL} integrity ${db} RESULT_VARIABLE rc OUTPUT_VARIABLE check)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "after the kill at ${ms} ms the history fails its integrity check:\n${check}")
  endif()
endforeach()

execute_process(COMMAND ${ATTUNE} history --csv OUTPUT_VARIABLE csv RESULT_VARIABLE rc)
message(STATUS "attune history --csv after ${runs} kill -9 runs:\n${csv}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "attune history --csv: exit ${rc}")
endif()
string(REGEX MATCHALL "\n[0-9]+,Steps,[^\n]*" rows "${csv}")
list(LENGTH rows found)
math(EXPR lost "${runs} - ${found}")
message(STATUS "kill -9 runs: ${runs}, practices in the history: ${found}, lost: ${lost}")
if(NOT lost EQUAL 0)
  message(FATAL_ERROR "${lost} of ${runs} killed practices are missing from the history:\n${csv}")
endif()
set(index 0)
set(with_time 0)
foreach(row IN LISTS rows)
  list(GET kills ${index} ms)
  math(EXPR index "${index} + 1")
  # id,title,file,hash,people,name_a,name_b,start_local,start_utc,planned_s,actual_s,reached_step,reached_s,state,
  # skipped_s
  if(NOT row MATCHES "^\n${index},Steps,[^,]*/steps\\.yaml,[0-9a-f]+,1,,,[^,]+,[^,]+,330\\.000,([0-9]+)\\.([0-9]+),([0-9]),[0-9.]+,interrupted,[0-9.]+$")
    message(FATAL_ERROR "practice ${index} (killed at ${ms} ms) is not a truthful interrupted row: ${row}")
  endif()
  # No more time than the app lived (it starts in well under a second on a quiet machine).
  math(EXPR limit "${ms} / 1000")
  if(CMAKE_MATCH_1 GREATER limit)
    message(FATAL_ERROR "practice ${index} (killed at ${ms} ms) claims ${CMAKE_MATCH_1} s: ${row}")
  endif()
  if(CMAKE_MATCH_1 GREATER 0)
    math(EXPR with_time "${with_time} + 1")
  endif()
endforeach()
# The last kill (10.5 s) comes after at least one progress write with time in it (every 5 s of play), even
# on a loaded machine where the app takes a few seconds to start.
if(with_time LESS 1)
  message(FATAL_ERROR "only ${with_time} killed practices kept a partial length:\n${csv}")
endif()
execute_process(COMMAND ${TOOL} integrity ${db} RESULT_VARIABLE rc OUTPUT_VARIABLE check)
if(NOT rc EQUAL 0 OR NOT check STREQUAL "ok\n")
  message(FATAL_ERROR "the history fails its integrity check at the end:\n${check}")
endif()
