# A history file of random bytes: `attune history` says it is damaged and leaves it untouched; the app moves it
# aside to history.sqlite.corrupt-YYYYMMDD-HHMMSS (never deleted) and starts a new history.
file(REMOVE_RECURSE ${WORK})
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(ENV{XDG_CONFIG_HOME} ${WORK}/config)
set(db ${WORK}/data/attune/history.sqlite)

execute_process(COMMAND ${TOOL} random-bytes ${db} 20000 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot write random bytes")
endif()
execute_process(COMMAND ${ATTUNE} history RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB moved ${db}.corrupt-*)
# `attune history` only reads (SQLITE_OPEN_READONLY): it says the file is damaged and leaves it as it is.
if(NOT rc EQUAL 0 OR NOT out MATCHES "^Today \\([0-9-]+\\): 0 sessions, 0 min\n" OR moved)
  message(FATAL_ERROR "attune history with a corrupt file: exit ${rc}\n${out}\n${err}\nmoved: ${moved}")
endif()
if(NOT err STREQUAL "attune history: the history at ${db} is damaged: 0 practices could be read. Start Attune to repair it (the damaged file is kept).\n")
  message(FATAL_ERROR "unexpected notice: ${err}")
endif()
file(SIZE ${db} size)
if(NOT size EQUAL 20000 OR EXISTS ${db}-wal OR EXISTS ${db}-shm)
  message(FATAL_ERROR "attune history changed the damaged file: ${size} bytes, expected 20000")
endif()

# The app itself, headless, with a corrupt file: it starts, moves the file aside, opens a new one, exits 0.
file(REMOVE_RECURSE ${WORK}/data)
execute_process(COMMAND ${TOOL} random-bytes ${db} 4096)
set(ENV{SDL_VIDEODRIVER} offscreen)
set(ENV{SDL_AUDIODRIVER} dummy)
execute_process(COMMAND ${ATTUNE} --quit-after 1 --size 640x480
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
file(GLOB moved ${db}.corrupt-*)
if(NOT rc EQUAL 0 OR NOT moved OR NOT EXISTS ${db})
  message(FATAL_ERROR "the app with a corrupt history: exit ${rc}\n${out}\n${err}\nmoved: ${moved}")
endif()
