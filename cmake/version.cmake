# version.cmake - writes version.h with the project version and `git describe`, at every
# build (not only at configure time), rewriting the file only when the text changes so that
# an unchanged version rebuilds nothing. Inputs: SRC (source dir), OUT (file), VERSION.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SRC}
                OUTPUT_VARIABLE git OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR git STREQUAL "")
  set(git "no-git")
endif()
set(text "/* version.h - generated at build time by cmake/version.cmake; do not edit. */\n#define HPCKIT_VERSION \"${VERSION}\"\n#define HPCKIT_GIT \"${git}\"\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUT} "${text}")
endif()
