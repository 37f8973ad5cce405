# cmake/IncludeRoots.cmake: one include folder per layer, generated in the build tree and holding only
# symbolic links, so that a layer can name its own headers and those of the layers below it and nothing
# else. build/include/core holds `core -> app/core`: a target whose include path is that folder can write
# `#include "core/model.hpp"`, while `#include "ui/look.hpp"` is not found. Each layer's library puts its
# own folder on its PUBLIC include path; the layers it links add theirs (tests/layers proves it).
set(ATTUNE_INCLUDE_DIR ${PROJECT_BINARY_DIR}/include)

# attune_include_root(NAME PREFIX DIR): build/include/NAME/PREFIX -> DIR (a whole source folder).
function(attune_include_root name prefix dir)
  set(root ${ATTUNE_INCLUDE_DIR}/${name})
  file(MAKE_DIRECTORY ${root})
  if(NOT IS_SYMLINK ${root}/${prefix})
    file(CREATE_LINK ${dir} ${root}/${prefix} SYMBOLIC)
  endif()
endfunction()

# attune_include_files(NAME PREFIX DIR FILE...): build/include/NAME/PREFIX/FILE -> DIR/FILE for the listed
# headers only (a folder shared by two layers, as audio/ is by attune_audio and attune_audio_device). Links
# to headers no longer listed are removed.
function(attune_include_files name prefix dir)
  set(folder ${ATTUNE_INCLUDE_DIR}/${name}/${prefix})
  file(MAKE_DIRECTORY ${folder})
  file(GLOB present LIST_DIRECTORIES false RELATIVE ${folder} ${folder}/*)
  foreach(file ${present})
    if(NOT file IN_LIST ARGN)
      file(REMOVE ${folder}/${file})
    endif()
  endforeach()
  foreach(file ${ARGN})
    if(NOT IS_SYMLINK ${folder}/${file})
      file(CREATE_LINK ${dir}/${file} ${folder}/${file} SYMBOLIC)
    endif()
  endforeach()
endfunction()
