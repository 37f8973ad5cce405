# The real app, headless, records what it plays: a short session played to the end is "completed"; a session
# killed with SIGKILL 7 s after launch is "interrupted" with no more time than it had.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/config/attune)
file(WRITE ${WORK}/config/attune/settings.yaml "pre_roll: 0\n")
file(WRITE ${WORK}/tiny.yaml "attune: 1\ntitle: Tiny\nsteps:\n  - say: Hello, and settle in.\n    for: 2s\n  - bell: bowl\n    gap: 1s\n")
file(WRITE ${WORK}/long.yaml "attune: 1\ntitle: Long\nsteps:\n  - breathe: 4-6\n    for: 5m\n")
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(ENV{XDG_CONFIG_HOME} ${WORK}/config)
set(ENV{SDL_VIDEODRIVER} offscreen)
set(ENV{SDL_AUDIODRIVER} dummy)
execute_process(COMMAND ${ATTUNE} ${WORK}/tiny.yaml --start --quit-after 4 --size 640x480 RESULT_VARIABLE rc
                TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the app playing tiny.yaml: exit ${rc}")
endif()
execute_process(COMMAND ${TOOL} kill9-command 7000 ${ATTUNE} ${WORK}/long.yaml --start --size 640x480
                RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the app was not killed while playing long.yaml")
endif()
execute_process(COMMAND ${ATTUNE} history --csv OUTPUT_FILE ${WORK}/history.csv RESULT_VARIABLE rc)
file(READ ${WORK}/history.csv csv)
message(STATUS "attune history --csv:\n${csv}")
if(NOT rc EQUAL 0
   OR NOT csv MATCHES "\n1,Tiny,[^,]*/tiny\\.yaml,[0-9a-f]+,1,,,[^,]+,[^,]+,3\\.000,[0-9.]+,2,3\\.000,completed,0\\.000\n"
   OR NOT csv MATCHES "\n2,Long,[^,]*/long\\.yaml,[0-9a-f]+,1,,,[^,]+,[^,]+,300\\.000,[0-6]\\.[0-9]+,1,[0-6]\\.[0-9]+,interrupted,0\\.000\n$")
  message(FATAL_ERROR "the app's history is not as played:\n${csv}")
endif()
