# Finds every dependency; all come from Debian 12 packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED CONFIG)          # target: yaml-cpp (0.7 has no namespace)
find_package(fmt REQUIRED CONFIG)               # fmt::fmt
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)

if(ATTUNE_BUILD_APP)
  find_package(SDL2 REQUIRED CONFIG)            # SDL2::SDL2
  find_package(SDL2_mixer REQUIRED CONFIG)      # SDL2_mixer::SDL2_mixer (link SDL2::SDL2 too)
  find_package(OpenGL REQUIRED)                 # OpenGL::GL
  find_package(CLI11 REQUIRED CONFIG)           # CLI11::CLI11
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)      # PkgConfig::IMGUI (with stb)
  pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng) # PkgConfig::ESPEAK
  # flite (flite1-dev) has no pkg-config file: its headers and static libraries are found by name. The
  # natural English voices (shared libflite1); without them English falls back to espeak-ng.
  find_path(FLITE_INCLUDE_DIR flite/flite.h)
  set(ATTUNE_FLITE_LIBRARIES)
  foreach(flite_lib flite_cmu_us_slt flite_cmu_us_kal16 flite_cmu_us_rms flite_cmu_us_awb flite_usenglish
                    flite_cmulex flite)
    find_library(ATTUNE_LIB_${flite_lib} NAMES ${flite_lib})
    if(ATTUNE_LIB_${flite_lib})
      list(APPEND ATTUNE_FLITE_LIBRARIES ${ATTUNE_LIB_${flite_lib}})
    endif()
  endforeach()
  list(LENGTH ATTUNE_FLITE_LIBRARIES flite_found)
  if(FLITE_INCLUDE_DIR AND flite_found EQUAL 7)
    add_library(attune_flite INTERFACE)  # link order: voices, usenglish, cmulex, flite, m
    target_include_directories(attune_flite SYSTEM INTERFACE ${FLITE_INCLUDE_DIR})
    target_link_libraries(attune_flite INTERFACE ${ATTUNE_FLITE_LIBRARIES} m)
    target_compile_definitions(attune_flite INTERFACE ATTUNE_HAVE_FLITE=1)
    message(STATUS "flite found: natural English voices")
  else()
    add_library(attune_flite INTERFACE)
    message(WARNING "flite (flite1-dev) not found: English is spoken by espeak-ng")
  endif()
  pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)  # PkgConfig::SNDFILE
  pkg_check_modules(EBUR128 REQUIRED IMPORTED_TARGET libebur128)  # PkgConfig::EBUR128 (audio: loudness)
  pkg_check_modules(FRIBIDI REQUIRED IMPORTED_TARGET fribidi)  # PkgConfig::FRIBIDI (ui: right-to-left text)
  pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)  # PkgConfig::FONTCONFIG (platform)
endif()
if(ATTUNE_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(ATTUNE_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)       # benchmark::benchmark
endif()
