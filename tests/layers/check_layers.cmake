# tests/layers/check_layers.cmake: run by tests/layers.cmake (cmake -P) with each layer library's include
# directories (<target>_INCLUDES) and link libraries (<target>_LINKS), joined by "|". For each layer, what it
# may include must compile and what it must not reach must fail with that header "No such file or directory".
file(MAKE_DIRECTORY ${WORK})
set(failures "")

# expect_include(TARGET HEADER ok|missing): compiles `#include HEADER` with TARGET's include path.
function(expect_include target header expect)
  string(REPLACE "|" ";" dirs "${${target}_INCLUDES}")
  set(flags)
  foreach(dir ${dirs})
    list(APPEND flags "-I${dir}")
  endforeach()
  string(MAKE_C_IDENTIFIER "${target}_${header}" name)
  file(WRITE ${WORK}/${name}.cpp "#include ${header}\n")
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only ${flags} ${WORK}/${name}.cpp
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX REPLACE "^[\"<](.*)[\">]$" "\\1" bare "${header}")
  if(expect STREQUAL "ok")
    if(NOT code EQUAL 0)
      set(failures "${failures}\n${target} cannot include ${header} (exit ${code}):\n${err}" PARENT_SCOPE)
    endif()
  else()
    string(REPLACE "." "\\." pattern "fatal error: ${bare}: No such file or directory")
    if(code EQUAL 0)
      set(failures "${failures}\n${target} can include ${header}, a header above its layer" PARENT_SCOPE)
    elseif(NOT err MATCHES "${pattern}")
      set(failures "${failures}\n${target}: including ${header} failed, but not as a missing header:\n${err}"
          PARENT_SCOPE)
    endif()
  endif()
endfunction()

# core: its own headers only; no audio, ui, platform, SDL or ImGui.
expect_include(attune_core "\"core/model.hpp\"" ok)
expect_include(attune_core "\"audio/mixer.hpp\"" missing)
expect_include(attune_core "\"ui/look.hpp\"" missing)
expect_include(attune_core "\"platform/command.hpp\"" missing)
expect_include(attune_core "<SDL.h>" missing)
expect_include(attune_core "<imgui.h>" missing)
# audio: core and audio, but not the device's headers, not SDL, not ui or platform.
expect_include(attune_audio "\"audio/mixer.hpp\"" ok)
expect_include(attune_audio "\"core/timeline.hpp\"" ok)
expect_include(attune_audio "\"audio/live_audio.hpp\"" missing)
expect_include(attune_audio "\"audio/session_audio.hpp\"" missing)
expect_include(attune_audio "<SDL.h>" missing)
expect_include(attune_audio "<SDL_mixer.h>" missing)
expect_include(attune_audio "\"ui/look.hpp\"" missing)
expect_include(attune_audio "\"platform/command.hpp\"" missing)
# audio_device: audio and the device, with SDL; still no ui or platform.
expect_include(attune_audio_device "\"audio/session_audio.hpp\"" ok)
expect_include(attune_audio_device "\"audio/mixer.hpp\"" ok)
expect_include(attune_audio_device "<SDL_mixer.h>" ok)
expect_include(attune_audio_device "\"ui/look.hpp\"" missing)
expect_include(attune_audio_device "\"platform/command.hpp\"" missing)
# ui: core and ui (with ImGui), never audio, platform or SDL.
expect_include(attune_ui "\"ui/look.hpp\"" ok)
expect_include(attune_ui "\"core/player.hpp\"" ok)
expect_include(attune_ui "\"audio/mixer.hpp\"" missing)
expect_include(attune_ui "\"platform/command.hpp\"" missing)
expect_include(attune_ui "<SDL.h>" missing)
# platform: everything.
expect_include(attune_platform "\"platform/command.hpp\"" ok)
expect_include(attune_platform "\"ui/look.hpp\"" ok)
expect_include(attune_platform "\"audio/session_audio.hpp\"" ok)
expect_include(attune_platform "\"core/compile_file.hpp\"" ok)

# Only the device links SDL audio: attune_audio links neither SDL nor SDL_mixer, attune_audio_device does.
foreach(target attune_core attune_audio attune_ui)
  if("${${target}_LINKS}" MATCHES "SDL")
    set(failures "${failures}\n${target} links SDL: ${${target}_LINKS}")
  endif()
endforeach()
if(NOT "${attune_audio_device_LINKS}" MATCHES "SDL2_mixer::SDL2_mixer")
  set(failures "${failures}\nattune_audio_device does not link SDL_mixer: ${attune_audio_device_LINKS}")
endif()

if(failures)
  message(FATAL_ERROR "the layers leak:${failures}")
endif()
message(STATUS "every layer reaches its own headers and those below, and nothing above")
