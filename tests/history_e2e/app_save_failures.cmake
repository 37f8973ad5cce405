# What the app cannot save is said, and what it saved never breaks the next start:
#  - `--size 300x200` once: the next start reads the settings (no settings.yaml.bad), exit 0 both times;
#  - a saved window of 20000 px: the app starts (clamped, with a note), not "Window is too large";
#  - settings.yaml and the history are 0600;
#  - a read-only history: the end of a practice says "Not saved: the history file is read-only (PATH).
#    Attune will retry." and `attune history` still reads the file (read-only open);
#  - a read-only settings folder: "cannot write PATH: Permission denied", the old file untouched.
# File permissions do not bind root, so as root the read-only part runs as nobody (setpriv). nobody must
# reach the binary and the folders: a build inside a private folder (a fresh clone under mktemp -d is 0700)
# is out of its reach, so as root the test works in a folder of its own under /tmp with a copy of the app.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(uid STREQUAL "0")
  string(RANDOM LENGTH 8 suffix)
  set(WORK /tmp/attune-save-failures-${suffix})
  file(MAKE_DIRECTORY ${WORK}/bin)
  file(COPY ${ATTUNE} DESTINATION ${WORK}/bin
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  get_filename_component(name ${ATTUNE} NAME)
  set(ATTUNE ${WORK}/bin/${name})
  set(cleanup ${WORK})
endif()
file(MAKE_DIRECTORY ${WORK}/config/attune)
file(WRITE ${WORK}/tiny.yaml "attune: 1\ntitle: Tiny\nsteps:\n  - say: Hello, and settle in.\n    for: 2s\n  - bell: bowl\n    gap: 1s\n")
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(ENV{XDG_CONFIG_HOME} ${WORK}/config)
set(ENV{SDL_VIDEODRIVER} offscreen)
set(ENV{SDL_AUDIODRIVER} dummy)
set(settings ${WORK}/config/attune/settings.yaml)
set(db ${WORK}/data/attune/history.sqlite)

execute_process(COMMAND ${ATTUNE} --quit-after 1 --size 300x200 RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT EXISTS ${settings})
  message(FATAL_ERROR "the app with --size 300x200: exit ${rc}\n${err}")
endif()
execute_process(COMMAND ${ATTUNE} --quit-after 1 RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0 OR EXISTS ${settings}.bad OR err MATCHES "could not be read")
  message(FATAL_ERROR "the start after --size 300x200: exit ${rc}, settings moved aside or unread:\n${err}")
endif()
execute_process(COMMAND stat -c %a ${settings} ${db} OUTPUT_VARIABLE modes)
if(NOT modes STREQUAL "600\n600\n")
  message(FATAL_ERROR "settings.yaml and the history are not private (0600): ${modes}")
endif()

file(WRITE ${settings} "pre_roll: 0\nwindow:\n  x: 0\n  y: 0\n  width: 20000\n  height: 720\n")
execute_process(COMMAND ${ATTUNE} --quit-after 1 RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0 OR err MATCHES "too large" OR NOT err MATCHES "attune: The saved window size 20000x720 was outside what Attune can open \\(160x120 to 16384x16384\\); it is 16384x720 now\\.\n")
  message(FATAL_ERROR "the app with a saved 20000 px window: exit ${rc}\n${err}")
endif()
file(WRITE ${settings} "pre_roll: 0\n")

set(as_user "")
if(uid STREQUAL "0")
  set(as_user setpriv --reuid=65534 --regid=65534 --clear-groups)
  execute_process(COMMAND chown -R 65534:65534 ${WORK})
endif()
execute_process(COMMAND ${as_user} ${ATTUNE} ${WORK}/tiny.yaml --start --quit-after 4 --size 640x480
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the app playing tiny.yaml: exit ${rc}\n${err}")
endif()
file(CHMOD ${db} PERMISSIONS OWNER_READ)
execute_process(COMMAND ${as_user} ${ATTUNE} ${WORK}/tiny.yaml --start --quit-after 4 --size 640x480
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 60)
message(STATUS "the app with a read-only history said:\n${err}")
if(NOT rc EQUAL 0 OR NOT err MATCHES "attune: Not saved: the history file is read-only \\(${db}\\)\\. Attune will retry\\.\n")
  message(FATAL_ERROR "the app with a read-only history: exit ${rc}, no truthful 'Not saved':\n${err}")
endif()
execute_process(COMMAND ${as_user} ${ATTUNE} history --csv RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT csv MATCHES "\n1,Tiny,[^\n]*,completed" OR csv MATCHES "\n2," OR EXISTS ${db}-wal)
  message(FATAL_ERROR "attune history on a read-only file: exit ${rc}\n${csv}\n${err}")
endif()

# A settings folder the app cannot write: the failure is said (and retried), the old file stays as it was.
file(WRITE ${settings} "pre_roll: 0\ntheme: light\n")
file(CHMOD ${WORK}/config/attune PERMISSIONS OWNER_READ OWNER_EXECUTE)
execute_process(COMMAND ${as_user} ${ATTUNE} --quit-after 1 --size 640x480 RESULT_VARIABLE rc ERROR_VARIABLE err
                TIMEOUT 60)
file(CHMOD ${WORK}/config/attune PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(READ ${settings} kept)
file(GLOB leftovers ${settings}.tmp*)
if(NOT rc EQUAL 0 OR NOT err MATCHES "attune: cannot write ${settings}: Permission denied\n" OR
   NOT kept STREQUAL "pre_roll: 0\ntheme: light\n" OR leftovers)
  message(FATAL_ERROR "the app with a read-only settings folder: exit ${rc}\n${err}\nfile: ${kept}\n${leftovers}")
endif()
if(cleanup)
  file(REMOVE_RECURSE ${cleanup})
endif()
