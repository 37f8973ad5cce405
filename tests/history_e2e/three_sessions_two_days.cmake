# Practising three sessions on two days (yesterday one, today two, the third killed with SIGKILL mid-session)
# shows a streak of 2 days, the right minutes and calendar, and `attune history --csv` lists all three truthfully.
# The killed one (about 10 s of practice) is under the 30 s threshold: listed, "(not counted)", in no total.
file(REMOVE_RECURSE ${WORK})
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(db ${WORK}/data/attune/history.sqlite)
execute_process(COMMAND ${TOOL} quick-timers ${WORK}/sessions OUTPUT_QUIET)
set(session ${WORK}/sessions/quick-box-3min.yaml)
# 4-4-4-4 for 3 minutes is a lead-in for its prompt (about 11 s), 11 cycles (176 s) and a bell (5 s),
# played 100 times faster.
execute_process(COMMAND ${TOOL} writer --db ${db} --session ${session} --speed 100 --update-ms 20 --days-ago 1
                RESULT_VARIABLE rc1 OUTPUT_QUIET)
execute_process(COMMAND ${TOOL} writer --db ${db} --session ${session} --speed 100 --update-ms 20
                RESULT_VARIABLE rc2 OUTPUT_QUIET)
execute_process(COMMAND ${TOOL} kill9 --after-progress 5 --db ${db} --session ${session} --speed 100 --update-ms 20
                RESULT_VARIABLE rc3 OUTPUT_VARIABLE killed)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0)
  message(FATAL_ERROR "practising failed: ${rc1} ${rc2} ${rc3} ${killed}")
endif()

execute_process(COMMAND ${ATTUNE} history RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "attune history:\n${out}")
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "attune history: exit ${rc}\n${err}")
endif()
foreach(expected "\nCurrent streak: 2 days\n" "\nLongest streak: 2 days\n" "\nTotal: 2 sessions, 6 min\n"
                 "^Today \\([0-9-]+\\): 1 session, 3 min\n"
                 "Box breathing, 3 min  [0-9.]+ s of 3 min [0-9]+ s  interrupted \\(not counted\\)\n"
                 "Box breathing, 3 min  3 min [0-9]+ s of 3 min [0-9]+ s  completed\n  [0-9: -]+Box breathing, 3 min  3 min [0-9]+ s of 3 min [0-9]+ s  completed\n$")
  if(NOT out MATCHES "${expected}")
    message(FATAL_ERROR "attune history does not match '${expected}':\n${out}")
  endif()
endforeach()

# The calendar: two days with practice (3 min each, '-'), every other past day '.'.
string(REGEX MATCHALL "\n(Mon|Tue|Wed|Thu|Fri|Sat|Sun)  [^\n]*" calendar "${out}")
list(LENGTH calendar weekdays)
string(REGEX MATCHALL "-" practised_days "${calendar}")
list(LENGTH practised_days practised_count)
string(REGEX MATCHALL "[+*#]" other_days "${calendar}")
if(NOT weekdays EQUAL 7 OR NOT practised_count EQUAL 2 OR other_days)
  message(FATAL_ERROR "the calendar should show two practised days:\n${calendar}")
endif()

# Through a file, read twice: CMake drops the CRs of text it reads, so they are counted in hex.
execute_process(COMMAND ${ATTUNE} history --csv RESULT_VARIABLE rc OUTPUT_FILE ${WORK}/history.csv)
file(READ ${WORK}/history.csv lf)
file(READ ${WORK}/history.csv hex HEX)
string(REGEX MATCHALL "0d0a" crlf "${hex}")
list(LENGTH crlf crlf_count)
message(STATUS "attune history --csv:\n${lf}")
string(REGEX MATCHALL "[^\n]*\n" lines "${lf}")
list(LENGTH lines count)
set(row "[^,]*/quick-box-3min\\.yaml,[0-9a-f]+,1,,,[^,]+,[^,]+,1[89][0-9]\\.[0-9]+")
if(NOT rc EQUAL 0 OR NOT count EQUAL 4 OR NOT crlf_count EQUAL 4
   OR NOT lf MATCHES "^id,title,file,script_hash,people,name_a,name_b,start_local,start_utc,planned_s,actual_s,reached_step,reached_s,state,skipped_s\n"
   OR NOT lf MATCHES "\n1,\"Box breathing, 3 min\",${row},1[89][0-9]\\.[0-9]+,2,1[89][0-9]\\.[0-9]+,completed,0\\.000\n"
   OR NOT lf MATCHES "\n2,\"Box breathing, 3 min\",${row},1[89][0-9]\\.[0-9]+,2,1[89][0-9]\\.[0-9]+,completed,0\\.000\n"
   OR NOT lf MATCHES "\n3,\"Box breathing, 3 min\",${row},[0-9]+\\.[0-9]+,1,[0-9.]+,interrupted,[0-9.]+\n$")
  message(FATAL_ERROR "attune history --csv (CRLF lines): exit ${rc}, ${count} lines:\n${lf}")
endif()
